import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	generateEs256Key,
	publicJwks,
	signEs256,
	signHs256
} from '../../../../local-stack/keys/jwt.ts';
import {
	accessTokenClaims,
	extractBearer,
	parseBearer,
	sortKeys,
	verifyBearer
} from '../../../../local-stack/auth/tokens.ts';
import { AuthError } from '../../../../local-stack/auth/errors.ts';

const keys = {
	secret: 'super-secret-jwt-token-with-at-least-32-characters-long',
	es256: generateEs256Key('kid-1')
};
const now = 1_800_000_000;

const input = {
	issuer: 'http://127.0.0.1:54321/auth/v1',
	userId: '5b0e8a4c-31f7-4d21-9b8a-0b4d1f0e6c11',
	aud: 'authenticated',
	email: 'ines@example.com',
	phone: '',
	appMetadata: { providers: ['email'], provider: 'email' },
	userMetadata: { role: 'coach', first_name: 'Inès' },
	role: 'authenticated',
	aal: 'aal1',
	amr: [{ method: 'password', timestamp: now }],
	sessionId: '0b8e4a4c-31f7-4d21-9b8a-0b4d1f0e6c22',
	isAnonymous: false,
	issuedAt: now,
	expiresIn: 3600
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access token claims', () => {
	it('carries exactly the claims GoTrue issues, in its order, with aud as one string', () => {
		const claims = accessTokenClaims(input);
		expect(Object.keys(claims)).toEqual([
			'iss',
			'sub',
			'aud',
			'exp',
			'iat',
			'email',
			'phone',
			'app_metadata',
			'user_metadata',
			'role',
			'aal',
			'amr',
			'session_id',
			'is_anonymous'
		]);
		expect(claims).toMatchObject({
			iss: input.issuer,
			sub: input.userId,
			aud: 'authenticated',
			exp: now + 3600,
			iat: now,
			phone: '',
			amr: [{ method: 'password', timestamp: now }],
			is_anonymous: false
		});
	});

	it('sorts metadata keys at every depth, as Go marshals maps', () => {
		const claims = accessTokenClaims({ ...input, userMetadata: { b: { z: 1, a: 2 }, a: 1 } });
		expect(JSON.stringify(claims.user_metadata)).toBe('{"a":1,"b":{"a":2,"z":1}}');
		expect(Object.keys(claims.app_metadata as object)).toEqual(['provider', 'providers']);
		expect(sortKeys([{ b: 1, a: 2 }])).toEqual([{ a: 2, b: 1 }]);
	});

	it('omits amr when the session has no authentication method, like omitempty', () => {
		expect(accessTokenClaims({ ...input, amr: [] })).not.toHaveProperty('amr');
	});

	it('is signed ES256 with a kid that the published JWKS verifies', () => {
		const token = signEs256(accessTokenClaims(input), keys.es256);
		const [head, body, signature] = token.split('.');
		expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({
			alg: 'ES256',
			kid: 'kid-1',
			typ: 'JWT'
		});
		const jwk = publicJwks(keys.es256).keys[0];
		expect(jwk).not.toHaveProperty('d');
		const ok = verify(
			'sha256',
			Buffer.from(`${head}.${body}`),
			{ key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
			Buffer.from(signature, 'base64url')
		);
		expect(ok).toBe(true);
	});
});

describe('bearer verification with golang-jwt wording', () => {
	const at = (seconds: number) => seconds * 1000;

	it('accepts the stack ES256 tokens and HS256 tokens signed with the JWT secret', () => {
		const es = signEs256({ sub: 'a', exp: now + 10 }, keys.es256);
		expect(parseBearer(es, keys, at(now)).sub).toBe('a');
		const hs = signHs256({ sub: 'b', role: 'service_role' }, keys.secret);
		expect(parseBearer(hs, keys, at(now)).role).toBe('service_role');
	});

	it.each([
		['not.a', 'token is malformed: token contains an invalid number of segments'],
		[
			'@@@.e30.',
			'token is malformed: could not base64 decode header: illegal base64 data at input byte 0'
		],
		[
			`${b64('x')}.e30.`,
			'token is malformed: could not JSON decode header: json: cannot unmarshal string into Go value of type map[string]interface {}'
		],
		[
			`${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.`,
			'token signature is invalid: signing method none is invalid'
		],
		[
			`${b64({ alg: 'HS999' })}.${b64({ sub: 'x' })}.`,
			'token is unverifiable: signing method (alg) is unavailable'
		],
		[
			`${b64({ alg: 'HS512' })}.${b64({ sub: 'x' })}.`,
			'token signature is invalid: signing method HS512 is invalid'
		],
		[
			`${b64({ alg: 'RS256', kid: 'other' })}.${b64({ sub: 'x' })}.c2ln`,
			'token is unverifiable: error while executing keyfunc: unrecognized JWT kid other for algorithm RS256'
		],
		[
			`${b64({ alg: 'HS256' })}.${b64({ exp: 'soon' })}.`,
			'token is malformed: could not JSON decode claim: json: cannot unmarshal string into Go struct field AccessTokenClaims.exp of type jwt.NumericDate'
		]
	])('refuses %s with "%s"', (token, message) => {
		expect(() => parseBearer(token, keys, at(now))).toThrow(message);
	});

	it('refuses a forged HS256 signature and a forged ES256 signature', () => {
		const hs = signHs256({ sub: 'x' }, 'another-secret-of-at-least-32-characters!');
		expect(() => parseBearer(hs, keys, at(now))).toThrow(
			'token signature is invalid: signature is invalid'
		);
		const other = generateEs256Key('kid-1');
		const es = signEs256({ sub: 'x' }, other);
		expect(() => parseBearer(es, keys, at(now))).toThrow(
			'token signature is invalid: crypto/ecdsa: verification error'
		);
	});

	it('checks the signature before the expiry, then refuses an expired token', () => {
		const expired = signEs256({ sub: 'x', exp: now - 1 }, keys.es256);
		expect(() => parseBearer(expired, keys, at(now))).toThrow(
			'token has invalid claims: token is expired'
		);
		const notYet = signHs256({ sub: 'x', nbf: now + 60 }, keys.secret);
		expect(() => parseBearer(notYet, keys, at(now))).toThrow(
			'token has invalid claims: token is not valid yet'
		);
	});

	it('turns every refusal into 403 bad_jwt with GoTrue prefix', () => {
		try {
			verifyBearer('x.y', keys, at(now));
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(AuthError);
			expect((error as AuthError).status).toBe(403);
			expect((error as AuthError).code).toBe('bad_jwt');
			expect((error as AuthError).message).toBe(
				'invalid JWT: unable to parse or verify signature, token is malformed: token contains an invalid number of segments'
			);
		}
	});

	it('reads the bearer only from a well-formed Authorization header', () => {
		expect(extractBearer('Bearer abc')).toBe('abc');
		expect(extractBearer('bearer abc')).toBe('abc');
		expect(extractBearer('Bearer a b')).toBeNull();
		expect(extractBearer('Basic abc')).toBeNull();
		expect(extractBearer(undefined)).toBeNull();
	});
});
