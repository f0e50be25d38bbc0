// PostgREST's protocol around the data: Prefer handling (strict vs lenient, Preference-Applied),
// schemas by Accept-Profile / Content-Profile, the schema cache reloaded after DDL, OPTIONS,
// paths it does not serve, and hostile input in every parameter refused or quoted, never run.
import { request } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestStack } from './rest-stack.ts';
import type { RestStack } from './rest-stack.ts';

let stack: RestStack;
let db: pg.Client;
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
	stack = await startRestStack();
	db = new pg.Client({ connectionString: stack.fixture.dbUrl });
	await db.connect();
});
afterAll(async () => {
	await db?.end();
	await stack?.close();
});

describe('Prefer', () => {
	it('ignores unknown preferences unless handling=strict, which refuses them with PGRST122', async () => {
		const lenient = await stack.raw('/books?select=id&id=eq.1', {
			headers: { Prefer: 'nonsense, params=single-object' }
		});
		expect(lenient.status).toBe(200);
		expect(lenient.headers.get('preference-applied')).toBeNull();
		const strict = await stack.raw('/books?select=id&id=eq.1', {
			headers: { Prefer: 'handling=strict, nonsense, params=single-object' }
		});
		expect(strict.status).toBe(400);
		expect(strict.json()).toEqual({
			code: 'PGRST122',
			details: 'Invalid preferences: nonsense, params=single-object',
			hint: null,
			message: 'Invalid preferences given with handling=strict'
		});
	});

	it('echoes the applied preferences in upstream order, first value of each winning', async () => {
		const res = await stack.raw('/items?select=sku', {
			method: 'POST',
			headers: {
				...json,
				Prefer:
					'return=representation, count=exact, return=minimal, handling=lenient, missing=default'
			},
			body: JSON.stringify({ sku: `pref-${Date.now()}`, name: 'P' })
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('preference-applied')).toBe(
			'missing=default, return=representation, count=exact, handling=lenient'
		);
		expect(res.headers.get('content-range')).toBe('*/1');
	});

	it('accepts tx=rollback but, as on Supabase (db-tx-end = commit), still commits', async () => {
		const sku = `tx-${Date.now()}`;
		const res = await stack.raw('/items', {
			method: 'POST',
			headers: { ...json, Prefer: 'tx=rollback, handling=strict' },
			body: JSON.stringify({ sku, name: 'Kept' })
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('preference-applied')).toBe('handling=strict');
		const { data } = await stack.anon.from('items').select('name').eq('sku', sku);
		expect(data).toEqual([{ name: 'Kept' }]);
	});
});

describe('schemas', () => {
	it('reads another exposed schema with Accept-Profile and writes it with Content-Profile', async () => {
		const read = await stack.anon
			.schema('library')
			.from('shelves')
			.select('label')
			.order('id')
			.limit(2);
		expect(read.data).toEqual([{ label: 'A' }, { label: 'B' }]);
		const res = await stack.raw('/shelves?select=label', {
			method: 'POST',
			headers: { ...json, 'Content-Profile': 'library', Prefer: 'return=representation' },
			body: JSON.stringify({ label: 'C' })
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('content-profile')).toBe('library');
	});

	it('refuses a schema that is not exposed with 406 PGRST106 naming the exposed ones', async () => {
		const res = await stack.raw('/hidden', { headers: { 'Accept-Profile': 'private' } });
		expect(res.status).toBe(406);
		expect(res.json()).toEqual({
			code: 'PGRST106',
			details: null,
			hint: 'Only the following schemas are exposed: public, library',
			message: 'Invalid schema: private'
		});
	});

	it('does not find tables of other schemas in the default one (PGRST205, with a suggestion)', async () => {
		const res = await stack.raw('/bookz');
		expect(res.status).toBe(404);
		expect(res.json()).toEqual({
			code: 'PGRST205',
			details: null,
			hint: "Perhaps you meant the table 'public.books'",
			message: "Could not find the table 'public.bookz' in the schema cache"
		});
	});

	it('serves a table created after start once the DDL event triggers have notified', async () => {
		await db.query(`create table public.late_arrival (id int primary key, label text);
			grant select on public.late_arrival to anon; insert into public.late_arrival values (1, 'here')`);
		let res = await stack.raw('/late_arrival?select=label');
		for (let i = 0; i < 50 && res.status !== 200; i++) {
			await new Promise((r) => setTimeout(r, 100));
			res = await stack.raw('/late_arrival?select=label');
		}
		expect(res.status).toBe(200);
		expect(res.json()).toEqual([{ label: 'here' }]);
	});

	it("reloads on NOTIFY pgrst, 'reload schema' too", async () => {
		// As the superuser with event triggers off, so that only the NOTIFY can announce it.
		const url = new URL(stack.fixture.dbUrl);
		url.username = 'supabase_admin';
		const admin = new pg.Client({ connectionString: url.toString() });
		await admin.connect();
		try {
			await admin.query(`set session_replication_role = replica`);
			await admin.query(
				`create function public.late_function() returns text language sql as $$ select 'late' $$`
			);
			await admin.query(`grant execute on function public.late_function() to anon`);
			await admin.query(`reset session_replication_role`);
			expect((await stack.raw('/rpc/late_function')).status).toBe(404);
			await admin.query(`notify pgrst, 'reload schema'`);
		} finally {
			await admin.end();
		}
		let res = await stack.raw('/rpc/late_function');
		for (let i = 0; i < 50 && res.status !== 200; i++) {
			await new Promise((r) => setTimeout(r, 100));
			res = await stack.raw('/rpc/late_function');
		}
		expect(res.json()).toBe('late');
	});
});

describe('paths and methods', () => {
	it('answers OPTIONS on a table with the methods it allows', async () => {
		const res = await stack.raw('/books', { method: 'OPTIONS' });
		expect(res.status).toBe(200);
		expect(res.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST,PUT,PATCH,DELETE');
		const fn = await stack.raw('/rpc/hello', { method: 'OPTIONS' });
		expect(fn.headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST');
	});

	it('refuses nested paths with PGRST125 and the root description with PGRST127', async () => {
		const nested = await stack.raw('/books/1');
		expect(nested.status).toBe(404);
		expect(nested.json()).toEqual({
			code: 'PGRST125',
			details: null,
			hint: null,
			message: 'Invalid path specified in request URL'
		});
		const root = await stack.raw('/');
		expect(root.status).toBe(400);
		expect(root.json()).toMatchObject({ code: 'PGRST127', message: 'Feature not implemented' });
	});

	it('refuses unsupported methods with PGRST117', async () => {
		// fetch cannot send TRACE: a plain HTTP request can.
		const url = new URL(`${stack.fixture.apiUrl}/rest/v1/books`);
		const answer = await new Promise<{ status: number; body: string }>((done, fail) => {
			const req = request(
				url,
				{ method: 'TRACE', headers: { apikey: stack.fixture.anonKey } },
				(res) => {
					let body = '';
					res.on('data', (chunk) => (body += chunk));
					res.on('end', () => done({ status: res.statusCode ?? 0, body }));
				}
			);
			req.on('error', fail);
			req.end();
		});
		expect(answer.status).toBe(405);
		expect(JSON.parse(answer.body)).toMatchObject({
			code: 'PGRST117',
			message: 'Unsupported HTTP method: TRACE'
		});
	});

	it('adds Proxy-Status to every error', async () => {
		const res = await stack.raw('/books?id=eqq.1');
		expect(res.headers.get('proxy-status')).toBe('PostgREST; error=PGRST100');
	});
});

describe('hostile input is refused or quoted, never executed', () => {
	const secretsLeft = async () =>
		(await db.query('select count(*)::int as n from public.secrets')).rows[0].n;

	it('treats column names, aliases and JSON path keys in select as identifiers and values', async () => {
		const attempts = [
			'/books?select=id;drop table public.secrets',
			'/books?select="id; drop table public.secrets; --"',
			'/books?select=x:"id\\" from public.secrets; --"',
			"/books?select=metadata->>'; drop table public.secrets; --",
			'/books?select=metadata->"a\'); drop table public.secrets; --"'
		];
		for (const path of attempts) {
			const res = await stack.raw(encodeURI(path));
			expect(res.status, path).toBeGreaterThanOrEqual(200);
			expect([200, 400]).toContain(res.status);
		}
		expect(await secretsLeft()).toBe(1);
	});

	it('reads casts as plain type names only: what follows a complete select is ignored, as upstream', async () => {
		const ignored = await stack.raw(
			encodeURI('/books?select=id::int);drop table public.secrets;--&id=eq.1')
		);
		expect(ignored.status).toBe(200);
		expect(ignored.json()).toEqual([{ id: 1 }]);
		const refused = await stack.raw(encodeURI("/books?select=id::int'"));
		expect(refused.status).toBe(400);
		expect(refused.json()).toMatchObject({ code: 'PGRST100' });
		expect(await secretsLeft()).toBe(1);
	});

	it('binds filter values, in-lists and full-text languages as parameters', async () => {
		const attempts = [
			"/books?select=id&title=eq.x' or '1'='1",
			'/books?select=id&id=in.(1);drop table public.secrets;--)',
			"/books?select=id&summary=fts(english'); drop table public.secrets;--).x",
			"/books?select=id&or=(title.eq.x' or 1=1 --,id.eq.1)"
		];
		for (const path of attempts) {
			const res = await stack.raw(encodeURI(path));
			expect([200, 400]).toContain(res.status);
			if (res.status === 200) expect((res.json() as unknown[]).length).toBeLessThanOrEqual(1);
		}
		expect(await secretsLeft()).toBe(1);
	});

	it('quotes order terms, on_conflict, columns, function names and schema headers', async () => {
		const attempts: [string, RequestInit & { headers?: Record<string, string> }][] = [
			['/books?select=id&order=id;delete from public.secrets', {}],
			['/books?select=id&order="id desc; delete from public.secrets"', {}],
			[
				'/items?on_conflict=sku) do nothing; delete from public.secrets; --',
				{ method: 'POST', headers: json, body: '{"sku":"i","name":"i"}' }
			],
			[
				'/items?columns=sku,"name) select 1; delete from public.secrets; --"',
				{ method: 'POST', headers: json, body: '[{"sku":"j","name":"j"}]' }
			],
			[
				'/rpc/hello"(); delete from public.secrets; --',
				{ method: 'POST', headers: json, body: '{}' }
			],
			['/books', { headers: { 'Accept-Profile': 'public"; delete from public.secrets; --' } }]
		];
		for (const [path, init] of attempts) {
			const res = await stack.raw(encodeURI(path), {
				method: init.method as string | undefined,
				headers: init.headers,
				body: init.body as string | undefined
			});
			expect(res.status, path).toBeLessThan(500);
		}
		expect(await secretsLeft()).toBe(1);
	});

	it('keeps a JSON body as data, whatever its keys and values contain', async () => {
		const evil = 'x"); delete from public.secrets; --';
		const { error } = await stack.anon
			.from('items')
			.insert({ sku: evil, name: evil })
			.select('sku')
			.single();
		expect(error).toBeNull();
		const { data } = await stack.anon.from('items').select('name').eq('sku', evil).single();
		expect(data).toEqual({ name: evil });
		const badKey = await stack.anon
			.from('items')
			.insert({ [`name"); delete from public.secrets; --`]: 1 } as never);
		expect(badKey.status).toBe(400);
		expect(badKey.error?.code).toBe('PGRST204');
		expect(await secretsLeft()).toBe(1);
	});
});
