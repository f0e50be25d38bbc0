// Sessions as GoTrue keeps them: refresh-token rotation, the grace given to a token whose
// answer was lost, sign-out scopes ending sessions (and the access tokens' use at Auth), and
// the refusal of bad bearer tokens with GoTrue's codes. On the Auth fixture stack: these
// suites sign in and refresh a lot, and Auth limits token grants per IP.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import { signToken } from '../support/jwt.ts';
import { admin, authFetch, client, createAccount, handMadeJwt, PASSWORD } from './helpers.ts';

let target: FixtureStack;

beforeAll(async () => {
	target = await startFixtureStack(resolve(import.meta.dirname, 'fixture'));
});
afterAll(async () => {
	await target?.close();
});

const DATED = { 'X-Supabase-Api-Version': '2024-01-01' };

async function signIn(email: string) {
	const signedIn = client(target);
	const { data, error } = await signedIn.auth.signInWithPassword({ email, password: PASSWORD });
	if (error) throw error;
	return { client: signedIn, session: data.session };
}

function refresh(token: string) {
	return authFetch(target, '/token?grant_type=refresh_token', {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...DATED },
		body: JSON.stringify({ refresh_token: token })
	});
}

function getUser(accessToken: string) {
	return authFetch(target, '/user', {
		headers: { Authorization: `Bearer ${accessToken}`, ...DATED }
	});
}

