// PUT /admin/users/{user_id} (api/admin.go adminUserUpdate): role, email (its identity created
// or updated), `email_confirm`, password (strength rules apply; every session is signed out),
// metadata merges and `ban_duration`. Any database failure is "Error updating user" (500).
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import type { RouteHandler } from '../runtime.ts';
import {
	confirmUser,
	createIdentity,
	emailIdentityData,
	findIdentity,
	findUserById,
	transaction,
	updateAppMetadata,
	updateIdentityData,
	updateUser,
	updateUserMetadata
} from '../users.ts';
import { validateEmail } from '../validate.ts';
import { updatePasswordColumns } from '../verification.ts';
import { ADMIN_USER_PARAMS, banUntil, loadTargetUser } from './admin-shared.ts';
import { respond, userWithIdentities } from './shared.ts';

export const adminUpdateUser: RouteHandler = async (call) => {
	const { auth } = call;
	const target = await loadTargetUser(call);
	const params = decodeParams(await call.body(), ADMIN_USER_PARAMS, 'AdminUserParams');
	const email = params.email ? validateEmail(params.email) : '';
	if (params.phone) throw authErrors.notSupported('Phone users (no SMS provider)');
	const ban = banUntil(params.ban_duration);
	const password = params.password ?? null;
	let hash: string | null = null;
	if (password !== null) {
		const weak = checkPasswordStrength(auth.settings, password);
		if (weak) throw weak;
		hash = password === '' ? null : await hashPassword(auth.hashPool, password);
	}
	let user;
	try {
		user = await transaction(auth.pool, async (db) => {
			let current = target;
			if (params.role) current = await updateUser(db, current.id, { role: params.role.trim() });
			if (params.email_confirm) current = await confirmUser(db, current);
			if (password !== null) {
				current = await updatePasswordColumns(db, current, hash);
				await db.query('delete from auth.sessions where user_id = $1', [current.id]);
			}
			if (email !== '') {
				const identity = await findIdentity(db, current.id, 'email');
				if (!identity)
					await createIdentity(
						db,
						current.id,
						'email',
						emailIdentityData(current.id, email, Boolean(params.email_confirm))
					);
				else
					await updateIdentityData(db, identity, {
						email,
						email_verified: Boolean(params.email_confirm)
					});
				if (current.is_anonymous && params.email_confirm)
					current = await updateUser(db, current.id, { is_anonymous: false });
				current = await updateUser(db, current.id, { email });
			}
			if (params.app_metadata) current = await updateAppMetadata(db, current, params.app_metadata);
			if (params.user_metadata)
				current = await updateUserMetadata(db, current, params.user_metadata);
			if (ban.set) current = await updateUser(db, current.id, { banned_until: ban.until });
			return (await findUserById(db, current.id))!;
		});
	} catch (error) {
		throw authErrors.unexpected('Error updating user', error);
	}
	respond(call, 200, await userWithIdentities(auth.pool, user));
};
