// Compact JWS signing and verification for the two algorithms the Supabase CLI uses:
// HS256 with the project's JWT secret (anon / service_role keys, legacy tokens) and ES256
// with the stack's P-256 key for user sessions, published as a JWKS like GoTrue does.
import {
	createHmac,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	timingSafeEqual,
	verify
} from 'node:crypto';
import type { KeyObject, JsonWebKey } from 'node:crypto';

export type JwtHeader = { alg: string; typ?: string; kid?: string };
export type JwtClaims = Record<string, unknown> & {
	sub?: string;
	role?: string;
	exp?: number;
	iat?: number;
	nbf?: number;
	aud?: string | string[];
	iss?: string;
};

export type SigningKeys = {
	/** HS256 secret shared with every service (the CLI's `[auth] jwt_secret`). */
	secret: string;
	/** ES256 key used for user access tokens; its public half is served at /.well-known/jwks.json. */
	es256: { kid: string; privateKey: KeyObject; publicKey: KeyObject };
};

/** Why a token was refused; each service turns this into its own upstream message. */
export const JwtFailure = {
	malformed: 'malformed',
	unsupportedAlgorithm: 'unsupported_algorithm',
	badSignature: 'bad_signature',
	unknownKey: 'unknown_key'
} as const;
export type JwtFailureReason = (typeof JwtFailure)[keyof typeof JwtFailure];

export class JwtError extends Error {
	reason: JwtFailureReason;
	constructor(reason: JwtFailureReason, message: string) {
		super(message);
		this.reason = reason;
	}
}

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');
const fromB64url = (input: string) => Buffer.from(input, 'base64url');

export function signHs256(claims: JwtClaims, secret: string): string {
	const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = b64url(JSON.stringify(claims));
	const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest();
	return `${head}.${body}.${b64url(mac)}`;
}

export function signEs256(claims: JwtClaims, key: SigningKeys['es256']): string {
	const head = b64url(JSON.stringify({ alg: 'ES256', kid: key.kid, typ: 'JWT' }));
	const body = b64url(JSON.stringify(claims));
	const sig = sign('sha256', Buffer.from(`${head}.${body}`), {
		key: key.privateKey,
		dsaEncoding: 'ieee-p1363'
	});
	return `${head}.${body}.${b64url(sig)}`;
}

/** Splits and decodes without verifying; throws `malformed` on anything that is not a JWS. */
export function decodeJwt(token: string): {
	header: JwtHeader;
	claims: JwtClaims;
	parts: string[];
} {
	const parts = token.split('.');
	if (parts.length !== 3) {
		throw new JwtError(JwtFailure.malformed, `Expected 3 parts in JWT; got ${parts.length}`);
	}
	try {
		const header = JSON.parse(fromB64url(parts[0]).toString('utf8')) as JwtHeader;
		const claims = JSON.parse(fromB64url(parts[1]).toString('utf8')) as JwtClaims;
		if (
			typeof header !== 'object' ||
			header === null ||
			typeof claims !== 'object' ||
			claims === null
		) {
			throw new Error('not an object');
		}
		return { header, claims, parts };
	} catch {
		throw new JwtError(JwtFailure.malformed, 'Invalid JWT encoding');
	}
}

/** Verifies the signature with the stack's keys (HS256 secret or ES256 by kid). Claims are not checked here. */
export function verifyJwt(
	token: string,
	keys: SigningKeys
): { header: JwtHeader; claims: JwtClaims } {
	const { header, claims, parts } = decodeJwt(token);
	const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`);
	const signature = fromB64url(parts[2]);
	if (header.alg === 'HS256') {
		const expected = createHmac('sha256', keys.secret).update(signingInput).digest();
		if (expected.length !== signature.length || !timingSafeEqual(expected, signature)) {
			throw new JwtError(JwtFailure.badSignature, 'JWT cryptographic operation failed');
		}
		return { header, claims };
	}
	if (header.alg === 'ES256') {
		if (header.kid !== undefined && header.kid !== keys.es256.kid) {
			throw new JwtError(JwtFailure.unknownKey, 'No suitable key or wrong key type');
		}
		const ok = verify(
			'sha256',
			signingInput,
			{ key: keys.es256.publicKey, dsaEncoding: 'ieee-p1363' },
			signature
		);
		if (!ok) throw new JwtError(JwtFailure.badSignature, 'JWT cryptographic operation failed');
		return { header, claims };
	}
	throw new JwtError(JwtFailure.unsupportedAlgorithm, 'Wrong or unsupported encoding algorithm');
}

export function generateEs256Key(kid: string): SigningKeys['es256'] {
	const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	return { kid, privateKey, publicKey };
}

export function es256FromJwk(jwk: JsonWebKey & { kid: string }): SigningKeys['es256'] {
	const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
	return { kid: jwk.kid, privateKey, publicKey: createPublicKey(privateKey) };
}

export function es256ToPrivateJwk(key: SigningKeys['es256']): JsonWebKey & { kid: string } {
	return { ...key.privateKey.export({ format: 'jwk' }), kid: key.kid };
}

/** The public JWKS GoTrue serves: asymmetric keys only, never the HMAC secret. */
export function publicJwks(key: SigningKeys['es256']) {
	const jwk = key.publicKey.export({ format: 'jwk' });
	return { keys: [{ ...jwk, kid: key.kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }] };
}
