// Who a REST request runs as: the role of the bearer JWT (anon without one), its claims in
// request.jwt.claims so auth.uid() and RLS decide, the privileges of that role (42501 → 401 for
// anon, 403 otherwise), and PostgREST's refusal of bad tokens: signature, `alg: none`, expiry
// with 30 s of skew, malformed tokens and claims, roles that do not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, startRestStack } from './rest-stack.ts';
import type { RestStack } from './rest-stack.ts';

let stack: RestStack;
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
	stack = await startRestStack();
});
afterAll(async () => {
	await stack?.close();
});

describe('row level security through REST', () => {
	it('shows each member only their own notes and anon only the public ones', async () => {
		const alice = stack.member(ALICE);
		const bob = stack.member(BOB);
		const mine = await alice.client.from('notes').select('body').order('id');
		expect(mine.data).toEqual([
			{ body: 'Alice keeps this to herself' },
			{ body: 'Alice shares this' }
		]);
		const his = await bob.client.from('notes').select('body');
		expect(his.data).toEqual([{ body: 'Bob keeps this to himself' }]);
		const everyone = await stack.anon.from('notes').select('body');
		expect(everyone.data).toEqual([{ body: 'Alice shares this' }]);
	});

	it('fills the owner from auth.uid() and refuses a row owned by someone else (42501, 403)', async () => {
		const alice = stack.member(ALICE);
		const own = await alice.client
			.from('notes')
			.insert({ body: 'Written by Alice' })
			.select('owner_id')
			.single();
		expect(own.error).toBeNull();
		expect(own.data).toEqual({ owner_id: ALICE });
		const forged = await alice.client.from('notes').insert({ body: 'Pretending', owner_id: BOB });
		expect(forged.status).toBe(403);
		expect(forged.error).toEqual({
			code: '42501',
			details: null,
			hint: null,
			message: 'new row violates row-level security policy for table "notes"'
		});
	});

	it('silently skips rows a member may not update or delete', async () => {
		const bob = stack.member(BOB);
		const update = await bob.client
			.from('notes')
			.update({ body: 'Hacked' })
			.eq('owner_id', ALICE)
			.select();
		expect(update).toMatchObject({ status: 200, data: [] });
		const del = await bob.client.from('notes').delete().eq('owner_id', ALICE);
		expect(del.status).toBe(204);
		const alice = stack.member(ALICE);
		const { count } = await alice.client
			.from('notes')
			.select('*', { count: 'exact', head: true })
			.neq('body', 'Hacked');
		expect(count).toBeGreaterThanOrEqual(2);
	});

	it('lets the service role past RLS', async () => {
		const { count } = await stack.service.from('notes').select('*', { count: 'exact', head: true });
		expect(count).toBeGreaterThanOrEqual(3);
	});

	it('refuses a table the role has no privilege on: 401 for anon, 403 for a member', async () => {
		const anon = await stack.raw('/secrets');
		expect(anon.status).toBe(401);
		expect(anon.headers.get('www-authenticate')).toBe('Bearer');
		expect(anon.json()).toEqual({
			code: '42501',
			details: null,
			hint: null,
			message: 'permission denied for table secrets'
		});
		const member = await stack.member().client.from('secrets').select('*');
		expect(member.status).toBe(403);
		expect(member.error?.code).toBe('42501');
		const service = await stack.service.from('secrets').select('value');
		expect(service.data).toEqual([{ value: 'the cake is a lie' }]);
	});
});

describe('the request scope', () => {
	it('runs as the JWT role with its claims, method, path, headers and the role settings', async () => {
		const member = stack.member(ALICE);
		const { data, error } = await member.client.rpc('who_am_i', undefined, { get: true });
		expect(error).toBeNull();
		expect(data).toMatchObject({
			role: 'authenticated',
			sub: ALICE,
			method: 'GET',
			path: '/rpc/who_am_i',
			search_path: '"public", "public", "extensions"',
			statement_timeout: '8s',
			read_only: 'on'
		});
		expect((data as { claims: Record<string, unknown> }).claims).toMatchObject({
			sub: ALICE,
			role: 'authenticated'
		});
	});

	it('runs without a bearer as anon, with the anon statement_timeout', async () => {
		const res = await stack.raw('/rpc/who_am_i', { headers: { Authorization: '' } });
		expect(res.json()).toMatchObject({ role: 'anon', sub: null, statement_timeout: '3s' });
	});

	it('defaults to anon when the JWT has no role claim, and writes the role into the claims', async () => {
		const token = stack.token({ sub: BOB, exp: now() + 60 });
		const res = await stack.raw('/rpc/who_am_i', { token });
		expect(res.json()).toMatchObject({
			role: 'anon',
			sub: BOB,
			claims: { sub: BOB, role: 'anon' }
		});
	});

	it('sets the timezone asked with Prefer: timezone and says so in Preference-Applied', async () => {
		const res = await stack.raw('/rpc/who_am_i', { headers: { Prefer: 'timezone=Europe/Paris' } });
		expect(res.json()).toMatchObject({ timezone: 'Europe/Paris' });
		expect(res.headers.get('preference-applied')).toBe('timezone=Europe/Paris');
	});

	it('accepts the ES256 access token Auth issues at sign-in', async () => {
		const email = `rest-${Date.now()}@example.test`;
		const created = await stack.service.auth.admin.createUser({
			email,
			password: 'correct-horse-battery',
			email_confirm: true
		});
		expect(created.error).toBeNull();
		const client = stack.fixture.anon();
		const signIn = await client.auth.signInWithPassword({
			email,
			password: 'correct-horse-battery'
		});
		expect(signIn.error).toBeNull();
		const { data } = await client.rpc('who_am_i');
		expect(data).toMatchObject({ role: 'authenticated', sub: created.data.user!.id });
	});
});

