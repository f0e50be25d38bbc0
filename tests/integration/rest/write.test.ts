// Writing through /rest/v1 as PostgREST v14 does: inserts (single, bulk, `columns=`, missing keys
// as NULL or defaults), upserts on a key or `on_conflict` (201 vs 200), PUT on a primary key,
// updates and deletes with filters and `select=`, the Location header of `return=headers-only`,
// hosted Supabase's refusal of UPDATE / DELETE without a filter, and the constraint errors.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestStack } from './rest-stack.ts';
import type { RestStack } from './rest-stack.ts';

let stack: RestStack;
const items = () => stack.anon.from('items');
const sku = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
	stack = await startRestStack();
});
afterAll(async () => {
	await stack?.close();
});

describe('insert', () => {
	it('creates a row with 201, an empty body and Content-Range */*', async () => {
		const code = sku('one');
		const res = await stack.raw('/items', {
			method: 'POST',
			headers: json,
			body: JSON.stringify({ sku: code, name: 'One' })
		});
		expect(res.status).toBe(201);
		expect(res.text).toBe('');
		expect(res.headers.get('content-range')).toBe('*/*');
		expect(res.headers.get('content-length')).toBe('0');
		const { data } = await items().select('name, quantity, note').eq('sku', code);
		expect(data).toEqual([{ name: 'One', quantity: 0, note: 'none' }]);
	});

	it('returns the inserted rows shaped by select= with return=representation', async () => {
		const code = sku('rep');
		const { data, error, status } = await items()
			.insert({ sku: code, name: 'Rep', quantity: 3 })
			.select('sku, quantity')
			.single();
		expect(error).toBeNull();
		expect(status).toBe(201);
		expect(data).toEqual({ sku: code, quantity: 3 });
	});

	it('inserts arrays whose objects have different keys: missing keys become NULL', async () => {
		const [a, b] = [sku('bulk'), sku('bulk')];
		const { data, error } = await items()
			.insert([
				{ sku: a, name: 'A', note: 'kept' },
				{ sku: b, name: 'B' }
			])
			.select('sku, note')
			.order('sku');
		expect(error).toBeNull();
		expect(data).toEqual(
			[
				{ sku: a, note: 'kept' },
				{ sku: b, note: null }
			].sort((x, y) => (x.sku < y.sku ? -1 : 1))
		);
	});

	it('fills missing keys with the column defaults with defaultToNull: false (missing=default)', async () => {
		const [a, b] = [sku('def'), sku('def')];
		const { data, error } = await items()
			.insert(
				[
					{ sku: a, name: 'A', quantity: 7 },
					{ sku: b, name: 'B' }
				],
				{ defaultToNull: false }
			)
			.select('sku, quantity, note');
		expect(error).toBeNull();
		expect(data).toEqual(
			expect.arrayContaining([
				{ sku: a, quantity: 7, note: 'none' },
				{ sku: b, quantity: 0, note: 'none' }
			])
		);
	});

	it('refuses a bulk body whose keys differ when no columns= is given', async () => {
		const res = await stack.raw('/items', {
			method: 'POST',
			headers: json,
			body: JSON.stringify([{ sku: 'x' }, { name: 'y' }])
		});
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'All object keys must match'
		});
	});

	it('refuses invalid JSON and unknown columns with PostgREST codes', async () => {
		const bad = await stack.raw('/items', { method: 'POST', headers: json, body: '{nope' });
		expect(bad.status).toBe(400);
		expect(bad.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
		const { error, status } = await items().insert({ sku: 'x', name: 'y', colour: 'red' });
		expect(status).toBe(400);
		expect(error).toEqual({
			code: 'PGRST204',
			details: null,
			hint: null,
			message: "Could not find the 'colour' column of 'items' in the schema cache"
		});
	});

	it('answers return=headers-only with a Location naming the new row by its primary key', async () => {
		const res = await stack.raw('/items', {
			method: 'POST',
			headers: { ...json, Prefer: 'return=headers-only' },
			body: JSON.stringify({ sku: sku('loc'), name: 'Located' })
		});
		expect(res.status).toBe(201);
		expect(res.headers.get('location')).toMatch(/^\/items\?id=eq\.\d+$/);
		expect(res.headers.get('preference-applied')).toBe('return=headers-only');
		const id = res.headers.get('location')!.split('eq.')[1];
		const { data } = await items().select('name').eq('id', id).single();
		expect(data).toEqual({ name: 'Located' });
	});

	it('takes CSV bodies, with NULL as null', async () => {
		const code = sku('csv');
		const res = await stack.raw('/items?select=sku,note', {
			method: 'POST',
			headers: { 'Content-Type': 'text/csv', Prefer: 'return=representation' },
			body: `sku,name,note\n${code},From CSV,NULL`
		});
		expect(res.status).toBe(201);
		expect(res.json()).toEqual([{ sku: code, note: null }]);
	});

	it('maps constraint violations to PostgREST statuses: unique 409, not null and check 400, foreign key 409', async () => {
		const code = sku('dup');
		await items().insert({ sku: code, name: 'First' });
		const duplicate = await items().insert({ sku: code, name: 'Second' });
		expect(duplicate.status).toBe(409);
		expect(duplicate.error).toMatchObject({
			code: '23505',
			details: `Key (sku)=(${code}) already exists.`,
			message: 'duplicate key value violates unique constraint "items_sku_key"'
		});
		const missing = await items().insert({ sku: sku('nn') });
		expect(missing.status).toBe(400);
		expect(missing.error?.code).toBe('23502');
		const member = stack.member();
		const check = await member.client.from('reviews').insert({ book_id: 1, stars: 9 });
		expect(check.status).toBe(400);
		expect(check.error?.code).toBe('23514');
		const fk = await member.client.from('reviews').insert({ book_id: 999, stars: 3 });
		expect(fk.status).toBe(409);
		expect(fk.error?.code).toBe('23503');
	});
});

