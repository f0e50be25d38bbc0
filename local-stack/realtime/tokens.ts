// JWT checks as Realtime's ChannelsAuthorization.authorize_conn does them: signature with the
// project's HS secret or the stack's ES256 key (by kid), `exp` in the future and `iat` numeric when
// present, then `role` and `exp` required. Failures are kinds the callers word upstream's way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeJwt, JwtError, JwtFailure, verifyJwt } from '../keys/jwt.ts';
import type { JwtClaims, SigningKeys } from '../keys/jwt.ts';

export type TokenFailure =
	| { kind: 'expired'; seconds: number }
	| { kind: 'missing_claims' }
	/** exp passed between validation and the timer computation (confirm_token's `exp_diff <= 0`). */
	| { kind: 'invalid_exp'; diff: number }
	| { kind: 'malformed' }
	| { kind: 'signature' }
	| { kind: 'signer'; kid?: string }
	/** Anything else, named like the Elixir atom upstream would inspect. */
	| { kind: 'other'; atom: string };

export type TokenCheck = { ok: true; claims: JwtClaims } | { ok: false; failure: TokenFailure };

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** Upstream strips whitespace after URI-decoding the token (clean_token). */
function clean(token: string): string {
	let decoded = token;
	try {
		decoded = decodeURIComponent(token);
	} catch {
		// Elixir's URI.decode would raise; keeping the raw token lets the JWT parser refuse it.
	}
	return decoded.replace(/\s/g, '');
}

function verifySignature(token: string, keys: SigningKeys): TokenFailure | null {
	const { header, parts } = decodeJwt(token);
	const kid = typeof header.kid === 'string' ? header.kid : undefined;
	if (header.alg === 'HS256' || header.alg === 'ES256') {
		// ES256 needs the kid to find the key in the JWKS, as upstream's generate_signer.
		if (header.alg === 'ES256' && kid === undefined) return { kind: 'signer' };
		try {
			verifyJwt(token, keys);
			return null;
		} catch (error) {
			if (error instanceof JwtError && error.reason === JwtFailure.unknownKey)
				return { kind: 'signer', kid };
			if (error instanceof JwtError && error.reason === JwtFailure.badSignature)
				return { kind: 'signature' };
			throw error;
		}
	}
	const hash = typeof header.alg === 'string' ? HMAC[header.alg] : undefined;
	if (hash) {
		const expected = createHmac(hash, keys.secret).update(`${parts[0]}.${parts[1]}`).digest();
		const given = Buffer.from(parts[2], 'base64url');
		return expected.length === given.length && timingSafeEqual(expected, given)
			? null
			: { kind: 'signature' };
	}
	return { kind: 'signer', kid };
}

/** `nowMs` is injectable for tests; claims come back with `exp` and `iat` rounded like upstream. */
export function checkToken(token: unknown, keys: SigningKeys, nowMs = Date.now()): TokenCheck {
	if (typeof token !== 'string')
		return { ok: false, failure: { kind: 'other', atom: 'invalid_token' } };
	const cleaned = clean(token);
	let claims: JwtClaims;
	try {
		const decoded = decodeJwt(cleaned);
		if (Array.isArray(decoded.claims))
			return { ok: false, failure: { kind: 'other', atom: 'expected_claims_map' } };
		claims = decoded.claims;
		const failure = verifySignature(cleaned, keys);
		if (failure) return { ok: false, failure };
	} catch (error) {
		if (error instanceof JwtError && error.reason === JwtFailure.malformed)
			return { ok: false, failure: { kind: 'malformed' } };
		throw error;
	}
	const now = Math.floor(nowMs / 1000);
	if ('exp' in claims) {
		if (typeof claims.exp !== 'number' || !(claims.exp > now)) {
			return typeof claims.exp === 'number'
				? { ok: false, failure: { kind: 'expired', seconds: now - Math.round(claims.exp) } }
				: { ok: false, failure: { kind: 'other', atom: 'invalid_exp_claim' } };
		}
	}
	if ('iat' in claims && typeof claims.iat !== 'number')
		return { ok: false, failure: { kind: 'other', atom: 'invalid_iat_claim' } };
	if (!('role' in claims) || !('exp' in claims))
		return { ok: false, failure: { kind: 'missing_claims' } };
	const rounded: JwtClaims = { ...claims };
	if (typeof claims.exp === 'number') rounded.exp = Math.round(claims.exp);
	if (typeof claims.iat === 'number') rounded.iat = Math.round(claims.iat);
	return { ok: true, claims: rounded };
}

/** Milliseconds until the token's `exp` (claims already checked). */
export function msUntilExpiry(claims: JwtClaims, nowMs = Date.now()): number {
	return (claims.exp as number) * 1000 - nowMs;
}
