// GET /reauthenticate (api/reauthenticate.go): emails the caller a one-time code, the `nonce`
// that PUT /user asks for when `secure_password_change` is on.
import { sendReauthentication } from '../emails.ts';
import { authErrors } from '../errors.ts';
import type { RouteHandler } from '../runtime.ts';
import { transaction } from '../users.ts';
import { respond } from './shared.ts';

export const reauthenticate: RouteHandler = async (call) => {
	const user = call.caller!.user!;
	if (!user.email && !user.phone)
		throw authErrors.validation(
			'Reauthentication requires the user to have an email or a phone number'
		);
	if (!user.email) throw authErrors.phoneProviderDisabled('Phone logins are disabled', 422);
	if (!user.email_confirmed_at) throw authErrors.emailNotConfirmedForReauthentication();
	await transaction(call.auth.pool, (db) => sendReauthentication(call, db, user));
	respond(call, 200, {});
};
