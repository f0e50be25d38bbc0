// GET and POST /verify (api/verify.go). GET is the email link: the token is applied, then a 303
// sends the browser to redirect_to with the session in the fragment (implicit flow), `?code=`
// (PKCE, token prefixed `pkce_`) or `#error=…&error_code=…&error_description=…` on failure.
// POST takes `{type, token_hash}` or `{type, email, token}` and answers with a session.
import { authErrors, AuthError } from '../errors.ts';
import { issueAuthCode } from '../flow-state.ts';
import { decodeParams, encodeValues, sendRedirect } from '../http.ts';
import { PKCE_PREFIX, tokenHash } from '../otp.ts';
import { referrer } from '../redirect.ts';
import type { AuthCall, RouteHandler } from '../runtime.ts';
import { issueSession } from '../sessions.ts';
import { findUserById, refreshProviders, transaction } from '../users.ts';
import { validateEmail } from '../validate.ts';
import {
	applyVerification,
	SINGLE_CONFIRMATION_ACCEPTED,
	verifyEmailOtp,
	verifyTokenHash
} from '../verification.ts';
import { rateLimit, requestAud, respond } from './shared.ts';

const OAUTH_ERRORS: Record<number, string> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable'
};

/** url.URL.String()'s escaping of a fragment: what is not allowed there is percent-encoded. */
function escapeFragment(fragment: string): string {
	return fragment.replace(/[^A-Za-z0-9\-._~$&+,/:;=?@!()*']/g, (char) =>
		[...Buffer.from(char)]
			.map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
			.join('')
	);
}

type Parsed = { base: string; query: Record<string, string> };

/** Splits a redirect URL into what precedes the query and its decoded query values. */
function splitUrl(url: string): Parsed {
	const withoutFragment = url.split('#')[0];
	const at = withoutFragment.indexOf('?');
	if (at === -1) return { base: withoutFragment, query: {} };
	const query: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(withoutFragment.slice(at + 1)))
		if (!(key in query)) query[key] = value;
	return { base: withoutFragment.slice(0, at), query };
}

const join = (parsed: Parsed) => {
	const query = encodeValues(parsed.query);
	return query ? `${parsed.base}?${query}` : parsed.base;
};

/** prepErrorRedirectURL */
export function errorRedirect(error: AuthError, redirectTo: string, pkce: boolean): string {
	const parsed = splitUrl(redirectTo);
	const fragment: Record<string, string> = {};
	const oauth = OAUTH_ERRORS[error.status];
	if (oauth) fragment.error = oauth;
	fragment.error_code = error.code;
	fragment.error_description = error.message;
	if (pkce) Object.assign(parsed.query, fragment);
	fragment.sb = '';
	return `${pkce ? join(parsed) : redirectTo.split('#')[0]}#${escapeFragment(encodeValues(fragment))}`;
}

/** prepRedirectURL: the "confirm the other link" message of a double email change. */
function messageRedirect(message: string, redirectTo: string, pkce: boolean): string {
	const parsed = splitUrl(redirectTo);
	if (pkce) parsed.query.message = message;
	return `${join(parsed)}#${escapeFragment(encodeValues({ message, sb: '' }))}`;
}

/** ParseAuthenticationMethod for the types an email link carries. */
function authenticationMethod(type: string): string {
	if (type.endsWith('signup')) return 'email/signup';
	if (['invite', 'recovery', 'magiclink', 'email_change', 'otp'].includes(type)) return type;
	throw authErrors.unexpected(`unsupported authentication method ${type}`);
}

