// Sign-up and sign-in through supabase-js against the stack under test: what GoTrue answers
// and what it leaves in auth.* and, through the project's trigger, in public.profiles.
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { connectDb } from '../support/database.ts';
import { target } from '../support/target.ts';
import { admin, authFetch, client, PASSWORD, uniqueEmail } from './helpers.ts';

const created: string[] = [];

afterAll(async () => {
	for (const id of created) await admin(target).auth.admin.deleteUser(id);
});

describe('sign-up with email and password', () => {
	const email = uniqueEmail('inscription');
	let signUp: Awaited<ReturnType<ReturnType<typeof client>['auth']['signUp']>>;

	beforeAll(async () => {
		signUp = await client(target).auth.signUp({
			email: email.toUpperCase(),
			password: PASSWORD,
			options: { data: { first_name: 'Inès', last_name: 'Lefèvre', role: 'coach' } }
		});
		if (signUp.data.user) created.push(signUp.data.user.id);
	});

	it('returns a session at once, since this project does not ask for confirmation', () => {
		expect(signUp.error).toBeNull();
		expect(signUp.data.session?.access_token).toEqual(expect.any(String));
		expect(signUp.data.session?.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(signUp.data.session?.token_type).toBe('bearer');
		expect(signUp.data.session?.expires_in).toBeGreaterThan(3500);
	});

	it('stores the address lower-cased, the data as user metadata and the email identity', () => {
		const user = signUp.data.user!;
		expect(user.email).toBe(email);
		expect(user.aud).toBe('authenticated');
		expect(user.role).toBe('authenticated');
		expect(user.email_confirmed_at).toEqual(expect.any(String));
		expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
		expect(user.user_metadata).toEqual({
			email,
			email_verified: true,
			first_name: 'Inès',
			last_name: 'Lefèvre',
			phone_verified: false,
			role: 'coach',
			sub: user.id
		});
		expect(user.identities).toHaveLength(1);
		expect(user.identities![0]).toMatchObject({
			id: user.id,
			user_id: user.id,
			provider: 'email',
			email,
			identity_data: expect.objectContaining({ sub: user.id, email })
		});
	});

	it('refuses the same address again with user_already_exists (422)', async () => {
		const again = await client(target).auth.signUp({ email, password: PASSWORD });
		expect(again.error?.status).toBe(422);
		expect(again.error?.code).toBe('user_already_exists');
		expect(again.error?.message).toBe('User already registered');
	});

	it('refuses a password shorter than minimum_password_length as weak_password', async () => {
		const weak = await client(target).auth.signUp({
			email: uniqueEmail('faible'),
			password: 'court'
		});
		expect(weak.error?.status).toBe(422);
		expect(weak.error?.code).toBe('weak_password');
		expect(weak.error?.message).toBe('Password should be at least 8 characters.');
		expect((weak.error as { reasons?: string[] }).reasons).toEqual(['length']);
	});

	it('refuses an address that is not one with validation_failed', async () => {
		const bad = await client(target).auth.signUp({ email: 'pas-une-adresse', password: PASSWORD });
		expect(bad.error?.status).toBe(400);
		expect(bad.error?.code).toBe('validation_failed');
		expect(bad.error?.message).toBe('Unable to validate email address: invalid format');
	});
});

describe('sign-in with email and password', () => {
	const email = uniqueEmail('connexion');
	let userId: string;
	const signedIn = client(target);
	let signIn: Awaited<ReturnType<typeof signedIn.auth.signInWithPassword>>;

	beforeAll(async () => {
		const { data, error } = await admin(target).auth.admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true,
			user_metadata: { first_name: 'Camille', role: 'member' }
		});
		if (error) throw error;
		userId = data.user!.id;
		created.push(userId);
		signIn = await signedIn.auth.signInWithPassword({ email, password: PASSWORD });
	});

	it('returns a session whose user is the account', () => {
		expect(signIn.error).toBeNull();
		expect(signIn.data.user!.id).toBe(userId);
		expect(signIn.data.user!.last_sign_in_at).toEqual(expect.any(String));
		expect(signIn.data.session!.access_token.split('.')).toHaveLength(3);
	});

	it('reads "Invalid login credentials" for a wrong password and for an unknown address', async () => {
		for (const attempt of [
			{ email, password: 'mauvais-mot-de-passe' },
			{ email: uniqueEmail('inconnu'), password: PASSWORD }
		]) {
			const { error } = await client(target).auth.signInWithPassword(attempt);
			expect(error?.status).toBe(400);
			expect(error?.code).toBe('invalid_credentials');
			expect(error?.message).toBe('Invalid login credentials');
		}
	});

	it('getUser answers with the user of the access token', async () => {
		const { data, error } = await signedIn.auth.getUser();
		expect(error).toBeNull();
		expect(data.user?.id).toBe(userId);
		expect(data.user?.user_metadata.first_name).toBe('Camille');
	});

	it('getClaims verifies the ES256 token with the JWKS, without asking /user', async () => {
		const urls: string[] = [];
		const counting = createClient(target.apiUrl, target.anonKey, {
			global: {
				fetch: (input, init) => {
					urls.push(String(input));
					return fetch(input, init);
				}
			},
			auth: { persistSession: false, autoRefreshToken: false }
		});
		const { data, error } = await counting.auth.getClaims(signIn.data.session!.access_token);
		expect(error).toBeNull();
		expect(data?.header).toMatchObject({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });
		expect(data?.claims).toMatchObject({
			sub: userId,
			aud: 'authenticated',
			role: 'authenticated',
			email,
			phone: '',
			aal: 'aal1',
			amr: [{ method: 'password', timestamp: expect.any(Number) }],
			session_id: expect.any(String),
			is_anonymous: false,
			iss: `${target.apiUrl}/auth/v1`
		});
		expect(data!.claims.exp - data!.claims.iat).toBe(3600);
		expect(urls.some((url) => url.endsWith('/auth/v1/.well-known/jwks.json'))).toBe(true);
		expect(urls.some((url) => url.includes('/auth/v1/user'))).toBe(false);
	});
});

