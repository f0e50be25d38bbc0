import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEs256Key, signEs256, signHs256 } from '../../../../local-stack/keys/jwt.ts';
import { authenticate } from '../../../../local-stack/rest/auth.ts';

const keys = {
	secret: 'a-project-secret-of-at-least-32-characters',
	es256: generateEs256Key('kid-1')
};
const NOW = 1_800_000_000;
const auth = (header: string | undefined) => authenticate(header, keys, NOW);
const refusal = (header: string | undefined) => {
	try {
		auth(header);
	} catch (error) {
		return error as { code: string; message: string; details: unknown; status: number };
	}
	throw new Error('expected a refusal');
};

describe('the bearer token decides the role', () => {
	it('is anon without a bearer, and with another scheme', () => {
		expect(auth(undefined)).toEqual({ role: 'anon', claims: { role: 'anon' } });
		expect(auth('Basic dXNlcjpwYXNz')).toEqual({ role: 'anon', claims: { role: 'anon' } });
	});

	it('takes the role claim of HS256 and ES256 tokens, with any casing of Bearer', () => {
		expect(auth(`bearer ${signHs256({ role: 'authenticated', sub: 'u' }, keys.secret)}`).role).toBe(
			'authenticated'
		);
		expect(auth(`Bearer ${signEs256({ role: 'service_role' }, keys.es256)}`).role).toBe(
			'service_role'
		);
	});

	it('defaults to anon and writes the role into the claims', () => {
		expect(auth(`Bearer ${signHs256({ sub: 'u' }, keys.secret)}`)).toEqual({
			role: 'anon',
			claims: { sub: 'u', role: 'anon' }
		});
	});

	it('allows 30 seconds of clock skew on exp, nbf and iat', () => {
		expect(auth(`Bearer ${signHs256({ role: 'x', exp: NOW - 30 }, keys.secret)}`).role).toBe('x');
		expect(refusal(`Bearer ${signHs256({ role: 'x', exp: NOW - 31 }, keys.secret)}`).message).toBe(
			'JWT expired'
		);
		expect(
			auth(`Bearer ${signHs256({ role: 'x', nbf: NOW + 30, iat: NOW + 30 }, keys.secret)}`).role
		).toBe('x');
		expect(refusal(`Bearer ${signHs256({ role: 'x', iat: NOW + 31 }, keys.secret)}`).message).toBe(
			'JWT issued at future'
		);
	});

	it('refuses what PostgREST refuses, with its codes and messages', () => {
		const es = signEs256({ role: 'x' }, generateEs256Key('kid-1'));
		expect(refusal('Bearer ')).toMatchObject({
			code: 'PGRST301',
			message: 'Empty JWT is sent in Authorization header',
			status: 401
		});
		expect(refusal(`Bearer ${es}`)).toMatchObject({
			code: 'PGRST301',
			details: 'None of the keys was able to decode the JWT'
		});
		expect(refusal('Bearer a.b')).toMatchObject({ message: 'Expected 3 parts in JWT; got 2' });
		expect(refusal('Bearer a.b.c')).toMatchObject({
			message: 'JWT cryptographic operation failed'
		});
		const [, body] = signHs256({ role: 'x' }, keys.secret).split('.');
		const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
		expect(refusal(`Bearer ${none}`)).toMatchObject({
			message: 'Wrong or unsupported encoding algorithm'
		});
		expect(
			refusal(`Bearer ${signHs256({ role: 'x', aud: 3 } as never, keys.secret)}`)
		).toMatchObject({
			code: 'PGRST303'
		});
	});

	it('refuses claims that are not a JSON object only once the signature holds', () => {
		const head = Buffer.from('{"alg":"HS256"}').toString('base64url');
		const body = Buffer.from('[1,2]').toString('base64url');
		const sig = createHmac('sha256', keys.secret).update(`${head}.${body}`).digest('base64url');
		expect(refusal(`Bearer ${head}.${body}.${sig}`)).toMatchObject({
			code: 'PGRST303',
			message: 'Parsing claims failed'
		});
		expect(refusal(`Bearer ${head}.${body}.bad`)).toMatchObject({ code: 'PGRST301' });
	});
});
