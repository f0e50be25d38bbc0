import { describe, expect, it } from 'vitest';
import { crudPlan } from '../../../../../local-stack/rest/plan/action-plan.ts';
import {
	quoteIdent,
	raw,
	render,
	cat,
	param,
	join
} from '../../../../../local-stack/rest/sql/fragment.ts';
import { buildStatement } from '../../../../../local-stack/rest/sql/statement.ts';
import { libraryCache } from '../catalog.ts';
import { apiRequest } from '../request.ts';

const cache = libraryCache();
const sql = (method: string, url: string, headers: Record<string, string> = {}, body = '') => {
	const request = apiRequest(
		method,
		url,
		method === 'GET' ? headers : { 'Content-Type': 'application/json', ...headers },
		body
	);
	const plan = crudPlan(cache, request, {
		maxRows: 1000,
		aggregatesEnabled: false,
		planEnabled: false
	});
	return render(
		buildStatement(plan, {
			count: request.preferences.count,
			headersOnly: request.preferences.representation === 'headers-only',
			maxRows: 1000
		}).main
	);
};

/** The text outside double-quoted identifiers: where injected SQL would have to appear. */
const unquoted = (text: string) => text.replace(/"(?:[^"]|"")*"/g, '""');

describe('fragments', () => {
	it('quotes identifiers by doubling quotes and dropping NUL', () => {
		expect(quoteIdent('a"b\u0000c')).toBe('"a""bc"');
	});

	it('numbers parameters in order of appearance', () => {
		expect(
			render(
				cat('a = ', param('1'), ' and b in (', join([param('x'), param(null)], ', '), ')', raw(''))
			)
		).toEqual({
			text: 'a = $1 and b in ($2, $3)',
			values: ['1', 'x', null]
		});
	});
});

describe('statements', () => {
	it('reads through a pgrst_source CTE and aggregates the page with json_agg', () => {
		const { text, values } = sql('GET', '/books?select=id,title&id=eq.1&order=title.desc&limit=2');
		expect(text).toBe(
			'WITH pgrst_source AS ( SELECT "public"."books"."id", "public"."books"."title" FROM "public"."books" WHERE  "public"."books"."id" = $1  ORDER BY "public"."books"."title" DESC  LIMIT $2 OFFSET $3 ) ' +
				" SELECT null::bigint AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]') AS body, nullif(current_setting('response.headers', true), '') AS response_headers, nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted FROM ( SELECT * FROM pgrst_source ) _postgrest_t"
		);
		expect(values).toEqual(['1', '2', '0']);
	});

	it('embeds with lateral joins: row_to_json for to-one, json_agg for to-many', () => {
		const { text } = sql('GET', '/authors?select=name,books!inner(title)');
		expect(text).toContain(
			'INNER JOIN LATERAL ( SELECT json_agg("authors_books_1")::jsonb AS "authors_books_1" FROM (SELECT "books_1"."title" FROM "public"."books" AS "books_1" WHERE "books_1"."author_id" = "public"."authors"."id"'
		);
		expect(text).toContain('ON "authors_books_1" IS NOT NULL');
		expect(sql('GET', '/books?select=authors(name)').text).toContain(
			'row_to_json("books_authors_1".*)::jsonb AS "authors"'
		);
	});

	it('counts with a second CTE when count=exact is asked', () => {
		const { text } = sql('GET', '/books?select=id&id=gt.1', { Prefer: 'count=exact' });
		expect(text).toContain(
			', pgrst_source_count AS (SELECT 1  FROM "public"."books" WHERE  "public"."books"."id" > $'
		);
		expect(text).toContain(
			'(SELECT pg_catalog.count(*) FROM pgrst_source_count) AS total_result_set'
		);
	});

	it('inserts through json_to_recordset typed with the table columns', () => {
		const { text, values } = sql('POST', '/books', {}, '[{"title":"x","author_id":1}]');
		expect(text).toContain(
			'INSERT INTO "public"."books"("author_id", "title") SELECT "pgrst_body"."author_id", "pgrst_body"."title" FROM (SELECT $1::json AS json_data) pgrst_payload, LATERAL (SELECT "author_id", "title" FROM json_to_recordset(pgrst_payload.json_data) AS _("author_id" bigint, "title" text) ) pgrst_body  RETURNING 1'
		);
		expect(values[0]).toBe('[{"title":"x","author_id":1}]');
	});

	it('fills defaults from the catalog for missing=default', () => {
		const { text } = sql('POST', '/books', { Prefer: 'missing=default' }, '{"note":null}');
		expect(text).toContain(
			"jsonb_build_object('note', 'note-default'::text) || pgrst_payload.json_data"
		);
	});

	it('counts inserted rows of a merge upsert in pgrst.inserted', () => {
		const { text } = sql(
			'POST',
			'/books',
			{ Prefer: 'resolution=merge-duplicates' },
			'{"id":1,"title":"x"}'
		);
		expect(text).toContain(
			"WHERE set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) + 1)::text, true) <> '0'"
		);
		expect(text).toContain(
			'ON CONFLICT("id") DO UPDATE SET "id" = EXCLUDED."id", "title" = EXCLUDED."title"'
		);
	});

	it('calls functions with named, typed arguments or the whole body', () => {
		const get = sql('GET', '/rpc/add?a=1&b=2');
		expect(get.text).toContain(
			'FROM (SELECT "public"."add"("a" := $1::integer, "b" := $2::integer) pgrst_scalar) pgrst_call'
		);
		expect(get.values).toEqual(['1', '2', '1000', '0']);
		expect(sql('POST', '/rpc/add', {}, '{"a":1,"b":2}').text).toContain(
			'LATERAL (SELECT "a", "b" FROM json_to_record(pgrst_payload.json_data) AS _("a" integer, "b" integer) LIMIT 1) pgrst_body , LATERAL (SELECT "public"."add"("a" := pgrst_body."a", "b" := pgrst_body."b") pgrst_scalar) pgrst_call'
		);
		expect(sql('POST', '/rpc/echo', {}, '{"x":1}').text).toContain(
			'FROM (SELECT "public"."echo"($1::json) pgrst_scalar) pgrst_call'
		);
	});
});

