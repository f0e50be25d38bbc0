import { describe, expect, it } from 'vitest';
import {
	decodeJwt,
	generateEs256Key,
	JwtFailure,
	publicJwks,
	signEs256,
	signHs256,
	verifyJwt
} from '../../../../local-stack/keys/jwt.ts';
import { DEFAULT_JWT_SECRET, deriveApiKeys } from '../../../../local-stack/keys/api-keys.ts';

const keys = { secret: DEFAULT_JWT_SECRET, es256: generateEs256Key('kid-1') };

describe('JWT signing and verification', () => {
	it('derives exactly the Supabase CLI well-known anon and service_role keys', () => {
		const api = deriveApiKeys(DEFAULT_JWT_SECRET);
		expect(api.anon).toBe(
			'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
		);
		expect(api.serviceRole).toBe(
			'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'
		);
	});

	it('verifies HS256 and ES256 tokens and returns their claims', () => {
		expect(verifyJwt(signHs256({ sub: 'a' }, keys.secret), keys).claims.sub).toBe('a');
		const es = signEs256({ sub: 'b' }, keys.es256);
		const verified = verifyJwt(es, keys);
		expect(verified.header).toEqual({ alg: 'ES256', kid: 'kid-1', typ: 'JWT' });
		expect(verified.claims.sub).toBe('b');
	});

	it('refuses a token signed with another secret', () => {
		expect(() =>
			verifyJwt(signHs256({ sub: 'a' }, 'another-secret-of-enough-length'), keys)
		).toThrow(expect.objectContaining({ reason: JwtFailure.badSignature }));
	});

	it('refuses alg none and unknown algorithms', () => {
		const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"service_role"}').toString('base64url')}.`;
		expect(() => verifyJwt(none, keys)).toThrow(
			expect.objectContaining({ reason: JwtFailure.unsupportedAlgorithm })
		);
	});

	it('refuses ES256 tokens from another key or with a tampered payload', () => {
		const other = signEs256({ sub: 'x' }, generateEs256Key('kid-1'));
		expect(() => verifyJwt(other, keys)).toThrow(
			expect.objectContaining({ reason: JwtFailure.badSignature })
		);
		const [head, , sig] = signEs256({ role: 'authenticated' }, keys.es256).split('.');
		const forged = `${head}.${Buffer.from('{"role":"service_role"}').toString('base64url')}.${sig}`;
		expect(() => verifyJwt(forged, keys)).toThrow(
			expect.objectContaining({ reason: JwtFailure.badSignature })
		);
	});

	it('reports malformed tokens', () => {
		expect(() => decodeJwt('a.b')).toThrow('Expected 3 parts in JWT; got 2');
		expect(() => decodeJwt('###.###.###')).toThrow(
			expect.objectContaining({ reason: JwtFailure.malformed })
		);
	});

	it('publishes only the public half of the ES256 key', () => {
		const jwks = publicJwks(keys.es256);
		expect(jwks.keys).toHaveLength(1);
		expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'kid-1', alg: 'ES256' });
		expect(jwks.keys[0]).not.toHaveProperty('d');
	});
});
