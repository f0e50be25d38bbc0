// Who is calling: Storage verifies the bearer JWT itself (HS256 with the project secret or ES256
// with the stack's key) and refuses a bad one with AccessDenied carrying the JWT library's
// message (jose's wording, as supabase/storage src/http/plugins/jwt.ts surfaces it).
import type { IncomingHttpHeaders } from 'node:http';
import { JwtError, JwtFailure, verifyJwt } from '../keys/jwt.ts';
import type { JwtClaims, SigningKeys } from '../keys/jwt.ts';
import { storageErrors } from './errors.ts';

export type Caller = {
	/** Database role the request runs as (the JWT `role` claim). */
	role: string;
	claims: JwtClaims;
	/** The raw token, for `request.jwt`. */
	token: string;
	/** `sub`, stored as owner_id (and as owner when it is a uuid). */
	owner: string | undefined;
	/** False for routes that accept a missing or bad token and fall back to anon. */
	authenticated: boolean;
};

/** jose's messages for the failures a token can have. */
const JOSE_MESSAGES: Record<string, string> = {
	[JwtFailure.malformed]: 'Invalid Compact JWS',
	[JwtFailure.unsupportedAlgorithm]: '"alg" (Algorithm) Header Parameter value not allowed',
	[JwtFailure.badSignature]: 'signature verification failed',
	[JwtFailure.unknownKey]: 'signature verification failed'
};

/** Verifies signature and time claims; returns the claims or throws with jose's message. */
export function verifyToken(token: string, keys: SigningKeys, now = Date.now()): JwtClaims {
	let claims: JwtClaims;
	try {
		claims = verifyJwt(token, keys).claims;
	} catch (error) {
		if (error instanceof JwtError)
			throw new Error(JOSE_MESSAGES[error.reason] ?? error.message, { cause: error });
		throw error;
	}
	const seconds = Math.floor(now / 1000);
	if (claims.exp !== undefined) {
		if (typeof claims.exp !== 'number') throw new Error('"exp" claim must be a number');
		if (claims.exp <= seconds) throw new Error('"exp" claim timestamp check failed');
	}
	if (claims.nbf !== undefined) {
		if (typeof claims.nbf !== 'number') throw new Error('"nbf" claim must be a number');
		if (claims.nbf > seconds) throw new Error('"nbf" claim timestamp check failed');
	}
	return claims;
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
	const value = headers.authorization;
	if (value === undefined) return undefined;
	return value.replace(/^Bearer\s+/i, '');
}

const anonymous = (token: string): Caller => ({
	role: 'anon',
	claims: { role: 'anon' },
	token,
	owner: undefined,
	authenticated: false
});

/**
 * The caller of a route. `optional` routes (GET/HEAD /object/{bucket}/{path}, /object/info/…)
 * treat a missing or invalid token as an unauthenticated anon caller, as upstream's
 * `allowInvalidJwt` does; the others refuse it.
 */
export function authenticate(
	headers: IncomingHttpHeaders,
	keys: SigningKeys,
	mode: 'required' | 'optional'
): Caller {
	const token = bearerToken(headers) ?? '';
	if (token === '' && mode === 'optional') return anonymous(token);
	try {
		const claims = verifyToken(token, keys);
		return {
			role: typeof claims.role === 'string' && claims.role !== '' ? claims.role : 'anon',
			claims,
			token,
			owner: typeof claims.sub === 'string' ? claims.sub : undefined,
			authenticated: true
		};
	} catch (error) {
		if (mode === 'optional') return anonymous(token);
		throw storageErrors.accessDenied((error as Error).message, error);
	}
}
