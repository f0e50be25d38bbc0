// Access tokens as GoTrue issues and checks them (internal/tokens/service.go, api/auth.go):
// the claims in GoTrue's order, signed ES256 with the stack's key (kid in the header) as the CLI
// signs user tokens; incoming bearers are parsed like golang-jwt v5 with valid methods
// HS256/RS256/ES256 (HS256 with the JWT secret), and refused with its exact error chain.
import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import { signEs256 } from '../keys/jwt.ts';
import type { JwtClaims, SigningKeys } from '../keys/jwt.ts';
import { authErrors } from './errors.ts';

export type AmrEntry = { method: string; timestamp: number };

export type AccessTokenInput = {
	issuer: string;
	userId: string;
	aud: string;
	email: string;
	phone: string;
	appMetadata: Record<string, unknown>;
	userMetadata: Record<string, unknown>;
	role: string;
	aal: string;
	amr: AmrEntry[];
	sessionId: string;
	isAnonymous: boolean;
	issuedAt: number;
	expiresIn: number;
};

/** Go marshals maps with sorted keys, at every depth. */
export function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') {
		const sorted: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort())
			sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
		return sorted;
	}
	return value;
}

/** AccessTokenClaims in its JSON field order (RegisteredClaims first, aud as a single string). */
export function accessTokenClaims(input: AccessTokenInput): JwtClaims {
	return {
		iss: input.issuer,
		sub: input.userId,
		aud: input.aud,
		exp: input.issuedAt + input.expiresIn,
		iat: input.issuedAt,
		email: input.email,
		phone: input.phone,
		app_metadata: sortKeys(input.appMetadata),
		user_metadata: sortKeys(input.userMetadata),
		role: input.role,
		aal: input.aal,
		...(input.amr.length ? { amr: input.amr } : {}),
		session_id: input.sessionId,
		is_anonymous: input.isAnonymous
	};
}

export function signAccessToken(claims: JwtClaims, keys: SigningKeys): string {
	return signEs256(claims, keys.es256);
}

/** The claims GoTrue reads from a verified bearer (AccessTokenClaims). */
export type BearerClaims = JwtClaims & {
	session_id?: string;
	is_anonymous?: boolean;
	email?: string;
};

const KNOWN_METHODS = new Set([
	'HS256',
	'HS384',
	'HS512',
	'RS256',
	'RS384',
	'RS512',
	'ES256',
	'ES384',
	'ES512',
	'PS256',
	'PS384',
	'PS512',
	'EdDSA',
	'none'
]);
const VALID_METHODS = ['HS256', 'RS256', 'ES256'];

/** base64.RawURLEncoding.DecodeString, with Go's "illegal base64 data at input byte N". */
function decodeSegment(segment: string): Buffer {
	const bad = segment.search(/[^A-Za-z0-9_-]/);
	if (bad !== -1 || segment.length % 4 === 1) {
		const at = bad !== -1 ? bad : segment.length - 1;
		throw new Error(`illegal base64 data at input byte ${at}`);
	}
	return Buffer.from(segment, 'base64url');
}

function decodeJson(bytes: Buffer, what: 'header' | 'claim'): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(bytes.toString('utf8'));
	} catch {
		throw new Error(
			`could not JSON decode ${what}: invalid character looking for beginning of value`
		);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
		throw new Error(
			`could not JSON decode ${what}: json: cannot unmarshal ${kind} into Go value of type ${what === 'header' ? 'map[string]interface {}' : 'api.AccessTokenClaims'}`
		);
	}
	return value as Record<string, unknown>;
}

const NUMERIC_CLAIMS = ['exp', 'nbf', 'iat'];
const STRING_CLAIMS = ['iss', 'sub', 'jti', 'email', 'phone', 'role', 'aal', 'session_id'];

