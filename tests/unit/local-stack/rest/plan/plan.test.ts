import { describe, expect, it } from 'vitest';
import { crudPlan } from '../../../../../local-stack/rest/plan/action-plan.ts';
import { viewTargets } from '../../../../../local-stack/rest/plan/node-tree.ts';
import { findRelationship } from '../../../../../local-stack/rest/plan/relationships.ts';
import { qiKey } from '../../../../../local-stack/rest/plan/schema-cache.ts';
import type { CrudPlan } from '../../../../../local-stack/rest/plan/types.ts';
import { libraryCache } from '../catalog.ts';
import { apiRequest } from '../request.ts';

const cache = libraryCache();
const CONFIG = { maxRows: 1000, aggregatesEnabled: false, planEnabled: false };
const plan = (method: string, url: string, headers: Record<string, string> = {}, body = '') =>
	crudPlan(cache, apiRequest(method, url, headers, body), CONFIG);
const refuses = (work: () => unknown, expected: Record<string, unknown>) => {
	try {
		work();
	} catch (error) {
		expect(error).toMatchObject(expected);
		return;
	}
	throw new Error('expected a PostgREST error');
};
const kind = (rel: ReturnType<typeof findRelationship>) =>
	rel.kind === 'fk' ? rel.cardinality.kind : 'computed';

describe('the schema cache', () => {
	it('derives inverse, one-to-one and many-to-many relationships from the foreign keys', () => {
		expect(kind(findRelationship(cache, 'public', 'books', 'authors', null))).toBe('m2o');
		expect(kind(findRelationship(cache, 'public', 'authors', 'books', null))).toBe('o2m');
		expect(kind(findRelationship(cache, 'public', 'authors', 'author_profiles', null))).toBe('o2o');
		expect(kind(findRelationship(cache, 'public', 'books', 'categories', null))).toBe('m2m');
	});

	it('follows a view back to its table: primary key and foreign keys of the columns it shows', () => {
		expect(cache.tables.get(qiKey({ schema: 'public', name: 'book_summaries' }))?.pkCols).toEqual([
			'id'
		]);
		const rel = findRelationship(cache, 'public', 'book_summaries', 'authors', null);
		expect(rel).toMatchObject({
			kind: 'fk',
			tableIsView: true,
			cardinality: { kind: 'm2o', columns: [['writer_id', 'id']] }
		});
	});

	it('keeps only the exposed schemas', () => {
		expect(cache.tables.has(qiKey({ schema: 'private', name: 'hidden' }))).toBe(false);
	});

	it('reads view target lists from pg_node_tree text, escapes and datums included', () => {
		expect(
			viewTargets(
				'({QUERY :targetList ({TARGETENTRY :resno 1 :resname a\\ b :resorigtbl 42 :resorigcol 3 :resjunk false} {TARGETENTRY :expr {CONST :constvalue 4 [ 1 0 0 0 ]} :resno 2 :resname c :resorigtbl 0 :resorigcol 0 :resjunk false}) :rtable <>})'
			)
		).toEqual([
			{ resno: 1, origTable: 42, origColumn: 3 },
			{ resno: 2, origTable: 0, origColumn: 0 }
		]);
	});
});

describe('finding the relationship of an embed', () => {
	it('disambiguates by constraint, by column of either side, by junction', () => {
		expect(
			findRelationship(cache, 'public', 'books', 'publishers', 'books_reprint_publisher_id_fkey')
		).toMatchObject({
			cardinality: { constraint: 'books_reprint_publisher_id_fkey' }
		});
		expect(findRelationship(cache, 'public', 'books', 'publishers', 'publisher_id')).toMatchObject({
			cardinality: { constraint: 'books_publisher_id_fkey' }
		});
		expect(
			findRelationship(cache, 'public', 'books', 'categories', 'book_categories')
		).toMatchObject({
			cardinality: { kind: 'm2m' }
		});
	});

	it('names the embed by the foreign key column or constraint when the target is a table', () => {
		expect(findRelationship(cache, 'public', 'books', 'author_id', null)).toMatchObject({
			foreignTable: { name: 'authors' }
		});
		expect(findRelationship(cache, 'public', 'books', 'books_author_id_fkey', null)).toMatchObject({
			foreignTable: { name: 'authors' }
		});
	});

	it('reads a self-reference as children by table name and parent by column name', () => {
		expect(kind(findRelationship(cache, 'public', 'employees', 'employees', null))).toBe('o2m');
		expect(kind(findRelationship(cache, 'public', 'employees', 'manager_id', null))).toBe('m2o');
	});

	it('refuses ambiguity with PGRST201 and no match with PGRST200 and a suggestion', () => {
		refuses(() => findRelationship(cache, 'public', 'books', 'publishers', null), {
			code: 'PGRST201',
			status: 300,
			hint: "Try changing 'publishers' to one of the following: 'publishers!books_publisher_id_fkey', 'publishers!books_reprint_publisher_id_fkey'. Find the desired relationship in the 'details' key."
		});
		refuses(() => findRelationship(cache, 'public', 'books', 'categorys', null), {
			code: 'PGRST200',
			hint: "Perhaps you meant 'categories' instead of 'categorys'."
		});
		refuses(() => findRelationship(cache, 'public', 'bokks', 'authors', null), {
			code: 'PGRST200',
			hint: "Perhaps you meant 'books' instead of 'bokks'."
		});
		refuses(() => findRelationship(cache, 'public', 'books', 'authors', 'nope'), {
			details:
				"Searched for a foreign key relationship between 'books' and 'authors' using the hint 'nope' in the schema 'public', but no matches were found."
		});
	});
});