describe('hostile input ends up quoted or bound, never as SQL', () => {
	const evil = `x"; drop table secrets; --`;
	const dropped = /drop table/i;

	it('quotes names from select, aliases, filters, order, embeds, columns and on_conflict', () => {
		const cases = [
			sql('GET', `/books?select=${encodeURIComponent(`"${evil.replaceAll('"', '\\"')}"`)}`),
			sql('GET', `/books?select=${encodeURIComponent(`"${evil.replaceAll('"', '\\"')}":title`)}`),
			sql('GET', `/books?${encodeURIComponent(`"${evil.replaceAll('"', '\\"')}"`)}=eq.1`),
			sql('GET', `/books?order=${encodeURIComponent(`"${evil.replaceAll('"', '\\"')}".desc`)}`),
			sql(
				'POST',
				`/books?columns=title&on_conflict=${encodeURIComponent(`"${evil.replaceAll('"', '\\"')}"`)}`,
				{ Prefer: 'resolution=ignore-duplicates' },
				'{"title":"x"}'
			)
		];
		for (const { text } of cases) expect(unquoted(text)).not.toMatch(dropped);
	});

	it('binds filter values, in-lists, JSON keys, FTS languages, limits and bodies as parameters', () => {
		const cases = [
			sql('GET', `/books?title=eq.${encodeURIComponent(`' or 1=1; drop table secrets; --`)}`),
			sql('GET', `/books?id=in.(${encodeURIComponent(`"1); drop table secrets; --"`)})`),
			sql('GET', `/books?select=metadata->>${encodeURIComponent(`"'; drop table secrets; --"`)}`),
			sql(
				'GET',
				`/books?summary=fts(${encodeURIComponent('english')}).${encodeURIComponent(`x'); drop table secrets; --`)}`
			),
			sql('GET', `/books?or=(title.eq.${encodeURIComponent(`"a'; drop table secrets; --"`)})`),
			sql('POST', '/books', {}, JSON.stringify({ title: `'); drop table secrets; --` }))
		];
		for (const { text, values } of cases) {
			expect(unquoted(text)).not.toMatch(dropped);
			expect(values.some((v) => v !== null && dropped.test(v))).toBe(true);
		}
	});
});
