// POST /otp and POST /magiclink (api/otp.go, magic_link.go): the email sign-in link (and code).
// An address without a confirmed account is signed up first with a throw-away password, unless
// `create_user` is false; with confirmations off the link follows the sign-up, with them on the
// confirmation email is the link. Phone OTP needs an SMS provider the local stack has not.
import { sendMagicLink } from '../emails.ts';
import { authErrors } from '../errors.ts';
import { createFlowState, validatePkceParams } from '../flow-state.ts';
import { decodeParams } from '../http.ts';
import type { UserRow } from '../present.ts';
import type { AuthCall, RouteHandler } from '../runtime.ts';
import { findUserByEmail, transaction } from '../users.ts';
import { validateEmail } from '../validate.ts';
import { rateLimit, requestAud, respond } from './shared.ts';
import { performSignup } from './signup.ts';

const PARAMS = {
	email: 'string',
	phone: 'string',
	create_user: 'bool',
	data: 'object',
	channel: 'string',
	code_challenge_method: 'string',
	code_challenge: 'string'
} as const;

/** crypto.GeneratePassword: one character of each required set, the rest alphanumeric. */
function throwAwayPassword(requiredSets: string[], length = 33): string {
	const pick = (set: string) => set[Math.floor(Math.random() * set.length)];
	const alphanumeric = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	let password = requiredSets.map(pick).join('');
	while (password.length < length) password += pick(alphanumeric);
	return password;
}

async function magicLink(
	call: AuthCall,
	input: { email: string; data: Record<string, unknown>; method: string; challenge: string }
): Promise<void> {
	const { auth } = call;
	if (!auth.settings.emailEnabled)
		throw authErrors.emailProviderDisabled('Email logins are disabled', 422);
	if (input.email === '') throw authErrors.validation('Password recovery requires an email', 422);
	const email = validateEmail(input.email);
	validatePkceParams(input.method, input.challenge);
	const pkce = input.challenge !== '';
	const user: UserRow | null = await findUserByEmail(auth.pool, email, requestAud(call));
	if (!user || !user.email_confirmed_at) {
		await performSignup(call, {
			email,
			phone: '',
			password: throwAwayPassword(auth.settings.requiredCharacters),
			data: input.data,
			codeChallengeMethod: input.method,
			codeChallenge: input.challenge
		});
		// Confirmed at sign-up: the link is sent now. Otherwise the confirmation email is it.
		if (auth.settings.autoconfirm) await magicLink(call, { ...input, email });
		return;
	}
	if (pkce)
		await createFlowState(auth.pool, {
			providerType: 'magiclink',
			authenticationMethod: 'magiclink',
			codeChallengeMethod: input.method,
			codeChallenge: input.challenge,
			userId: user.id
		});
	await transaction(auth.pool, (db) => sendMagicLink(call, db, user, pkce));
}

function otpHandler(deprecatedMagicLink: boolean): RouteHandler {
	return async (call) => {
		const { auth } = call;
		rateLimit(call, deprecatedMagicLink ? auth.limiters.magicLink : auth.limiters.otp);
		const params = decodeParams(
			await call.body(),
			PARAMS,
			deprecatedMagicLink ? 'MagicLinkParams' : 'OtpParams'
		);
		const email = params.email ?? '';
		const phone = params.phone ?? '';
		const method = params.code_challenge_method ?? '';
		const challenge = params.code_challenge ?? '';
		if (!deprecatedMagicLink) {
			if (email !== '' && phone !== '')
				throw authErrors.validation('Only an email address or phone number should be provided');
			if (email !== '' && params.channel)
				throw authErrors.validation('Channel should only be specified with Phone OTP');
			validatePkceParams(method, challenge);
			if (params.create_user === false && email !== '') {
				const existing = await findUserByEmail(auth.pool, validateEmail(email), requestAud(call));
				if (!existing) throw authErrors.otpDisabled();
			}
			if (email === '' && phone !== '')
				throw authErrors.phoneProviderDisabled('Unsupported phone provider');
			if (email === '') throw authErrors.validation('One of email or phone must be set');
		}
		await magicLink(call, { email, data: params.data ?? {}, method, challenge });
		respond(call, 200, {});
	};
}

export const otp = otpHandler(false);
export const magicLinkRoute = otpHandler(true);
