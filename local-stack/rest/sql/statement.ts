// The one statement each request runs (PostgREST's Statements.hs): `WITH pgrst_source AS (…)`
// around the read, mutation or call, then one row: total count (when asked), rows in the page,
// the Location pairs of an insert, the body made by the negotiated handler (JSON array, single
// object, CSV, GeoJSON, stripped nulls), response.headers / response.status and the upsert's
// inserted count.
import type { CrudPlan, Handler } from '../plan/types.ts';
import type { Routine } from '../plan/schema-cache.ts';
import {
	returnsScalar,
	returnsSetOfScalar,
	returnsSingle,
	returnsSingleComposite
} from '../plan/schema-cache.ts';
import { currentSetting } from './clauses.ts';
import { callQuery } from './call.ts';
import { cat, join, param, raw } from './fragment.ts';
import type { Fragment } from './fragment.ts';
import { mutateQuery } from './mutate.ts';
import { countQuery, readQuery } from './read.ts';

const strip = (strip: boolean, snippet: string) =>
	strip ? `json_strip_nulls(${snippet})` : snippet;

const CSV_BODY =
	"(SELECT coalesce(string_agg(a.k, ','), '') FROM (SELECT json_object_keys(r)::text as k FROM ( SELECT row_to_json(hh) as r from pgrst_source as hh limit 1) s) a)" +
	" || '\n' || coalesce(string_agg(substring(_postgrest_t::text, 2, length(_postgrest_t::text) - 2), '\n'), '')";

function body(handler: Handler, routine: Routine | null): string {
	const scalar = routine !== null && returnsScalar(routine);
	switch (handler.kind) {
		case 'none':
			return "''::text";
		case 'csv':
			return CSV_BODY;
		case 'geojson':
			return "json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(_postgrest_t)::json), '[]'))";
		case 'single':
			return scalar
				? `coalesce(${strip(handler.stripNulls, 'json_agg(_postgrest_t.pgrst_scalar)->0')}, 'null')`
				: `coalesce(${strip(handler.stripNulls, 'json_agg(_postgrest_t)->0')}, 'null')`;
		case 'json':
			if (routine && returnsSingleComposite(routine))
				return `coalesce(${strip(handler.stripNulls, 'json_agg(_postgrest_t)->0')}, 'null')`;
			if (scalar)
				return `coalesce(${strip(handler.stripNulls, 'json_agg(_postgrest_t.pgrst_scalar)->0')}, 'null')`;
			if (routine && returnsSetOfScalar(routine))
				return `coalesce(${strip(handler.stripNulls, 'json_agg(_postgrest_t.pgrst_scalar)')}, '[]')`;
			return `coalesce(${strip(handler.stripNulls, 'json_agg(_postgrest_t)')}, '[]')`;
	}
}

const RESPONSE_GUCS = `${currentSetting('response.headers')} AS response_headers, ${currentSetting('response.status')} AS response_status`;

export type Statement = { main: Fragment; explainCount: Fragment | null };

export type StatementOptions = {
	count: 'exact' | 'planned' | 'estimated' | null;
	/** `Prefer: return=headers-only` on an insert: compute the Location pairs. */
	headersOnly: boolean;
	/** db-max-rows, which bounds the exact part of an estimated count. */
	maxRows: number | null;
};

export function buildStatement(plan: CrudPlan, options: StatementOptions): Statement {
	const { maxRows } = options;
	const count = plan.kind === 'mutate' ? null : options.count;
	if (plan.kind === 'read') {
		const select = readQuery(plan.tree);
		const preference = count;
		const counted = preference === 'exact' || preference === 'estimated';
		let countSql = countQuery(plan.tree);
		if (preference === 'estimated' && maxRows !== null)
			countSql = cat(countSql, ` LIMIT ${maxRows + 1}`);
		const main = cat(
			'WITH pgrst_source AS ( ',
			select,
			' ) ',
			counted ? cat(', pgrst_source_count AS (', countSql, ')') : '',
			' SELECT ',
			counted ? '(SELECT pg_catalog.count(*) FROM pgrst_source_count)' : 'null::bigint',
			' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ',
			body(plan.handler, null),
			' AS body, ',
			RESPONSE_GUCS,
			", '' AS response_inserted FROM ( SELECT * FROM pgrst_source ) _postgrest_t"
		);
		const explain =
			preference === 'planned' || preference === 'estimated'
				? cat('EXPLAIN (FORMAT JSON) ', countQuery(plan.tree))
				: null;
		return { main, explainCount: explain };
	}
	if (plan.kind === 'mutate') {
		const mutate = plan.mutate;
		const isInsert = mutate.kind === 'insert';
		const isPut = isInsert && mutate.putConditions.length > 0;
		const merge = isInsert && mutate.onConflict?.resolution === 'merge-duplicates';
		const inserted =
			isInsert && (isPut || merge)
				? "nullif(current_setting('pgrst.inserted', true),'')::int"
				: "''";
		let location: Fragment = raw('array[]::text[]');
		if (isInsert && options.headersOnly) {
			const keys = mutate.pkCols.length
				? join(
						mutate.pkCols.map((k) => param(k)),
						','
					)
				: param('');
			location = cat(
				'CASE WHEN pg_catalog.count(_postgrest_t) = 1 THEN coalesce((',
				'WITH data AS (SELECT row_to_json(_) AS row FROM pgrst_source AS _ LIMIT 1) ',
				"SELECT array_agg(json_data.key || '=' || coalesce('eq.' || json_data.value, 'is.null')) ",
				'FROM data CROSS JOIN json_each_text(data.row) AS json_data WHERE json_data.key IN (',
				keys,
				')), array[]::text[]) ELSE array[]::text[] END'
			);
		}
		const select =
			plan.handler.kind === 'none' ? raw('SELECT * FROM pgrst_source') : readQuery(plan.tree);
		const main = cat(
			'WITH pgrst_source AS (',
			mutateQuery(mutate),
			") SELECT '' AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, ",
			location,
			' AS header, ',
			body(plan.handler, null),
			' AS body, ',
			RESPONSE_GUCS,
			', ',
			inserted,
			' AS response_inserted FROM (',
			select,
			') _postgrest_t'
		);
		return { main, explainCount: null };
	}
	const counted = count === 'exact' || count === 'estimated';
	const main = cat(
		'WITH pgrst_source AS (',
		callQuery(plan.call),
		') ',
		counted ? cat(', pgrst_source_count AS (', countQuery(plan.tree), ')') : '',
		'SELECT ',
		counted ? '(SELECT pg_catalog.count(*) FROM pgrst_source_count)' : 'null::bigint',
		' AS total_result_set, ',
		returnsSingle(plan.routine) ? '1' : 'pg_catalog.count(_postgrest_t)',
		' AS page_total, ',
		body(plan.handler, plan.routine),
		' AS body, ',
		RESPONSE_GUCS,
		", '' AS response_inserted FROM (",
		readQuery(plan.tree),
		') _postgrest_t'
	);
	return { main, explainCount: null };
}
