// grant_type=password (api/token.go ResourceOwnerPasswordGrant): email + password against the
// bcrypt hash; unknown address, missing password and wrong password all read "Invalid login
// credentials"; an unconfirmed email is refused; a correct but now-too-weak password still
// signs in, with `weak_password` in the answer.
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import { checkPasswordStrength, verifyPassword } from '../passwords.ts';
import type { RouteHandler } from '../runtime.ts';
import { issueSession } from '../sessions.ts';
import { findUserByEmail, isBanned, transaction } from '../users.ts';
import { requestAud, respond } from './shared.ts';

const PARAMS = { email: 'string', phone: 'string', password: 'string' } as const;

export const passwordGrant: RouteHandler = async (call) => {
	const { auth } = call;
	const params = decodeParams(await call.body(), PARAMS, 'PasswordGrantParams');
	const email = params.email ?? '';
	const phone = params.phone ?? '';
	const password = params.password ?? '';
	if (email !== '' && phone !== '')
		throw authErrors.validation(
			'Only an email address or phone number should be provided on login.'
		);
	if (email === '' && phone === '') throw authErrors.validation('missing email or phone');
	if (email === '') throw authErrors.phoneProviderDisabled('Phone logins are disabled', 422);
	if (!auth.settings.emailEnabled)
		throw authErrors.emailProviderDisabled('Email logins are disabled', 422);
	const user = await findUserByEmail(
		auth.pool,
		email,
		requestAud(call),
		'Database error querying schema'
	);
	if (!user || !user.encrypted_password) throw authErrors.invalidCredentials();
	if (isBanned(user)) throw authErrors.userBanned();
	const valid = await verifyPassword(auth.hashPool, password, user.encrypted_password);
	const weak = valid ? checkPasswordStrength(auth.settings, password) : null;
	if (!valid) throw authErrors.invalidCredentials();
	if (!user.email_confirmed_at) throw authErrors.emailNotConfirmed();
	const session = await transaction(auth.pool, (db) => issueSession(call, db, user, 'password'));
	const body = weak?.reasons
		? { ...session.body, weak_password: { message: weak.message, reasons: weak.reasons } }
		: session.body;
	respond(call, 200, body, session.headers);
};
