// PostgREST's own JWT check (Auth.hs, Auth/Jwt.hs) with Supabase's key set: the HS256 project
// secret and the stack's ES256 key. No bearer → the anon role; a bad one → PGRST301/PGRST303
// with upstream's messages; then exp/nbf/iat with 30 s of skew, `aud` shape, and the role from
// the `role` claim, written back into the claims as PostgREST does.
import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import type { SigningKeys } from '../keys/jwt.ts';
import { pgrstErrors } from './errors.ts';

export type AuthResult = { role: string; claims: Record<string, unknown> };

const ANON_ROLE = 'anon';
const SKEW_SECONDS = 30;

/** Wai's extractBearerAuth: `Bearer <token>`, case-insensitive scheme. */
function bearerToken(header: string | undefined): string | null {
	if (header === undefined) return null;
	const m = /^(\S*)(\s*)([\s\S]*)$/.exec(header);
	if (!m || m[1].toLowerCase() !== 'bearer') return null;
	return m[3].replace(/^\s+/, '');
}

function decodeJson(part: string): unknown {
	const text = Buffer.from(part, 'base64url').toString('utf8');
	return JSON.parse(text);
}

function verifySignature(alg: string, kid: unknown, parts: string[], keys: SigningKeys): boolean {
	const input = Buffer.from(`${parts[0]}.${parts[1]}`);
	const signature = Buffer.from(parts[2], 'base64url');
	if (alg === 'HS256') {
		const expected = createHmac('sha256', keys.secret).update(input).digest();
		return expected.length === signature.length && timingSafeEqual(expected, signature);
	}
	if (alg === 'ES256') {
		if (kid !== undefined && kid !== keys.es256.kid) return false;
		try {
			return verify(
				'sha256',
				input,
				{ key: keys.es256.publicKey, dsaEncoding: 'ieee-p1363' },
				signature
			);
		} catch {
			return false;
		}
	}
	return false;
}

function claimNumber(
	claims: Record<string, unknown>,
	key: string,
	notNumber: string
): number | null {
	const value = claims[key];
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number') throw pgrstErrors.jwtClaims(notNumber);
	// Scientific.toBoundedInteger: a non-integer counts as 0.
	return Number.isInteger(value) ? value : 0;
}

function validateClaims(claims: Record<string, unknown>, now: number): void {
	const exp = claimNumber(claims, 'exp', "The JWT 'exp' claim must be a number");
	if (exp !== null && now - SKEW_SECONDS > exp) throw pgrstErrors.jwtClaims('JWT expired');
	const nbf = claimNumber(claims, 'nbf', "The JWT 'nbf' claim must be a number");
	if (nbf !== null && now + SKEW_SECONDS < nbf) throw pgrstErrors.jwtClaims('JWT not yet valid');
	const iat = claimNumber(claims, 'iat', "The JWT 'iat' claim must be a number");
	if (iat !== null && now + SKEW_SECONDS < iat) throw pgrstErrors.jwtClaims('JWT issued at future');
	const aud = claims.aud;
	if (aud !== undefined && aud !== null) {
		const valid =
			typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'));
		if (!valid)
			throw pgrstErrors.jwtClaims("The JWT 'aud' claim must be a string or an array of strings");
	}
}

/** The role and claims a request runs with; throws the PGRST30x error upstream answers. */
export function authenticate(
	authorization: string | undefined,
	keys: SigningKeys,
	now = Math.floor(Date.now() / 1000)
): AuthResult {
	const token = bearerToken(authorization);
	if (token === null) return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
	if (token === '') throw pgrstErrors.emptyJwt();
	const parts = token.split('.');
	if (parts.length !== 3) throw pgrstErrors.jwtParts(parts.length);
	let header: { alg?: unknown; kid?: unknown };
	try {
		header = decodeJson(parts[0]) as typeof header;
		if (typeof header !== 'object' || header === null || typeof header.alg !== 'string')
			throw new Error('not a JWS header');
	} catch {
		throw pgrstErrors.jwtCrypto();
	}
	if (header.alg === 'none')
		throw pgrstErrors.jwtAlgorithm("JWT is unsecured but expected 'alg' was not 'none'");
	if (!verifySignature(header.alg as string, header.kid, parts, keys)) throw pgrstErrors.jwtKey();
	let claims: Record<string, unknown>;
	try {
		const decoded = decodeJson(parts[1]);
		if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
			throw new Error('claims are not an object');
		claims = decoded as Record<string, unknown>;
	} catch {
		throw pgrstErrors.jwtClaims('Parsing claims failed');
	}
	validateClaims(claims, now);
	const claim = claims.role;
	const role =
		claim === undefined ? ANON_ROLE : typeof claim === 'string' ? claim : JSON.stringify(claim);
	return { role, claims: { ...claims, role } };
}
