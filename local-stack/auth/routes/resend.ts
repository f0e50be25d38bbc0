// POST /resend (api/resend.go): sends the signup confirmation or the email-change links again
// (new tokens, PKCE when asked), within `max_frequency`; nothing to resend answers `{}` too.
import { sendConfirmation, sendEmailChange } from '../emails.ts';
import { authErrors } from '../errors.ts';
import { createFlowState, validatePkceParams } from '../flow-state.ts';
import { decodeParams } from '../http.ts';
import type { RouteHandler } from '../runtime.ts';
import { findUserByEmail, transaction } from '../users.ts';
import { validateEmail } from '../validate.ts';
import { rateLimit, requestAud, respond } from './shared.ts';

const PARAMS = {
	type: 'string',
	email: 'string',
	phone: 'string',
	code_challenge: 'string',
	code_challenge_method: 'string'
} as const;

export const resend: RouteHandler = async (call) => {
	const { auth } = call;
	rateLimit(call, auth.limiters.resend);
	const params = decodeParams(await call.body(), PARAMS, 'ResendConfirmationParams');
	const type = params.type ?? '';
	const method = params.code_challenge_method ?? '';
	const challenge = params.code_challenge ?? '';
	if (type === 'signup' || type === 'email_change') validatePkceParams(method, challenge);
	else if (type !== 'sms' && type !== 'phone_change')
		throw authErrors.validation(
			'Missing one of these types: signup, email_change, sms, phone_change'
		);
	if (!params.email && type === 'signup')
		throw authErrors.validation('Type provided requires an email address');
	if (!params.phone && type === 'sms')
		throw authErrors.validation('Type provided requires a phone number');
	if (params.email && params.phone)
		throw authErrors.validation('Only an email address or phone number should be provided.');
	if (!params.email && !params.phone)
		throw authErrors.validation('Missing email address or phone number');
	if (!params.email || type === 'sms' || type === 'phone_change')
		throw authErrors.phoneProviderDisabled('Phone logins are disabled');
	if (!auth.settings.emailEnabled)
		throw authErrors.emailProviderDisabled('Email logins are disabled');
	const email = validateEmail(params.email);
	const user = await findUserByEmail(
		auth.pool,
		email,
		requestAud(call),
		'Unable to process request'
	);
	if (
		!user ||
		(type === 'signup' && user.email_confirmed_at) ||
		(type === 'email_change' && !user.email_change)
	) {
		respond(call, 200, {});
		return;
	}
	const pkce = challenge !== '';
	await transaction(auth.pool, async (db) => {
		if (pkce)
			await createFlowState(db, {
				providerType: type === 'signup' ? 'email/signup' : 'email_change',
				authenticationMethod: type === 'signup' ? 'email/signup' : 'email_change',
				codeChallengeMethod: method,
				codeChallenge: challenge,
				userId: user.id
			});
		if (type === 'signup') await sendConfirmation(call, db, user, pkce);
		else await sendEmailChange(call, db, user, user.email_change!, pkce);
	});
	respond(call, 200, {});
};