async function verifyGet(call: AuthCall) {
	const { auth } = call;
	const token = call.url.searchParams.get('token') ?? '';
	const type = call.url.searchParams.get('type') ?? '';
	const redirectTo = referrer(auth.settings, call.request.raw, call.url);
	if (type === '') throw authErrors.validation('Verify requires a verification type');
	if (token === '') throw authErrors.validation('Verify requires a token or a token hash');
	const pkce = token.startsWith(PKCE_PREFIX);
	const method = pkce ? authenticationMethod(type) : '';
	let location: string;
	try {
		location = await transaction(auth.pool, async (db) => {
			const found = await verifyTokenHash(auth, db, type, token);
			const verified = await applyVerification(auth, db, found.user, found.type, {
				token,
				hash: token
			});
			if (!verified) return messageRedirect(SINGLE_CONFIRMATION_ACCEPTED, redirectTo, pkce);
			await refreshProviders(db, verified);
			const user = (await findUserById(db, verified.id))!;
			if (pkce) {
				const code = await issueAuthCode(db, user.id, method);
				const parsed = splitUrl(redirectTo);
				parsed.query.code = code;
				return join(parsed);
			}
			const session = await issueSession(call, db, user, 'otp');
			const body = session.body;
			return `${redirectTo}#${encodeValues({
				access_token: String(body.access_token),
				expires_at: String(body.expires_at),
				expires_in: String(body.expires_in),
				refresh_token: String(body.refresh_token),
				sb: '',
				token_type: 'bearer',
				type
			})}`;
		});
	} catch (error) {
		if (!(error instanceof AuthError)) throw error;
		location = errorRedirect(error, redirectTo, pkce);
	}
	sendRedirect(call.response, call.request.method, location);
}

const POST_PARAMS = {
	type: 'string',
	token: 'string',
	token_hash: 'string',
	email: 'string',
	phone: 'string',
	redirect_to: 'string'
} as const;

async function verifyPost(call: AuthCall) {
	const { auth } = call;
	const params = decodeParams(await call.body(), POST_PARAMS, 'VerifyParams');
	const type = params.type ?? '';
	const token = params.token ?? '';
	let hash = params.token_hash ?? '';
	const email = params.email ?? '';
	const phone = params.phone ?? '';
	if (type === '') throw authErrors.validation('Verify requires a verification type');
	if ((token === '' && hash === '') || (token !== '' && hash !== ''))
		throw authErrors.validation('Verify requires either a token or a token hash');
	let normalizedEmail = '';
	if (token !== '') {
		if (phone !== '' && email === '')
			throw authErrors.phoneProviderDisabled('Phone logins are disabled', 422);
		if (email === '' || phone !== '')
			throw authErrors.validation(
				'Only an email address or phone number should be provided on verify'
			);
		try {
			normalizedEmail = validateEmail(email);
		} catch {
			throw authErrors.validation('Invalid email format', 422);
		}
		hash = tokenHash(normalizedEmail, token);
	} else if (email !== '' || phone !== '' || (params.redirect_to ?? '') !== '') {
		throw authErrors.validation('Only the token_hash and type should be provided');
	}
	if (type === 'sms' || type === 'phone_change')
		throw authErrors.phoneProviderDisabled('Phone logins are disabled', 422);

	const result = await transaction(auth.pool, async (db) => {
		const found =
			token === ''
				? await verifyTokenHash(auth, db, type, hash)
				: await verifyEmailOtp(auth, db, {
						type,
						email: normalizedEmail,
						hash,
						aud: requestAud(call)
					});
		const verified = await applyVerification(auth, db, found.user, found.type, { token, hash });
		if (!verified) return null;
		await refreshProviders(db, verified);
		const user = (await findUserById(db, verified.id))!;
		return issueSession(call, db, user, 'otp');
	});
	if (!result) {
		respond(call, 200, { msg: SINGLE_CONFIRMATION_ACCEPTED, code: '200' });
		return;
	}
	respond(call, 200, result.body, result.headers);
}

export const verify: RouteHandler = async (call) => {
	rateLimit(call, call.auth.limiters.verify);
	if (call.request.method === 'GET' || call.request.method === 'HEAD') await verifyGet(call);
	else await verifyPost(call);
};
