// POST /signup (api/signup.go, anonymous.go): email + password sign-up with `data` as user
// metadata. With confirmations off (the CLI default here) the user is confirmed and signed in
// at once; with them on, a confirmation email is sent (PKCE when a code_challenge comes) and a
// repeated sign-up of a confirmed address answers a look-alike user instead of an error.
// No email and no phone is an anonymous sign-in when `enable_anonymous_sign_ins` allows it.
import { randomUUID } from 'node:crypto';
import { insertUser } from '../accounts.ts';
import { sendConfirmation } from '../emails.ts';
import { authErrors } from '../errors.ts';
import { createFlowState, validatePkceParams } from '../flow-state.ts';
import { decodeParams } from '../http.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import { presentUser } from '../present.ts';
import type { IdentityRow, UserRow } from '../present.ts';
import type { AuthCall, RouteHandler } from '../runtime.ts';
import { issueSession } from '../sessions.ts';
import {
	confirmUser,
	createIdentity,
	emailIdentityData,
	findDuplicateEmail,
	findIdentity,
	refreshProviders,
	transaction,
	updateUser
} from '../users.ts';
import { validateEmail } from '../validate.ts';
import { rateLimit, requestAud, respond } from './shared.ts';

export const SIGNUP_PARAMS = {
	email: 'string',
	phone: 'string',
	password: 'string',
	data: 'object',
	channel: 'string',
	code_challenge_method: 'string',
	code_challenge: 'string'
} as const;

export type SignupInput = {
	email: string;
	phone: string;
	password: string;
	data: Record<string, unknown>;
	codeChallengeMethod: string;
	codeChallenge: string;
};

export type SignupResult =
	| { kind: 'session'; body: Record<string, unknown>; headers: Record<string, string> }
	| { kind: 'user'; body: Record<string, unknown> };

class UserExists extends Error {}

/** sanitizeUser: what a repeated sign-up of a confirmed address gets, revealing nothing. */
function lookAlikeUser(user: UserRow, input: SignupInput, aud: string): Record<string, unknown> {
	const now = new Date().toISOString();
	return presentUser(
		{
			...user,
			id: randomUUID(),
			role: '',
			email_change: '',
			created_at: now,
			updated_at: now,
			confirmation_sent_at: now,
			last_sign_in_at: null,
			confirmed_at: null,
			email_change_sent_at: null,
			email_confirmed_at: null,
			phone_confirmed_at: null,
			raw_user_meta_data: input.data,
			aud,
			raw_app_meta_data: { provider: 'email', providers: ['email'] },
			phone: ''
		},
		[]
	);
}

