// POST /invite (api/invite.go): creates a password-less user for the address (unless an
// unconfirmed one exists) and emails an invitation link; a confirmed address is email_exists.
import { insertUser } from '../accounts.ts';
import { sendInvite } from '../emails.ts';
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import type { RouteHandler } from '../runtime.ts';
import {
	createIdentity,
	emailIdentityData,
	findUserByEmail,
	findUserById,
	transaction
} from '../users.ts';
import { validateEmail } from '../validate.ts';
import { requestAud, respond, userWithIdentities } from './shared.ts';

export const invite: RouteHandler = async (call) => {
	const { auth } = call;
	const params = decodeParams(
		await call.body(),
		{ email: 'string', data: 'object' },
		'InviteParams'
	);
	const email = validateEmail(params.email ?? '');
	const aud = requestAud(call);
	const existing = await findUserByEmail(auth.pool, email, aud);
	const user = await transaction(auth.pool, async (db) => {
		let current = existing;
		if (current?.email_confirmed_at) throw authErrors.emailExists();
		if (!current) {
			current = await insertUser(db, {
				email,
				encryptedPassword: '',
				aud,
				userMetadata: params.data ?? null,
				appMetadata: { provider: 'email', providers: ['email'] },
				role: auth.settings.defaultRole
			});
			await createIdentity(db, current.id, 'email', emailIdentityData(current.id, email));
		}
		await sendInvite(call, db, current);
		return (await findUserById(db, current.id))!;
	});
	respond(call, 200, await userWithIdentities(auth.pool, user));
};
