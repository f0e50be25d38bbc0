// Runs a plan's statement in the per-request transaction (PostgREST's MainTx): the request scope
// (role, claims, headers, method, path, search_path, the role's own settings, timezone,
// function settings) through withRequestScope on the authenticator pool, READ ONLY for reads and
// stable calls; then upstream's checks that roll the transaction back: single object with ≠1 row
// (PGRST116), max-affected with handling=strict (PGRST124), PUT matching its URL (PGRST115).
import type pg from 'pg';
import pgTypes from 'pg';
import { withRequestScope } from '../postgres/request-scope.ts';
import type { RequestScope } from '../postgres/request-scope.ts';
import { pgrstErrors } from './errors.ts';
import type { ApiRequest } from './parse/request.ts';
import type { SchemaCache } from './plan/schema-cache.ts';
import type { CrudPlan } from './plan/types.ts';
import type { ResultRow } from './respond/response.ts';
import { quoteIdent, render } from './sql/fragment.ts';
import type { Statement } from './sql/statement.ts';

const TEXT_ARRAY = 1009;
const parseTextArray = pgTypes.types.getTypeParser(TEXT_ARRAY as never);

/** Every column as the text Postgres sent, except the Location pairs (text[]). */
const rawTypes = {
	getTypeParser: (oid: number) => (oid === TEXT_ARRAY ? parseTextArray : (value: string) => value)
};

export type ExecutionContext = {
	pool: pg.Pool;
	cache: SchemaCache;
	extraSearchPath: string[];
	maxRows: number | null;
	role: string;
	claims: Record<string, unknown>;
};

function scopeFor(plan: CrudPlan, request: ApiRequest, ctx: ExecutionContext): RequestScope {
	const settings: Record<string, string> = {
		search_path: [request.schema, ...ctx.extraSearchPath].map(quoteIdent).join(', ')
	};
	for (const [name, value] of ctx.cache.roleSettings.get(ctx.role) ?? []) settings[name] = value;
	settings['request.cookies'] = JSON.stringify(request.cookies);
	if (request.preferences.timezone !== null) settings.timezone = request.preferences.timezone;
	if (plan.kind === 'call')
		for (const [name, value] of plan.routine.settings) settings[name] = value;
	return {
		role: ctx.role,
		claims: ctx.claims,
		headers: request.headers,
		method: request.method,
		path: request.path,
		settings,
		readOnly: plan.readOnly
	};
}

const big = (value: string | null | undefined) =>
	value === null || value === undefined || value === '' ? null : BigInt(value);

function decode(plan: CrudPlan, row: unknown[] | undefined): ResultRow {
	if (!row)
		return {
			tableTotal: plan.kind === 'call' ? 0n : null,
			pageTotal: 0n,
			location: [],
			body: '',
			gucHeaders: null,
			gucStatus: null,
			inserted: null
		};
	const c = row as (string | null)[];
	const mutate = plan.kind === 'mutate';
	const off = mutate ? 1 : 0;
	const inserted = c[5 + off];
	return {
		tableTotal: big(c[0]),
		pageTotal: big(c[1]) ?? 0n,
		location: mutate ? ((row[2] as string[] | null) ?? []) : [],
		body: c[2 + off] ?? '',
		gucHeaders: c[3 + off],
		gucStatus: c[4 + off],
		// '' (not an upsert) reads as 0 like hasql's int8 decoder; NULL means nothing attempted.
		inserted: inserted === null ? null : inserted === '' ? 0n : BigInt(inserted)
	};
}

/** The plan's statement in one transaction; throws PgrstErrors and database errors. */
export async function execute(
	plan: CrudPlan,
	statement: Statement,
	request: ApiRequest,
	ctx: ExecutionContext
): Promise<ResultRow> {
	const prefs = request.preferences;
	const main = render(statement.main);
	return withRequestScope(
		ctx.pool,
		scopeFor(plan, request, ctx),
		async (client) => {
			const result = await client.query({
				text: main.text,
				values: main.values,
				rowMode: 'array',
				types: rawTypes
			});
			const row = decode(plan, result.rows[0] as unknown[] | undefined);
			const singular = plan.handler.kind === 'single';
			const strictMax = prefs.maxAffected !== null && prefs.handling === 'strict';
			if (plan.kind === 'mutate' && plan.mutation === 'upsert') {
				if (row.pageTotal !== 1n) throw pgrstErrors.putMatchingPk();
			} else if (singular && row.pageTotal !== 1n)
				throw pgrstErrors.singularity(Number(row.pageTotal));
			const limited =
				(plan.kind === 'mutate' && (plan.mutation === 'update' || plan.mutation === 'delete')) ||
				plan.kind === 'call';
			if (limited && strictMax && row.pageTotal > prefs.maxAffected!)
				throw pgrstErrors.maxAffectedViolation(Number(row.pageTotal));
			if (statement.explainCount) {
				const explain = render(statement.explainCount);
				const res = await client.query({
					text: explain.text,
					values: explain.values,
					rowMode: 'array'
				});
				const planJson = res.rows[0]?.[0] as unknown;
				const parsed = typeof planJson === 'string' ? JSON.parse(planJson) : planJson;
				const planned = BigInt(
					Math.round(Number((parsed as { Plan: { 'Plan Rows': number } }[])[0].Plan['Plan Rows']))
				);
				if (prefs.count === 'planned') row.tableTotal = planned;
				else if (
					row.tableTotal !== null &&
					ctx.maxRows !== null &&
					row.tableTotal > BigInt(ctx.maxRows)
				)
					row.tableTotal = row.tableTotal > planned ? row.tableTotal : planned;
			}
			return row;
		},
		{ rollback: prefs.transaction === 'rollback' }
	);
}