/** Signup after the rate limiter: also what /otp runs for an address nobody has yet. */
export async function performSignup(call: AuthCall, input: SignupInput): Promise<SignupResult> {
	const { auth } = call;
	const settings = auth.settings;
	if (settings.disableSignup) throw authErrors.signupDisabled();
	if (input.password === '') throw authErrors.validation('Signup requires a valid password');
	const weak = checkPasswordStrength(settings, input.password);
	if (weak) throw weak;
	if (input.email !== '' && input.phone !== '')
		throw authErrors.validation(
			'Only an email address or phone number should be provided on signup.'
		);
	if (input.phone !== '' && input.codeChallenge !== '')
		throw authErrors.validation('PKCE not supported for phone signups');
	validatePkceParams(input.codeChallengeMethod, input.codeChallenge);
	if (input.email === '') throw authErrors.phoneProviderDisabled('Phone signups are disabled');
	if (!settings.emailEnabled) throw authErrors.emailProviderDisabled('Email signups are disabled');
	const email = validateEmail(input.email);
	const aud = requestAud(call);
	const pkce = input.codeChallenge !== '';

	const existing = await findDuplicateEmail(auth.pool, email, aud, null);
	const hash = existing ? null : await hashPassword(auth.hashPool, input.password);
	let identities: IdentityRow[] = [];
	let user: UserRow;
	try {
		user = await transaction(auth.pool, async (db) => {
			let current: UserRow;
			if (existing) {
				if (existing.email_confirmed_at) throw new UserExists();
				current = existing;
			} else {
				current = await insertUser(db, {
					email,
					encryptedPassword: hash!,
					aud,
					userMetadata: input.data,
					appMetadata: { provider: 'email', providers: ['email'] },
					role: settings.defaultRole
				});
			}
			let identity = await findIdentity(db, current.id, 'email');
			if (!identity) {
				const identityData: Record<string, unknown> = emailIdentityData(
					current.id,
					current.email ?? ''
				);
				for (const [key, value] of Object.entries(input.data))
					if (!(key in identityData)) identityData[key] = value;
				identity = await createIdentity(db, current.id, 'email', identityData);
				// RemoveUnconfirmedIdentities: an unconfirmed user takes this identity's metadata.
				current = await updateUser(db, current.id, {
					raw_user_meta_data: JSON.stringify(identity.identity_data)
				});
				await db.query('delete from auth.identities where user_id = $1 and id <> $2', [
					current.id,
					identity.id
				]);
				current = await refreshProviders(db, current);
			}
			identities = [identity];
			if (!current.email_confirmed_at) {
				if (settings.autoconfirm) {
					current = await confirmUser(db, current);
				} else {
					if (pkce)
						await createFlowState(db, {
							providerType: 'email',
							authenticationMethod: 'email/signup',
							codeChallengeMethod: input.codeChallengeMethod,
							codeChallenge: input.codeChallenge,
							userId: current.id
						});
					current = await sendConfirmation(call, db, current, pkce);
				}
			}
			return current;
		});
	} catch (error) {
		if (!(error instanceof UserExists)) throw error;
		if (settings.autoconfirm) throw authErrors.userAlreadyExists();
		return { kind: 'user', body: lookAlikeUser(existing!, input, aud) };
	}
	if (user.email_confirmed_at) {
		const session = await transaction(auth.pool, (db) => issueSession(call, db, user, 'password'));
		return { kind: 'session', body: session.body, headers: session.headers };
	}
	return { kind: 'user', body: presentUser(user, identities) };
}

/** SignupAnonymously: a user without email, signed in with the `anonymous` method. */
async function signupAnonymously(call: AuthCall, data: Record<string, unknown>) {
	const { auth } = call;
	if (auth.settings.disableSignup) throw authErrors.signupDisabled();
	const aud = requestAud(call);
	try {
		return await transaction(auth.pool, async (db) => {
			const user = await insertUser(db, {
				email: null,
				encryptedPassword: '',
				aud,
				userMetadata: data,
				appMetadata: {},
				role: auth.settings.defaultRole,
				isAnonymous: true
			});
			return issueSession(call, db, user, 'anonymous');
		});
	} catch (error) {
		throw authErrors.unexpected('Database error creating anonymous user', error);
	}
}

export const signup: RouteHandler = async (call) => {
	const params = decodeParams(await call.body(), SIGNUP_PARAMS, 'SignupParams');
	const input: SignupInput = {
		email: params.email ?? '',
		phone: params.phone ?? '',
		password: params.password ?? '',
		data: params.data ?? {},
		codeChallengeMethod: params.code_challenge_method ?? '',
		codeChallenge: params.code_challenge ?? ''
	};
	if (input.email === '' && input.phone === '') {
		if (!call.auth.settings.anonymousEnabled) throw authErrors.anonymousProviderDisabled();
		rateLimit(call, call.auth.limiters.anonymous);
		const session = await signupAnonymously(call, input.data);
		respond(call, 200, session.body, session.headers);
		return;
	}
	rateLimit(call, call.auth.limiters.signups);
	const result = await performSignup(call, input);
	respond(call, 200, result.body, result.kind === 'session' ? result.headers : {});
};