describe('read plans', () => {
	const read = (url: string) => plan('GET', url) as Extract<CrudPlan, { kind: 'read' }>;

	it('aliases embeds <table>_<depth> and joins them on their foreign key', () => {
		const p = read('/books?select=id,authors(name,author_profiles(bio))');
		const author = p.tree.children[0].plan;
		expect(author).toMatchObject({
			from: { name: 'authors' },
			fromAlias: 'authors_1',
			relAggAlias: 'books_authors_1'
		});
		expect(author.relJoinConds).toEqual([
			{
				left: [{ schema: '', name: 'authors_1' }, 'id'],
				right: [{ schema: 'public', name: 'books' }, 'author_id']
			}
		]);
		const profile = p.tree.children[0].children[0].plan;
		expect(profile).toMatchObject({
			fromAlias: 'author_profiles_2',
			relAggAlias: 'authors_author_profiles_2'
		});
	});

	it('names JSON path columns after their last key', () => {
		expect(
			read('/books?select=metadata->a->>b,metadata->x->0').tree.plan.select.map((s) => s.alias)
		).toEqual(['b', 'x']);
	});

	it('uses to_jsonb only for JSON paths on columns that are not json/jsonb, and to_tsvector for text', () => {
		const p = read(
			'/books?select=id&metadata->>a=eq.1&title->>x=eq.2&summary=fts.cat&summary_tsv=fts.cat'
		);
		const fields = p.tree.plan.where.map((t) =>
			t.kind === 'stmt' && t.filter.kind === 'filter' ? t.filter.field : null
		);
		expect(fields.map((f) => [f?.name, f?.toJson, f?.toTsVector])).toEqual([
			['metadata', false, null],
			['title', true, null],
			['summary', true, { language: null }],
			['summary_tsv', true, null]
		]);
	});

	it('puts embedded filters, orders and ranges on their embed and caps every level at max rows', () => {
		const p = read('/authors?select=*,books(*)&books.id=gt.1&books.order=id.desc&books.limit=3');
		const books = p.tree.children[0].plan;
		expect(books.where).toHaveLength(1);
		expect(books.order).toHaveLength(1);
		expect(books.range).toEqual({ lower: 0n, upper: 2n, empty: false });
		expect(p.tree.plan.range).toEqual({ lower: 0n, upper: 999n, empty: false });
	});

	it('turns rel=is.null into a filter on the embed, and refuses what is not embedded', () => {
		const p = read('/authors?select=*,books(id)&books=not.is.null');
		expect(p.tree.plan.where).toEqual([
			{ kind: 'stmt', filter: { kind: 'null-embed', negated: true, aggAlias: 'authors_books_1' } }
		]);
		refuses(() => read('/authors?select=*&books.id=eq.1'), { code: 'PGRST108' });
		refuses(() => read('/authors?select=*,books(id)&order=books(id)'), { code: 'PGRST118' });
	});

	it('refuses aggregates (off on Supabase) and unknown tables with a suggestion', () => {
		refuses(() => read('/books?select=title.count()'), { code: 'PGRST123' });
		refuses(() => read('/bookz'), {
			code: 'PGRST205',
			hint: "Perhaps you meant the table 'public.books'"
		});
	});

	it('negotiates the handler: JSON for */*, one object, CSV, stripped nulls, 406 otherwise', () => {
		expect(plan('GET', '/books', { Accept: '*/*' }).handler).toEqual({
			kind: 'json',
			stripNulls: false
		});
		expect(plan('GET', '/books', { Accept: 'application/vnd.pgrst.object+json' }).handler).toEqual({
			kind: 'single',
			stripNulls: false
		});
		expect(plan('GET', '/books', { Accept: 'text/csv' }).handler).toEqual({ kind: 'csv' });
		expect(
			plan('GET', '/books', { Accept: 'application/vnd.pgrst.array+json;nulls=stripped' }).handler
		).toEqual({ kind: 'json', stripNulls: true });
		refuses(() => plan('GET', '/books', { Accept: 'application/vnd.pgrst.plan+json' }), {
			code: 'PGRST107'
		});
		expect(plan('HEAD', '/books').handler).toEqual({ kind: 'none' });
	});

	it('refuses unknown preferences only with handling=strict', () => {
		expect(plan('GET', '/books', { Prefer: 'foo' }).kind).toBe('read');
		refuses(() => plan('GET', '/books', { Prefer: 'handling=strict, foo' }), { code: 'PGRST122' });
	});
});

