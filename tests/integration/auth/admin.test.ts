// The admin API with the service_role key (auth.admin in supabase-js): create, list with
// pagination headers, get, update (metadata, ban, password), delete, generate_link, and the
// refusal of callers who are not admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { target } from '../support/target.ts';
import {
	admin,
	authFetch,
	client,
	createAccount,
	PASSWORD,
	signedInByLink,
	uniqueEmail
} from './helpers.ts';

const made: string[] = [];
afterAll(async () => {
	for (const id of made) await admin(target).auth.admin.deleteUser(id);
});

describe('admin users', () => {
	it('createUser makes a confirmed account with metadata, app_metadata and its identity', async () => {
		const email = uniqueEmail('admin-cree');
		const { data, error } = await admin(target).auth.admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true,
			user_metadata: { first_name: 'Nadia', role: 'company' },
			app_metadata: { plan: 'pro' }
		});
		expect(error).toBeNull();
		made.push(data.user!.id);
		expect(data.user).toMatchObject({
			email,
			aud: 'authenticated',
			role: 'authenticated',
			email_confirmed_at: expect.any(String),
			app_metadata: { provider: 'email', providers: ['email'], plan: 'pro' },
			user_metadata: { first_name: 'Nadia', role: 'company', email_verified: true }
		});
		expect(data.user!.identities).toHaveLength(1);
		const signIn = await client(target).auth.signInWithPassword({ email, password: PASSWORD });
		expect(signIn.error).toBeNull();
	});

	it('createUser with a taken address is email_exists (422)', async () => {
		const { id, email } = await createAccount(target, 'double');
		made.push(id);
		const { error } = await admin(target).auth.admin.createUser({ email, password: PASSWORD });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('email_exists');
	});

	it('createUser without email_confirm leaves the account unable to sign in', async () => {
		const email = uniqueEmail('non-confirme');
		const { data } = await admin(target).auth.admin.createUser({ email, password: PASSWORD });
		made.push(data.user!.id);
		expect(data.user!.email_confirmed_at).toBeUndefined();
		const { error } = await client(target).auth.signInWithPassword({ email, password: PASSWORD });
		expect(error?.code).toBe('email_not_confirmed');
	});

	it('listUsers pages newest first with X-Total-Count and Link headers', async () => {
		for (let i = 0; i < 3; i++) made.push((await createAccount(target, `liste-${i}`)).id);
		const { data, error } = await admin(target).auth.admin.listUsers({ page: 1, perPage: 2 });
		expect(error).toBeNull();
		if (!('total' in data)) throw new Error('listUsers answered no pagination');
		expect(data.users).toHaveLength(2);
		expect(data.total).toBeGreaterThanOrEqual(3);
		expect(data.nextPage).toBe(2);
		expect(Date.parse(data.users[0].created_at)).toBeGreaterThanOrEqual(
			Date.parse(data.users[1].created_at)
		);

		const response = await authFetch(target, '/admin/users?page=2&per_page=2', {
			headers: { Authorization: `Bearer ${target.serviceRoleKey}` }
		});
		const total = Number(response.headers.get('x-total-count'));
		const lastPage = Math.ceil(total / 2);
		const link = response.headers.get('link')!;
		expect(link).toContain(`</admin/users?page=${lastPage}&per_page=2>; rel="last"`);
		if (lastPage > 2) expect(link).toContain('</admin/users?page=3&per_page=2>; rel="next"');
		const body = await response.json();
		expect(body.aud).toBe('authenticated');
		expect(body.users).toHaveLength(2);
	});

	it('getUserById and updateUserById merge metadata, a null removing a key', async () => {
		const { id } = await createAccount(target, 'maj', { first_name: 'Marc', city: 'Lyon' });
		made.push(id);
		const updated = await admin(target).auth.admin.updateUserById(id, {
			user_metadata: { city: null, phone_pro: '0102030405' },
			app_metadata: { tier: 'gold' }
		});
		expect(updated.error).toBeNull();
		const fetched = await admin(target).auth.admin.getUserById(id);
		expect(fetched.data.user?.user_metadata).toMatchObject({
			first_name: 'Marc',
			phone_pro: '0102030405'
		});
		expect(fetched.data.user?.user_metadata).not.toHaveProperty('city');
		expect(fetched.data.user?.app_metadata).toMatchObject({ provider: 'email', tier: 'gold' });
	});

	it('ban_duration bans sign-ins until lifted with "none"', async () => {
		const { id, email } = await createAccount(target, 'banni');
		made.push(id);
		const banned = await admin(target).auth.admin.updateUserById(id, { ban_duration: '24h' });
		expect(banned.data.user?.banned_until).toEqual(expect.any(String));
		const refused = await client(target).auth.signInWithPassword({ email, password: PASSWORD });
		expect(refused.error?.code).toBe('user_banned');
		const badDuration = await admin(target).auth.admin.updateUserById(id, {
			ban_duration: 'forever'
		});
		expect(badDuration.error?.status).toBe(400);
		expect(badDuration.error?.message).toBe(
			'invalid format for ban duration: time: invalid duration "forever"'
		);
		await admin(target).auth.admin.updateUserById(id, { ban_duration: 'none' });
		const allowed = await client(target).auth.signInWithPassword({ email, password: PASSWORD });
		expect(allowed.error).toBeNull();
	});

	it('an admin password change signs the user out everywhere and the new password works', async () => {
		const { id, email } = await createAccount(target, 'mdp-admin');
		made.push(id);
		const { session } = await signedInByLink(target, email);
		await admin(target).auth.admin.updateUserById(id, { password: 'Change-Par-Admin-1' });
		const user = await authFetch(target, '/user', {
			headers: { Authorization: `Bearer ${session.access_token}` }
		});
		expect(user.status).toBe(403);
		const signIn = await client(target).auth.signInWithPassword({
			email,
			password: 'Change-Par-Admin-1'
		});
		expect(signIn.error).toBeNull();
	});

	it('deleteUser removes the account; getting it again is user_not_found (404)', async () => {
		const { id } = await createAccount(target, 'supprime');
		const { error } = await admin(target).auth.admin.deleteUser(id);
		expect(error).toBeNull();
		const again = await admin(target).auth.admin.getUserById(id);
		expect(again.error?.status).toBe(404);
		expect(again.error?.code).toBe('user_not_found');
		const bad = await authFetch(target, '/admin/users/not-a-uuid', {
			headers: { Authorization: `Bearer ${target.serviceRoleKey}` }
		});
		expect(bad.status).toBe(404);
		expect(await bad.json()).toEqual({
			code: 404,
			error_code: 'validation_failed',
			msg: 'user_id must be an UUID'
		});
	});

	it.runIf(target.dbUrl)(
		'deleting an account deletes its profile through the foreign key',
		async () => {
			const { id } = await createAccount(target, 'cascade', { first_name: 'Léa' });
			const db = await connectDb();
			try {
				expect((await db.query('select 1 from public.profiles where id = $1', [id])).rowCount).toBe(
					1
				);
				await admin(target).auth.admin.deleteUser(id);
				expect((await db.query('select 1 from public.profiles where id = $1', [id])).rowCount).toBe(
					0
				);
			} finally {
				await db.end();
			}
		}
	);

	it('generateLink signup creates an unconfirmed user and gives its link and OTP', async () => {
		const email = uniqueEmail('lien-inscription');
		const { data, error } = await admin(target).auth.admin.generateLink({
			type: 'signup',
			email,
			password: PASSWORD,
			options: { data: { first_name: 'Zoé' }, redirectTo: 'http://127.0.0.1:5173/welcome' }
		});
		expect(error).toBeNull();
		made.push(data.user!.id);
		expect(data.user?.email_confirmed_at).toBeUndefined();
		expect(data.properties).toMatchObject({
			verification_type: 'signup',
			redirect_to: 'http://127.0.0.1:5173/welcome',
			email_otp: expect.stringMatching(/^\d{6}$/),
			hashed_token: expect.stringMatching(/^[0-9a-f]{56}$/)
		});
		expect(data.properties!.action_link).toBe(
			`${target.apiUrl}/auth/v1/verify?token=${data.properties!.hashed_token}&type=signup&redirect_to=http://127.0.0.1:5173/welcome`
		);
	});
});

describe('who may use the admin API', () => {
	let userToken: string;
	let id: string;

	beforeAll(async () => {
		const account = await createAccount(target, 'pas-admin');
		id = account.id;
		made.push(id);
		userToken = (await signedInByLink(target, account.email)).session.access_token;
	});

	it('a user token is not_admin (403) "User not allowed"', async () => {
		const response = await authFetch(target, '/admin/users', {
			headers: { Authorization: `Bearer ${userToken}`, 'X-Supabase-Api-Version': '2024-01-01' }
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });
	});

	it('the anon key is not_admin too', async () => {
		const response = await authFetch(target, `/admin/users/${id}`, {
			headers: { Authorization: `Bearer ${target.anonKey}` }
		});
		expect(response.status).toBe(403);
		expect((await response.json()).error_code).toBe('not_admin');
	});

	it('the opaque secret key works like the service_role key', async () => {
		const response = await authFetch(target, `/admin/users/${id}`, {
			headers: { apikey: target.secretKey }
		});
		expect(response.status).toBe(200);
		expect((await response.json()).id).toBe(id);
	});
});
