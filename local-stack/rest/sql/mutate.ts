// INSERT / UPDATE / DELETE as PostgREST writes them (mutatePlanToQuery): the JSON body read by
// json_to_recordset with the table's column types (missing keys NULL, or the column defaults
// with `missing=default`), ON CONFLICT for upserts with the `pgrst.inserted` counter that tells
// 201 from 200, PUT's primary-key conditions on the body, and RETURNING only what is needed.
import type { MutatePlan, TypedField, TypedLogicTree } from '../plan/types.ts';
import { alias, column, currentSetting, fromQi, logicTree } from './clauses.ts';
import { cat, ident, join, raw, typedParam } from './fragment.ts';
import type { Fragment } from './fragment.ts';

const BODY = alias('pgrst_body');

function isJsonObject(body: string | null): boolean {
	return (body ?? '').replace(/^[ \t\n\r]+/, '').startsWith('{');
}

/** SQL string literal of a catalog name (column names inside jsonb_build_object). */
function literal(text: string): string {
	const cleaned = text.replaceAll('\u0000', '');
	const escaped = `'${cleaned.replaceAll("'", "''")}'`;
	return cleaned.includes('\\') ? `E${escaped.replaceAll('\\', '\\\\')}` : escaped;
}

/**
 * `FROM (SELECT $1 AS json_data) pgrst_payload, LATERAL (SELECT cols FROM
 * json_to_recordset(…) AS _(col type, …)) pgrst_body`, optionally preceded by `SELECT cols`.
 */
export function fromJsonBody(
	body: string | null,
	fields: TypedField[],
	options: { select: boolean; limitOne: boolean; defaults: boolean }
): Fragment {
	const object = isJsonObject(body);
	const selectClause = options.select
		? cat(
				'SELECT ',
				join(
					fields.map((f) => column(BODY, f.name)),
					', '
				),
				' '
			)
		: raw('');
	const placeholder = typedParam(body, options.defaults ? 'jsonb' : 'json');
	const fromClause = cat('FROM (SELECT ', placeholder, ' AS json_data) pgrst_payload, ');
	const defaultsObject = cat(
		'jsonb_build_object(',
		join(
			fields.filter((f) => f.default !== null).map((f) => raw(`${literal(f.name)}, ${f.default}`)),
			','
		),
		')'
	);
	let defaultsClause: Fragment = raw('');
	if (options.defaults)
		defaultsClause = object
			? cat(
					'LATERAL (SELECT ',
					defaultsObject,
					' || pgrst_payload.json_data AS val) pgrst_json_defs, '
				)
			: cat(
					'LATERAL (SELECT jsonb_agg(',
					defaultsObject,
					' || elem) AS val from jsonb_array_elements(pgrst_payload.json_data) elem) pgrst_json_defs, '
				);
	const finalBody = options.defaults ? 'pgrst_json_defs.val' : 'pgrst_payload.json_data';
	const elements = options.defaults ? 'jsonb_array_elements' : 'json_array_elements';
	const toRecord = `${options.defaults ? 'jsonb' : 'json'}_to_record${object ? '' : 'set'}`;
	const source =
		fields.length === 0
			? object
				? raw('(values(1)) _ ')
				: raw(`${elements}(${finalBody}) _ `)
			: cat(
					`${toRecord}(${finalBody}) AS _(`,
					join(
						fields.map((f) => cat(ident(f.name), ' ', raw(f.irType))),
						', '
					),
					') ',
					options.limitOne ? 'LIMIT 1' : ''
				);
	const parsed = join(
		fields.map((f) => ident(f.name)),
		', '
	);
	return cat(
		selectClause,
		fromClause,
		defaultsClause,
		'LATERAL (SELECT ',
		parsed,
		' FROM ',
		source,
		')',
		' pgrst_body '
	);
}

function insertedCounter(add: boolean): string {
	const [sign, sentinel] = add ? ['+', '0'] : ['-', '-1'];
	return `set_config('pgrst.inserted', (coalesce(${currentSetting('pgrst.inserted')}::int, 0) ${sign} 1)::text, true) <> '${sentinel}'`;
}

function returning(table: MutatePlan['target'], columns: string[]): Fragment {
	if (columns.length === 0) return raw('RETURNING 1');
	return cat(
		'RETURNING ',
		join(
			columns.map((c) => column(table, c)),
			', '
		)
	);
}

function where(table: MutatePlan['target'], trees: TypedLogicTree[]): Fragment {
	if (trees.length === 0) return raw('');
	return cat(
		' WHERE ',
		join(
			trees.map((t) => logicTree(table, t)),
			' AND '
		)
	);
}

export function mutateQuery(plan: MutatePlan): Fragment {
	if (plan.kind === 'insert') {
		const merge = plan.onConflict?.resolution === 'merge-duplicates';
		const columns = join(
			plan.columns.map((c) => ident(c.name)),
			', '
		);
		const put = plan.putConditions;
		let conflict: Fragment = raw('');
		if (plan.onConflict && plan.onConflict.columns.length > 0) {
			const target = join(
				plan.onConflict.columns.map((c) => ident(c)),
				', '
			);
			let action: Fragment;
			if (plan.onConflict.resolution === 'ignore-duplicates' || plan.columns.length === 0)
				action = raw('DO NOTHING');
			else
				action = cat(
					'DO UPDATE SET ',
					join(
						plan.columns.map((c) => cat(ident(c.name), ' = EXCLUDED.', ident(c.name))),
						', '
					),
					put.length === 0 && !merge ? '' : cat(' WHERE ', insertedCounter(false))
				);
			conflict = cat(' ON CONFLICT(', target, ') ', action);
		}
		return cat(
			'INSERT INTO ',
			fromQi(plan.target),
			plan.columns.length === 0 ? ' ' : cat('(', columns, ') '),
			fromJsonBody(plan.body, plan.columns, {
				select: true,
				limitOne: false,
				defaults: plan.applyDefaults
			}),
			put.length
				? cat(
						'WHERE ',
						insertedCounter(true),
						' AND ',
						join(
							put.map((t) => logicTree(BODY, t)),
							' AND '
						)
					)
				: merge
					? cat('WHERE ', insertedCounter(true))
					: '',
			conflict,
			' ',
			returning(plan.target, plan.returning)
		);
	}
	if (plan.kind === 'update') {
		if (plan.columns.length === 0) {
			const table = alias(plan.target.name);
			const cols = plan.returning.length
				? join(
						plan.returning.map((c) => column(table, c)),
						', '
					)
				: raw('NULL');
			return cat('SELECT ', cols, ' FROM ', fromQi(plan.target), ' WHERE false');
		}
		return cat(
			'UPDATE ',
			fromQi(plan.target),
			' SET ',
			join(
				plan.columns.map((c) => cat(ident(c.name), ' = ', column(BODY, c.name))),
				', '
			),
			' ',
			fromJsonBody(plan.body, plan.columns, {
				select: false,
				limitOne: false,
				defaults: plan.applyDefaults
			}),
			where(plan.target, plan.where),
			' ',
			returning(plan.target, plan.returning)
		);
	}
	return cat(
		'DELETE FROM ',
		fromQi(plan.target),
		' ',
		where(plan.target, plan.where),
		' ',
		returning(plan.target, plan.returning)
	);
}