describe('upsert', () => {
	it('merges duplicates on the on_conflict column: 201 when a row is new, 200 when all existed', async () => {
		const code = sku('up');
		const created = await items()
			.upsert({ sku: code, name: 'New' }, { onConflict: 'sku' })
			.select('name');
		expect(created.status).toBe(201);
		const merged = await items()
			.upsert({ sku: code, name: 'Merged' }, { onConflict: 'sku' })
			.select('name');
		expect(merged.status).toBe(200);
		expect(merged.data).toEqual([{ name: 'Merged' }]);
		const mixed = await items()
			.upsert(
				[
					{ sku: code, name: 'Again' },
					{ sku: sku('up'), name: 'Other' }
				],
				{ onConflict: 'sku' }
			)
			.select('name');
		expect(mixed.status).toBe(201);
		expect(mixed.data).toHaveLength(2);
	});

	it('ignores duplicates with ignoreDuplicates, returning only what was inserted', async () => {
		const code = sku('ign');
		await items().insert({ sku: code, name: 'Original' });
		const res = await stack.raw('/items?on_conflict=sku&select=name', {
			method: 'POST',
			headers: { ...json, Prefer: 'resolution=ignore-duplicates, return=representation' },
			body: JSON.stringify({ sku: code, name: 'Ignored' })
		});
		expect(res.status).toBe(201);
		expect(res.json()).toEqual([]);
		expect(res.headers.get('preference-applied')).toBe(
			'resolution=ignore-duplicates, return=representation'
		);
		const { data } = await items().select('name').eq('sku', code).single();
		expect(data).toEqual({ name: 'Original' });
	});

	it('puts a row by its primary key: 201 created, 200 replaced, 204 minimal', async () => {
		const id = 5000 + Math.floor(Math.random() * 1000);
		const put = (name: string, prefer = 'return=representation') =>
			stack.raw(`/items?id=eq.${id}`, {
				method: 'PUT',
				headers: { ...json, Prefer: prefer },
				body: JSON.stringify({ id, sku: `put-${id}`, name })
			});
		expect((await put('Created')).status).toBe(201);
		const replaced = await put('Replaced');
		expect(replaced.status).toBe(200);
		expect(replaced.json()).toEqual([
			{ id, sku: `put-${id}`, name: 'Replaced', quantity: 0, note: 'none' }
		]);
		expect((await put('Minimal', 'return=minimal')).status).toBe(204);
	});

	it('refuses a PUT whose filters are not exactly the primary key, or whose body disagrees', async () => {
		const notPk = await stack.raw('/items?sku=eq.a', {
			method: 'PUT',
			headers: json,
			body: JSON.stringify({ id: 1, sku: 'a', name: 'x' })
		});
		expect(notPk.status).toBe(405);
		expect(notPk.json()).toMatchObject({ code: 'PGRST105' });
		const mismatch = await stack.raw('/items?id=eq.1', {
			method: 'PUT',
			headers: json,
			body: JSON.stringify({ id: 2, sku: 'b', name: 'x' })
		});
		expect(mismatch.status).toBe(400);
		expect(mismatch.json()).toEqual({
			code: 'PGRST115',
			details: null,
			hint: null,
			message: 'Payload values do not match URL in primary key column(s)'
		});
		const limited = await stack.raw('/items?id=eq.1&limit=1', {
			method: 'PUT',
			headers: json,
			body: JSON.stringify({ id: 1, sku: 'b', name: 'x' })
		});
		expect(limited.status).toBe(400);
		expect(limited.json()).toMatchObject({ code: 'PGRST114' });
	});
});

