// POST /recover (api/recover.go): sends the password-recovery email (PKCE when a code_challenge
// comes); an unknown address gets the same empty answer, so accounts cannot be probed.
import { sendRecovery } from '../emails.ts';
import { authErrors } from '../errors.ts';
import { createFlowState, validatePkceParams } from '../flow-state.ts';
import { decodeParams } from '../http.ts';
import type { RouteHandler } from '../runtime.ts';
import { findUserByEmail, transaction } from '../users.ts';
import { validateEmail } from '../validate.ts';
import { rateLimit, requestAud, respond } from './shared.ts';

const PARAMS = {
	email: 'string',
	code_challenge: 'string',
	code_challenge_method: 'string'
} as const;

export const recover: RouteHandler = async (call) => {
	const { auth } = call;
	rateLimit(call, auth.limiters.recover);
	if (!auth.settings.emailEnabled)
		throw authErrors.emailProviderDisabled('Email logins are disabled');
	const params = decodeParams(await call.body(), PARAMS, 'RecoverParams');
	const challenge = params.code_challenge ?? '';
	const method = params.code_challenge_method ?? '';
	if (!params.email) throw authErrors.validation('Password recovery requires an email');
	const email = validateEmail(params.email);
	validatePkceParams(method, challenge);
	const user = await findUserByEmail(
		auth.pool,
		email,
		requestAud(call),
		'Unable to process request'
	);
	if (!user) {
		respond(call, 200, {});
		return;
	}
	const pkce = challenge !== '';
	if (pkce)
		await createFlowState(auth.pool, {
			providerType: 'recovery',
			authenticationMethod: 'recovery',
			codeChallengeMethod: method,
			codeChallenge: challenge,
			userId: user.id
		});
	await transaction(auth.pool, (db) => sendRecovery(call, db, user, pkce));
	respond(call, 200, {});
};
