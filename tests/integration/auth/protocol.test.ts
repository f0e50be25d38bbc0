// GoTrue's protocol as raw HTTP: health, settings, JWKS, both error envelopes, malformed
// bodies, Kong's open routes, and the explicit refusal of features the stack does not have.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { target } from '../support/target.ts';
import { authFetch, uniqueEmail } from './helpers.ts';

const json = { 'Content-Type': 'application/json' };
const dated = { 'X-Supabase-Api-Version': '2024-01-01' };

describe('service endpoints', () => {
	it('GET /health names GoTrue', async () => {
		const response = await authFetch(target, '/health');
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			name: 'GoTrue',
			description: 'GoTrue is a user registration and authentication API',
			version: expect.any(String)
		});
	});

	it('GET /settings describes the email provider and the autoconfirm switch', async () => {
		const body = await (await authFetch(target, '/settings')).json();
		expect(body).toMatchObject({
			disable_signup: false,
			mailer_autoconfirm: true,
			external: { email: true, phone: false, anonymous_users: false, google: false }
		});
	});

	it('GET /.well-known/jwks.json publishes the ES256 public key only, cacheable, without apikey', async () => {
		const response = await fetch(`${target.apiUrl}/auth/v1/.well-known/jwks.json`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('public, max-age=600');
		const { keys } = await response.json();
		expect(keys).toHaveLength(1);
		expect(keys[0]).toMatchObject({
			kty: 'EC',
			crv: 'P-256',
			alg: 'ES256',
			kid: expect.any(String)
		});
		expect(keys[0]).not.toHaveProperty('d');
		expect(() => createPublicKey({ key: keys[0], format: 'jwk' })).not.toThrow();
	});
});

describe('the two error envelopes', () => {
	const wrongPassword = (headers: Record<string, string>) =>
		authFetch(target, '/token?grant_type=password', {
			method: 'POST',
			headers: { ...json, ...headers },
			body: JSON.stringify({ email: uniqueEmail('absent'), password: 'whatever-123' })
		});

	it('is {code, message} with the version echoed when X-Supabase-Api-Version is 2024-01-01', async () => {
		const response = await wrongPassword(dated);
		expect(response.status).toBe(400);
		expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(response.headers.get('x-sb-error-code')).toBe('invalid_credentials');
		expect(await response.json()).toEqual({
			code: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
	});

	it('is {code: status, error_code, msg} without the header', async () => {
		const response = await wrongPassword({});
		expect(response.headers.get('x-supabase-api-version')).toBeNull();
		expect(await response.json()).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});
	});

	it('refuses malformed JSON with bad_json, never a 500', async () => {
		const response = await authFetch(target, '/signup', {
			method: 'POST',
			headers: { ...json, ...dated },
			body: '{"email": "a@b.c",'
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: 'bad_json',
			message: 'Could not parse request body as JSON: unexpected end of JSON input'
		});
		const typed = await authFetch(target, '/signup', {
			method: 'POST',
			headers: { ...json, ...dated },
			body: JSON.stringify({ email: 42, password: 'x' })
		});
		expect((await typed.json()).message).toBe(
			'Could not parse request body as JSON: json: cannot unmarshal number into Go struct field SignupParams.email of type string'
		);
	});

	it('refuses an unknown grant type the way GoTrue does', async () => {
		const response = await authFetch(target, '/token?grant_type=magic', {
			method: 'POST',
			headers: dated
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: 'invalid_credentials',
			message: 'unsupported_grant_type'
		});
	});

	it('answers GET /verify without a token with a JSON error, not a redirect', async () => {
		const response = await fetch(`${target.apiUrl}/auth/v1/verify?type=recovery`, {
			headers: dated
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: 'validation_failed',
			message: 'Verify requires a token or a token hash'
		});
	});

	it('redirects a bad link token to redirect_to with the error in the fragment', async () => {
		const response = await fetch(
			`${target.apiUrl}/auth/v1/verify?token=nope&type=signup&redirect_to=${encodeURIComponent('http://127.0.0.1:5173/welcome')}`,
			{ redirect: 'manual' }
		);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(
			'http://127.0.0.1:5173/welcome#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb='
		);
	});
});

describe('routes', () => {
	it('needs an apikey except on Kong open routes', async () => {
		const closed = await fetch(`${target.apiUrl}/auth/v1/settings`);
		expect(closed.status).toBe(401);
		expect(await closed.json()).toMatchObject({ message: 'No API key found in request' });
		const open = await fetch(`${target.apiUrl}/auth/v1/verify?type=signup&token=x`, {
			redirect: 'manual'
		});
		expect(open.status).toBe(303);
	});

	it('answers 404 for unknown paths and 405 for a known path with another method', async () => {
		expect((await authFetch(target, '/nowhere')).status).toBe(404);
		expect((await authFetch(target, '/signup')).status).toBe(405);
	});

	it('refuses features the stack lacks explicitly, as GoTrue refuses disabled ones', async () => {
		const oauth = await authFetch(target, '/authorize?provider=github', { headers: dated });
		expect(oauth.status).toBe(400);
		expect(await oauth.json()).toEqual({
			code: 'validation_failed',
			message: 'Unsupported provider: provider is not enabled'
		});
		const sso = await authFetch(target, '/sso', { method: 'POST', headers: dated });
		expect([sso.status, (await sso.json()).code]).toEqual([404, 'saml_provider_disabled']);
		const anonymous = await authFetch(target, '/signup', {
			method: 'POST',
			headers: { ...json, ...dated },
			body: '{}'
		});
		expect([anonymous.status, (await anonymous.json()).code]).toEqual([
			422,
			'anonymous_provider_disabled'
		]);
	});
});