describe.runIf(target.dbUrl)('what sign-up and sign-in leave in the database', () => {
	let db: pg.Client;
	const email = uniqueEmail('lignes');
	let userId: string;

	beforeAll(async () => {
		db = await connectDb();
		const { data, error } = await client(target).auth.signUp({
			email,
			password: PASSWORD,
			options: { data: { first_name: 'Julien', last_name: 'Moreau', role: 'company' } }
		});
		if (error) throw error;
		userId = data.user!.id;
		created.push(userId);
	});
	afterAll(async () => {
		await db?.end();
	});

	it('the on_auth_user_created trigger made the profile from the sign-up metadata', async () => {
		const { rows } = await db.query(
			'select first_name, last_name, role from public.profiles where id = $1',
			[userId]
		);
		expect(rows).toEqual([{ first_name: 'Julien', last_name: 'Moreau', role: 'company' }]);
	});

	it('auth.users holds a GoTrue bcrypt hash and empty-string token columns', async () => {
		const { rows } = await db.query(
			`select encrypted_password, instance_id, confirmation_token, recovery_token, email_change,
			        email_change_token_new, aud, role, raw_app_meta_data
			   from auth.users where id = $1`,
			[userId]
		);
		expect(rows[0].encrypted_password).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
		expect(rows[0]).toMatchObject({
			instance_id: '00000000-0000-0000-0000-000000000000',
			confirmation_token: '',
			recovery_token: '',
			email_change: '',
			email_change_token_new: '',
			aud: 'authenticated',
			role: 'authenticated',
			raw_app_meta_data: { provider: 'email', providers: ['email'] }
		});
	});

	it('a sign-in adds a session, a refresh token and a password AMR claim, and updates last_sign_in_at', async () => {
		const before = await db.query('select last_sign_in_at from public.profiles where id = $1', [
			userId
		]);
		const { data } = await client(target).auth.signInWithPassword({ email, password: PASSWORD });
		const claims = JSON.parse(
			Buffer.from(data.session!.access_token.split('.')[1], 'base64url').toString()
		);
		const session = await db.query('select user_id, aal from auth.sessions where id = $1', [
			claims.session_id
		]);
		expect(session.rows).toEqual([{ user_id: userId, aal: 'aal1' }]);
		const token = await db.query(
			'select user_id, revoked, parent, session_id from auth.refresh_tokens where token = $1',
			[data.session!.refresh_token]
		);
		expect(token.rows).toEqual([
			{ user_id: userId, revoked: false, parent: null, session_id: claims.session_id }
		]);
		const amr = await db.query(
			'select authentication_method from auth.mfa_amr_claims where session_id = $1',
			[claims.session_id]
		);
		expect(amr.rows).toEqual([{ authentication_method: 'password' }]);
		const after = await db.query('select last_sign_in_at from public.profiles where id = $1', [
			userId
		]);
		expect(after.rows[0].last_sign_in_at).not.toBeNull();
		expect(after.rows[0].last_sign_in_at).not.toEqual(before.rows[0].last_sign_in_at);
	});

	it('the token endpoint answers GoTrue session headers', async () => {
		const response = await authFetch(target, '/token?grant_type=password', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ email, password: PASSWORD })
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('sb-auth-user-id')).toBe(userId);
		expect(response.headers.get('sb-auth-session-id')).toMatch(/^[0-9a-f-]{36}$/);
		const body = await response.json();
		expect(response.headers.get('sb-auth-refresh-token-prefix')).toBe(
			body.refresh_token.slice(0, 5)
		);
		expect(Object.keys(body)).toEqual([
			'access_token',
			'token_type',
			'expires_in',
			'expires_at',
			'refresh_token',
			'user'
		]);
	});
});