describe('refused tokens', () => {
	const refusal = (code: string, message: string, details: string | null = null) => ({
		code,
		details,
		hint: null,
		message
	});

	it('refuses an expired token (beyond 30 s of skew) with PGRST303 and WWW-Authenticate', async () => {
		const expired = stack.token({ role: 'authenticated', exp: now() - 60 });
		const res = await stack.raw('/books?select=id', { token: expired });
		expect(res.status).toBe(401);
		expect(res.headers.get('www-authenticate')).toBe(
			'Bearer error="invalid_token", error_description="JWT expired"'
		);
		expect(res.json()).toEqual(refusal('PGRST303', 'JWT expired'));
		const withinSkew = stack.token({ role: 'authenticated', exp: now() - 10 });
		expect((await stack.raw('/books?select=id&limit=1', { token: withinSkew })).status).toBe(200);
	});

	it('refuses through supabase-js a member whose token expired', async () => {
		const member = stack.member(ALICE, { expiresIn: -120 });
		const { error, status } = await member.client.from('notes').select('*');
		expect(status).toBe(401);
		expect(error).toEqual(refusal('PGRST303', 'JWT expired'));
	});

	it('refuses a bad signature, alg none, a wrong algorithm and malformed tokens with PGRST301', async () => {
		const cases: [string, ReturnType<typeof refusal>][] = [
			[
				`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ role: 'service_role' })}.${Buffer.from('forged').toString('base64url')}`,
				refusal(
					'PGRST301',
					'No suitable key or wrong key type',
					'None of the keys was able to decode the JWT'
				)
			],
			[
				`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'service_role' })}.`,
				refusal(
					'PGRST301',
					'Wrong or unsupported encoding algorithm',
					"JWT is unsecured but expected 'alg' was not 'none'"
				)
			],
			[
				`${b64({ alg: 'RS256' })}.${b64({ role: 'service_role' })}.c2ln`,
				refusal(
					'PGRST301',
					'No suitable key or wrong key type',
					'None of the keys was able to decode the JWT'
				)
			],
			['only.two', refusal('PGRST301', 'Expected 3 parts in JWT; got 2')],
			[
				'quifquirndsjagnrgniur.fonvoienqhhdj.iuqvnvhojah',
				refusal('PGRST301', 'JWT cryptographic operation failed')
			]
		];
		for (const [token, expected] of cases) {
			const res = await stack.raw('/books?select=id', { token });
			expect(res.status, token).toBe(401);
			expect(res.json(), token).toEqual(expected);
			expect(res.headers.get('www-authenticate')).toBe(
				`Bearer error="invalid_token", error_description="${expected.message}"`
			);
		}
	});

	it('refuses an empty bearer', async () => {
		const res = await stack.raw('/books', { headers: { Authorization: 'Bearer' } });
		expect(res.status).toBe(401);
		expect(res.json()).toEqual(refusal('PGRST301', 'Empty JWT is sent in Authorization header'));
	});

	it('refuses claims of the wrong type and tokens from the future', async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ role: 'anon', exp: 'tomorrow' }, "The JWT 'exp' claim must be a number"],
			[{ role: 'anon', nbf: now() + 120 }, 'JWT not yet valid'],
			[{ role: 'anon', iat: now() + 120 }, 'JWT issued at future'],
			[
				{ role: 'anon', aud: { not: 'a string' } },
				"The JWT 'aud' claim must be a string or an array of strings"
			]
		];
		for (const [claims, message] of cases) {
			const res = await stack.raw('/books?select=id', { token: stack.token(claims) });
			expect(res.status).toBe(401);
			expect(res.json()).toEqual(refusal('PGRST303', message));
		}
	});

	it('refuses a role that does not exist with 401', async () => {
		const res = await stack.raw('/books?select=id', { token: stack.token({ role: 'ghost' }) });
		expect(res.status).toBe(401);
		expect(res.json()).toEqual({
			code: '22023',
			details: null,
			hint: null,
			message: 'role "ghost" does not exist'
		});
	});
});