/** golang-jwt's error chain for why a bearer was refused (the text after GoTrue's prefix). */
export function parseBearer(token: string, keys: SigningKeys, now = Date.now()): BearerClaims {
	const parts = token.split('.');
	if (parts.length !== 3)
		throw new Error('token is malformed: token contains an invalid number of segments');
	let header: Record<string, unknown>;
	let claims: Record<string, unknown>;
	try {
		header = decodeJson(decodeSegment(parts[0]), 'header');
	} catch (error) {
		const message = (error as Error).message;
		throw new Error(
			`token is malformed: ${message.startsWith('could not') ? message : `could not base64 decode header: ${message}`}`,
			{ cause: error }
		);
	}
	try {
		claims = decodeJson(decodeSegment(parts[1]), 'claim');
	} catch (error) {
		const message = (error as Error).message;
		throw new Error(
			`token is malformed: ${message.startsWith('could not') ? message : `could not base64 decode claim: ${message}`}`,
			{ cause: error }
		);
	}
	for (const name of NUMERIC_CLAIMS) {
		if (claims[name] !== undefined && claims[name] !== null && typeof claims[name] !== 'number')
			throw new Error(
				`token is malformed: could not JSON decode claim: json: cannot unmarshal ${typeof claims[name]} into Go struct field AccessTokenClaims.${name} of type jwt.NumericDate`
			);
	}
	for (const name of STRING_CLAIMS) {
		if (claims[name] !== undefined && claims[name] !== null && typeof claims[name] !== 'string')
			throw new Error(
				`token is malformed: could not JSON decode claim: json: cannot unmarshal ${Array.isArray(claims[name]) ? 'array' : typeof claims[name]} into Go struct field AccessTokenClaims.${name} of type string`
			);
	}
	const alg = header.alg;
	if (typeof alg !== 'string' || !KNOWN_METHODS.has(alg))
		throw new Error('token is unverifiable: signing method (alg) is unavailable');
	if (!VALID_METHODS.includes(alg))
		throw new Error(`token signature is invalid: signing method ${alg} is invalid`);
	let signature: Buffer;
	try {
		signature = decodeSegment(parts[2]);
	} catch (error) {
		throw new Error(
			`token is malformed: could not base64 decode signature: ${(error as Error).message}`,
			{ cause: error }
		);
	}

	// GoTrue's keyfunc: a known kid picks that key, else HS256 falls back to the JWT secret.
	const kid = header.kid;
	let key: 'secret' | 'es256' | null = null;
	if (typeof kid === 'string' && kid === keys.es256.kid) key = 'es256';
	else if (alg === 'HS256') key = 'secret';
	if (!key) {
		const shown = typeof kid === 'string' ? kid : '<nil>';
		throw new Error(
			`token is unverifiable: error while executing keyfunc: unrecognized JWT kid ${shown} for algorithm ${alg}`
		);
	}
	const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`);
	if (alg === 'HS256') {
		if (key !== 'secret') throw new Error('token signature is invalid: key is of invalid type');
		const expected = createHmac('sha256', keys.secret).update(signingInput).digest();
		if (expected.length !== signature.length || !timingSafeEqual(expected, signature))
			throw new Error('token signature is invalid: signature is invalid');
	} else if (alg === 'ES256') {
		if (key !== 'es256') throw new Error('token signature is invalid: key is of invalid type');
		const ok =
			signature.length === 64 &&
			verify(
				'sha256',
				signingInput,
				{ key: keys.es256.publicKey, dsaEncoding: 'ieee-p1363' },
				signature
			);
		if (!ok) throw new Error('token signature is invalid: crypto/ecdsa: verification error');
	} else {
		throw new Error('token signature is invalid: key is of invalid type');
	}

	const seconds = now / 1000;
	const problems: string[] = [];
	if (typeof claims.exp === 'number' && seconds >= claims.exp) problems.push('token is expired');
	if (typeof claims.nbf === 'number' && seconds < claims.nbf)
		problems.push('token is not valid yet');
	if (problems.length) throw new Error(`token has invalid claims: ${problems.join(', ')}`);
	return claims as BearerClaims;
}

/** parseJWTClaims: a refused bearer is 403 bad_jwt with golang-jwt's reason. */
export function verifyBearer(token: string, keys: SigningKeys, now = Date.now()): BearerClaims {
	try {
		return parseBearer(token, keys, now);
	} catch (error) {
		throw authErrors.badJwt(
			`invalid JWT: unable to parse or verify signature, ${(error as Error).message}`
		);
	}
}

/** bearerRegexp: `(?i)^bearer (\S+$)` */
export function extractBearer(authorization: string | undefined): string | null {
	const match = /^bearer (\S+)$/i.exec(authorization ?? '');
	return match ? match[1] : null;
}

/** The first entry of the aud claim (jwt.ClaimStrings accepts a string or an array). */
export function firstAudience(claims: JwtClaims): string | undefined {
	const aud = claims.aud;
	if (typeof aud === 'string') return aud;
	if (Array.isArray(aud) && typeof aud[0] === 'string') return aud[0];
	return undefined;
}
