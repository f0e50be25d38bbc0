// POST /admin/users (api/admin.go adminUserCreate): a user with an email identity, a password
// (random when none is given, or a bcrypt `password_hash`), metadata, role, optional custom id,
// `email_confirm` and `ban_duration`. The password strength rules do not apply here, as in GoTrue.
import { insertUser, randomPassword } from '../accounts.ts';
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import { hashPassword, isBcryptHash, MAX_PASSWORD_LENGTH } from '../passwords.ts';
import type { RouteHandler } from '../runtime.ts';
import {
	confirmUser,
	createIdentity,
	emailIdentityData,
	findDuplicateEmail,
	findUserById,
	NIL_UUID,
	transaction,
	updateAppMetadata,
	updateUser
} from '../users.ts';
import { validateEmail } from '../validate.ts';
import { ADMIN_USER_PARAMS, banUntil, isUuid } from './admin-shared.ts';
import { requestAud, respond, userWithIdentities } from './shared.ts';

export const adminCreateUser: RouteHandler = async (call) => {
	const { auth } = call;
	const params = decodeParams(await call.body(), ADMIN_USER_PARAMS, 'AdminUserParams');
	const aud = params.aud || requestAud(call);
	if (!params.email && !params.phone)
		throw authErrors.validation('Cannot create a user without either an email or phone');
	if (params.phone) throw authErrors.notSupported('Phone users (no SMS provider)');
	const email = validateEmail(params.email!);
	if (await findDuplicateEmail(auth.pool, email, aud, null)) throw authErrors.emailExists();
	const password = params.password ?? null;
	const passwordHash = params.password_hash ?? '';
	if (password !== null && passwordHash !== '')
		throw authErrors.validation('Only a password or a password hash should be provided');
	let encrypted: string;
	if (passwordHash !== '') {
		if (passwordHash.startsWith('$argon2') || passwordHash.startsWith('$fbscrypt'))
			throw authErrors.validation(
				'The local stack verifies bcrypt password hashes only (no Argon2 or Firebase scrypt)'
			);
		if (!isBcryptHash(passwordHash))
			throw authErrors.unexpected(
				'Error creating user',
				new Error('crypto/bcrypt: hashedSecret too short to be a bcrypted password')
			);
		encrypted = passwordHash;
	} else {
		const chosen = password || randomPassword();
		if (Buffer.byteLength(chosen) > MAX_PASSWORD_LENGTH)
			throw authErrors.validation('bcrypt: password length exceeds 72 bytes');
		encrypted = await hashPassword(auth.hashPool, chosen);
	}
	let id: string | undefined;
	if (params.id) {
		if (!isUuid(params.id)) throw authErrors.validation('ID must conform to the uuid v4 format');
		if (params.id.replaceAll('-', '') === NIL_UUID.replaceAll('-', ''))
			throw authErrors.validation('ID cannot be a nil uuid');
		id = params.id.toLowerCase();
	}
	const ban = banUntil(params.ban_duration);
	try {
		const user = await transaction(auth.pool, async (db) => {
			let current = await insertUser(
				db,
				{
					id,
					email,
					encryptedPassword: encrypted,
					aud,
					userMetadata: params.user_metadata ?? null,
					appMetadata: { provider: 'email', providers: ['email'] },
					role: params.role || auth.settings.defaultRole
				},
				'Database error creating new user'
			);
			await createIdentity(db, current.id, 'email', emailIdentityData(current.id, email));
			if (params.app_metadata) current = await updateAppMetadata(db, current, params.app_metadata);
			if (params.email_confirm) current = await confirmUser(db, current);
			if (ban.set) current = await updateUser(db, current.id, { banned_until: ban.until });
			return (await findUserById(db, current.id))!;
		});
		respond(call, 200, await userWithIdentities(auth.pool, user));
	} catch (error) {
		throw authErrors.unexpected('Database error creating new user', error);
	}
};