describe('refresh tokens', () => {
	let account: { id: string; email: string };

	beforeAll(async () => {
		account = await createAccount(target, 'rotation');
	});
	afterAll(async () => {
		await admin(target).auth.admin.deleteUser(account.id);
	});

	it('refreshSession rotates the refresh token and keeps the session', async () => {
		const { client: signedIn, session } = await signIn(account.email);
		const { data, error } = await signedIn.auth.refreshSession();
		expect(error).toBeNull();
		expect(data.session!.refresh_token).not.toBe(session.refresh_token);
		expect(data.session!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		const claims = (token: string) =>
			JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
		expect(claims(data.session!.access_token).session_id).toBe(
			claims(session.access_token).session_id
		);
		expect(claims(data.session!.access_token).amr).toEqual(claims(session.access_token).amr);
	});

	it('revokes the used token and records it as the parent of the new one', async () => {
		const { session } = await signIn(account.email);
		const next = await (await refresh(session.refresh_token)).json();
		const db = await connectDb(target.dbUrl);
		try {
			const { rows } = await db.query(
				'select token, revoked, parent from auth.refresh_tokens where token = any($1) order by id',
				[[session.refresh_token, next.refresh_token]]
			);
			expect(rows).toEqual([
				{ token: session.refresh_token, revoked: true, parent: null },
				{ token: next.refresh_token, revoked: false, parent: session.refresh_token }
			]);
		} finally {
			await db.end();
		}
	});

	it('gives the current token back when the used one is presented again (the answer was lost)', async () => {
		const { session } = await signIn(account.email);
		const first = await (await refresh(session.refresh_token)).json();
		const second = await refresh(session.refresh_token);
		expect(second.status).toBe(200);
		expect((await second.json()).refresh_token).toBe(first.refresh_token);
	});

	it('refuses an unknown token with refresh_token_not_found and a malformed one with validation_failed', async () => {
		const unknown = await refresh('abcdefghijkl');
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toEqual({
			code: 'refresh_token_not_found',
			message: 'Invalid Refresh Token: Refresh Token Not Found'
		});
		const malformed = await refresh('short');
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toEqual({
			code: 'validation_failed',
			message: 'Refresh token is not valid'
		});
	});
});

describe('sign-out scopes', () => {
	let account: { id: string; email: string };

	beforeAll(async () => {
		account = await createAccount(target, 'deconnexion');
	});
	afterAll(async () => {
		await admin(target).auth.admin.deleteUser(account.id);
	});

	it('local ends this session only, others every other one, global all of them', async () => {
		const a = await signIn(account.email);
		const b = await signIn(account.email);
		const c = await signIn(account.email);

		expect((await a.client.auth.signOut({ scope: 'local' })).error).toBeNull();
		expect((await getUser(a.session.access_token)).status).toBe(403);
		expect((await getUser(b.session.access_token)).status).toBe(200);

		expect((await b.client.auth.signOut({ scope: 'others' })).error).toBeNull();
		expect((await getUser(c.session.access_token)).status).toBe(403);
		expect((await getUser(b.session.access_token)).status).toBe(200);

		expect((await b.client.auth.signOut()).error).toBeNull();
		expect((await getUser(b.session.access_token)).status).toBe(403);
	});

	it('a signed-out access token is session_not_found at Auth, and its refresh token is gone', async () => {
		const a = await signIn(account.email);
		await a.client.auth.signOut();
		const response = await getUser(a.session.access_token);
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({
			code: 'session_not_found',
			message: 'Session from session_id claim in JWT does not exist'
		});
		const { error } = await client(target).auth.getUser(a.session.access_token);
		expect(error?.name).toBe('AuthSessionMissingError');
		expect((await (await refresh(a.session.refresh_token)).json()).code).toBe(
			'refresh_token_not_found'
		);
	});

	it('refuses an unknown scope with validation_failed', async () => {
		const a = await signIn(account.email);
		const response = await authFetch(target, '/logout?scope=everywhere', {
			method: 'POST',
			headers: { Authorization: `Bearer ${a.session.access_token}`, ...DATED }
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			code: 'validation_failed',
			message: 'Unsupported logout scope "everywhere"'
		});
	});
});

describe('bearer tokens Auth refuses', () => {
	let account: { id: string; email: string };
	let valid: string;

	beforeAll(async () => {
		account = await createAccount(target, 'jetons');
		valid = (await signIn(account.email)).session.access_token;
	});
	afterAll(async () => {
		await admin(target).auth.admin.deleteUser(account.id);
	});

	const refusal = async (token: string | null) => {
		const response = await authFetch(target, '/user', {
			headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...DATED }
		});
		return {
			status: response.status,
			body: (await response.json()) as { code: string; message: string }
		};
	};

	it('no bearer at all is no_authorization (401)', async () => {
		const response = await fetch(`${target.apiUrl}/auth/v1/user`, {
			headers: { apikey: target.anonKey, Authorization: 'Basic abc', ...DATED }
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({
			code: 'no_authorization',
			message: 'This endpoint requires a valid Bearer token'
		});
	});

	it('a malformed token is bad_jwt (403)', async () => {
		expect(await refusal('not-a-jwt')).toEqual({
			status: 403,
			body: {
				code: 'bad_jwt',
				message:
					'invalid JWT: unable to parse or verify signature, token is malformed: token contains an invalid number of segments'
			}
		});
	});

	it('a token with a forged signature is bad_jwt (403)', async () => {
		const [head, body] = valid.split('.');
		const forged = `${head}.${body}.${Buffer.alloc(64, 1).toString('base64url')}`;
		const result = await refusal(forged);
		expect(result.status).toBe(403);
		expect(result.body.code).toBe('bad_jwt');
		expect(result.body.message).toMatch(/token signature is invalid/);
	});

	it('an alg:none token is bad_jwt (403), whatever it claims', async () => {
		const claims = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString());
		const result = await refusal(
			handMadeJwt({ alg: 'none', typ: 'JWT' }, { ...claims, role: 'service_role' })
		);
		expect(result).toEqual({
			status: 403,
			body: {
				code: 'bad_jwt',
				message:
					'invalid JWT: unable to parse or verify signature, token signature is invalid: signing method none is invalid'
			}
		});
	});

	it('an expired token is bad_jwt (403) with "token is expired"', async () => {
		const now = Math.floor(Date.now() / 1000);
		const expired = signToken(
			{
				sub: account.id,
				role: 'authenticated',
				aud: 'authenticated',
				iat: now - 7200,
				exp: now - 3600
			},
			target.jwtSecret
		);
		expect((await refusal(expired)).body).toEqual({
			code: 'bad_jwt',
			message:
				'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired'
		});
	});

	it('an HS256 token signed with the JWT secret is accepted, as GoTrue does', async () => {
		const now = Math.floor(Date.now() / 1000);
		const token = signToken(
			{ sub: account.id, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 60 },
			target.jwtSecret
		);
		const response = await getUser(token);
		expect(response.status).toBe(200);
		expect((await response.json()).id).toBe(account.id);
	});

	it('the anon key is not a user: no sub claim is bad_jwt (403)', async () => {
		expect(await refusal(target.anonKey)).toEqual({
			status: 403,
			body: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' }
		});
	});
});