describe('mutation plans', () => {
	const mutate = (method: string, url: string, body = '{}', headers: Record<string, string> = {}) =>
		plan(method, url, { 'Content-Type': 'application/json', ...headers }, body) as Extract<
			CrudPlan,
			{ kind: 'mutate' }
		>;

	it('checks the body keys against the table (PGRST204) and keeps them sorted', () => {
		expect(mutate('POST', '/books', '{"title":"x","author_id":1}').mutate).toMatchObject({
			kind: 'insert',
			columns: [{ name: 'author_id' }, { name: 'title' }]
		});
		refuses(() => mutate('POST', '/books', '{"colour":"red"}'), {
			code: 'PGRST204',
			message: "Could not find the 'colour' column of 'books' in the schema cache"
		});
	});

	it('returns only what the select and the embeds need, or nothing for return=minimal', () => {
		expect(
			mutate('POST', '/books?select=title,authors(name)', '{"title":"x"}', {
				Prefer: 'return=representation'
			}).mutate.returning.sort()
		).toEqual(['author_id', 'id', 'title']);
		expect(mutate('POST', '/books', '{"title":"x"}').mutate.returning).toEqual([]);
	});

	it('upserts on on_conflict or the primary key', () => {
		expect(
			mutate('POST', '/books?on_conflict=title', '{"title":"x"}', {
				Prefer: 'resolution=merge-duplicates'
			}).mutate
		).toMatchObject({
			onConflict: { resolution: 'merge-duplicates', columns: ['title'] }
		});
		expect(
			mutate('POST', '/books', '{"title":"x"}', { Prefer: 'resolution=ignore-duplicates' }).mutate
		).toMatchObject({
			onConflict: { columns: ['id'] }
		});
	});

	it('accepts PUT only with eq filters on exactly the primary key', () => {
		expect(mutate('PUT', '/books?id=eq.1', '{"id":1,"title":"x"}').mutate).toMatchObject({
			kind: 'insert',
			putConditions: [{ kind: 'stmt' }]
		});
		refuses(() => mutate('PUT', '/books?title=eq.1', '{"id":1}'), {
			code: 'PGRST105',
			status: 405
		});
		refuses(() => mutate('PUT', '/books?id=gt.1', '{"id":1}'), { code: 'PGRST105' });
		refuses(() => mutate('PUT', '/books?id=eq.1&or=(id.eq.2)', '{"id":1}'), { code: 'PGRST105' });
	});

	it('keeps root filters for the mutation and embedded ones for the returned rows', () => {
		const p = mutate('PATCH', '/authors?select=*,books(*)&id=eq.1&books.id=gt.2', '{"name":"x"}');
		expect(p.mutate).toMatchObject({ kind: 'update', where: [{ kind: 'stmt' }] });
		expect(p.tree.plan.where).toEqual([]);
		expect(p.tree.children[0].plan.where).toHaveLength(1);
	});
});

describe('function call plans', () => {
	const call = (method: string, url: string, body?: string, headers: Record<string, string> = {}) =>
		plan(
			method,
			url,
			body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
			body
		) as Extract<CrudPlan, { kind: 'call' }>;

	it('picks the overload whose parameters match the argument names', () => {
		expect(call('POST', '/rpc/pick', '{"a":1}').routine.params).toHaveLength(1);
		expect(call('POST', '/rpc/pick', '{"a":1,"b":2}').routine.params).toHaveLength(2);
		expect(call('GET', '/rpc/hello').call.params).toEqual({ kind: 'named', params: [] });
	});

	it('falls back to a single unnamed json parameter for any JSON body', () => {
		expect(call('POST', '/rpc/echo', '{"anything":1}').call.params).toMatchObject({
			kind: 'positional'
		});
	});

	it('runs GET and stable or immutable functions read-only, volatile POST read-write', () => {
		expect(call('POST', '/rpc/add', '{"a":1,"b":2}').readOnly).toBe(true);
		expect(call('POST', '/rpc/pick', '{"a":1}').readOnly).toBe(false);
		expect(call('GET', '/rpc/pick?a=1').readOnly).toBe(true);
	});

	it('embeds from the table a set-returning function returns', () => {
		const p = call('GET', '/rpc/books_by?writer=1&select=id,authors(name)');
		expect(p.tree.children[0].plan.from).toEqual({ schema: 'public', name: 'authors' });
		expect(p.call.args).toMatchObject({ kind: 'direct' });
	});

	it('reports a missing function with upstream message, details and hint', () => {
		refuses(() => call('POST', '/rpc/add', '{"a":1,"c":2}'), {
			code: 'PGRST202',
			message: 'Could not find the function public.add(a, c) in the schema cache',
			details:
				'Searched for the function public.add with parameters a, c or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.add(a, b)'
		});
		refuses(() => call('GET', '/rpc/helo'), {
			details:
				'Searched for the function public.helo without parameters, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.hello'
		});
	});
});
