import { describe, expect, it } from 'vitest';
import { generateEs256Key, signEs256, signHs256 } from '../../../../local-stack/keys/jwt.ts';
import { authenticate, verifyToken } from '../../../../local-stack/storage/auth.ts';

const keys = {
	secret: 'super-secret-jwt-token-with-at-least-32-characters-long',
	es256: generateEs256Key('kid')
};
const now = Math.floor(Date.now() / 1000);

const refusal = (token: string) => {
	try {
		verifyToken(token, keys);
	} catch (error) {
		return (error as Error).message;
	}
	return null;
};

describe('JWT verification with the JWT library messages Storage surfaces', () => {
	it('accepts HS256 tokens signed with the project secret and ES256 user tokens', () => {
		expect(verifyToken(signHs256({ sub: 'a', exp: now + 60 }, keys.secret), keys).sub).toBe('a');
		expect(verifyToken(signEs256({ sub: 'b', exp: now + 60 }, keys.es256), keys).sub).toBe('b');
	});

	it('words each refusal like jose does', () => {
		expect(refusal('')).toBe('Invalid Compact JWS');
		expect(refusal('abc')).toBe('Invalid Compact JWS');
		expect(refusal(signHs256({ sub: 'a' }, 'another-secret-of-at-least-32-characters!'))).toBe(
			'signature verification failed'
		);
		expect(refusal(signHs256({ sub: 'a', exp: now - 1 }, keys.secret))).toBe(
			'"exp" claim timestamp check failed'
		);
		expect(refusal(signHs256({ sub: 'a', nbf: now + 600 }, keys.secret))).toBe(
			'"nbf" claim timestamp check failed'
		);
	});

	it('refuses a tampered payload', () => {
		const [head, , signature] = signHs256({ role: 'authenticated' }, keys.secret).split('.');
		const forged = Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url');
		expect(refusal(`${head}.${forged}.${signature}`)).toBe('signature verification failed');
	});
});

describe('the caller of a request', () => {
	const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

	it('runs as the role of the token, with sub as owner', () => {
		const caller = authenticate(
			bearer(signHs256({ sub: 'u1', role: 'authenticated', exp: now + 60 }, keys.secret)),
			keys,
			'required'
		);
		expect(caller).toMatchObject({ role: 'authenticated', owner: 'u1', authenticated: true });
	});

	it('refuses a bad token on required routes with AccessDenied', () => {
		expect(() => authenticate(bearer('nope'), keys, 'required')).toThrow('Invalid Compact JWS');
		try {
			authenticate(bearer('nope'), keys, 'required');
		} catch (error) {
			expect((error as { code: string }).code).toBe('AccessDenied');
		}
	});

	it('falls back to an unauthenticated anon caller on optional routes', () => {
		expect(authenticate({}, keys, 'optional')).toMatchObject({
			role: 'anon',
			authenticated: false
		});
		expect(authenticate(bearer('nope'), keys, 'optional')).toMatchObject({
			role: 'anon',
			authenticated: false
		});
	});
});