describe('update and delete', () => {
	it('updates the filtered rows: 204 by default, 200 with the rows and their range when selected', async () => {
		const [a, b] = [sku('upd'), sku('upd')];
		await items().insert([
			{ sku: a, name: 'A' },
			{ sku: b, name: 'B' }
		]);
		const quiet = await items().update({ quantity: 1 }).eq('sku', a);
		expect(quiet.status).toBe(204);
		const res = await stack.raw(`/items?sku=in.(${a},${b})&select=sku,quantity&order=sku`, {
			method: 'PATCH',
			headers: { ...json, Prefer: 'return=representation, count=exact' },
			body: JSON.stringify({ quantity: 9 })
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-range')).toBe('0-1/2');
		expect(res.json()).toEqual([a, b].sort().map((s) => ({ sku: s, quantity: 9 })));
	});

	it('updates nothing and says */* when no row matches', async () => {
		const res = await stack.raw('/items?sku=eq.nothing-here', {
			method: 'PATCH',
			headers: json,
			body: JSON.stringify({ quantity: 1 })
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('content-range')).toBe('*/*');
	});

	it('deletes the filtered rows and returns them when selected', async () => {
		const code = sku('del');
		await items().insert({ sku: code, name: 'Doomed' });
		const { data, status } = await items().delete().eq('sku', code).select('sku');
		expect(status).toBe(200);
		expect(data).toEqual([{ sku: code }]);
		const { data: left } = await items().select('id').eq('sku', code);
		expect(left).toEqual([]);
	});

	it('refuses UPDATE and DELETE without a filter as pg-safeupdate does on Supabase', async () => {
		const update = await items().update({ note: 'everything' });
		expect(update.status).toBe(400);
		expect(update.error).toEqual({
			code: '21000',
			details: null,
			hint: null,
			message: 'UPDATE requires a WHERE clause'
		});
		const del = await items().delete();
		expect(del.status).toBe(400);
		expect(del.error?.message).toBe('DELETE requires a WHERE clause');
		const { count } = await items()
			.select('*', { count: 'exact', head: true })
			.eq('note', 'everything');
		expect(count).toBe(0);
	});

	it('refuses more affected rows than max-affected with handling=strict, and rolls back', async () => {
		const tag = sku('max');
		await items().insert([
			{ sku: `${tag}-1`, name: 'A' },
			{ sku: `${tag}-2`, name: 'B' }
		]);
		// supabase-js' maxAffected() sends exactly these two preferences.
		const strict = { Prefer: 'handling=strict, max-affected=1' };
		const refused = await stack.raw(`/items?sku=like.${tag}-*`, {
			method: 'DELETE',
			headers: strict
		});
		expect(refused.status).toBe(400);
		expect(refused.json()).toEqual({
			code: 'PGRST124',
			details: 'The query affects 2 rows',
			hint: null,
			message: 'Query result exceeds max-affected preference constraint'
		});
		const { count } = await items()
			.select('*', { count: 'exact', head: true })
			.like('sku', `${tag}-%`);
		expect(count).toBe(2);
		const allowed = await stack.raw(`/items?sku=eq.${tag}-1`, {
			method: 'DELETE',
			headers: strict
		});
		expect(allowed.status).toBe(204);
		expect(allowed.headers.get('preference-applied')).toBe('handling=strict, max-affected=1');
	});

	it('rolls a single-object write back when it touched more than one row', async () => {
		const tag = sku('single');
		await items().insert([
			{ sku: `${tag}-1`, name: 'A' },
			{ sku: `${tag}-2`, name: 'B' }
		]);
		const { error, status } = await items()
			.update({ note: 'changed' })
			.like('sku', `${tag}-%`)
			.select()
			.single();
		expect(status).toBe(406);
		expect(error?.code).toBe('PGRST116');
		const { data } = await items().select('note').like('sku', `${tag}-%`);
		expect(data).toEqual([{ note: 'none' }, { note: 'none' }]);
	});

	it('embeds related rows in the representation of a write', async () => {
		const member = stack.member();
		const { data, error } = await member.client
			.from('reviews')
			.insert({ book_id: 3, stars: 4, body: 'Dreamlike.' })
			.select('stars, books(title)')
			.single();
		expect(error).toBeNull();
		expect(data).toEqual({ stars: 4, books: { title: 'Invisible Cities' } });
	});
});
