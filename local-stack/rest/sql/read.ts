// A read plan tree as one SELECT (PostgREST's readPlanToQuery): embeds become LEFT / INNER JOIN
// LATERAL subqueries, to-one as `row_to_json(alias.*)::jsonb`, to-many as `json_agg`, spreads
// as columns; and the count query for `Prefer: count=exact`, with EXISTS for inner embeds.
import type { QI } from '../plan/schema-cache.ts';
import type { ReadPlan, ReadPlanTree, RelSelectField, TypedFilter } from '../plan/types.ts';
import {
	alias,
	column,
	filter,
	fromQi,
	joinCondition,
	limitOffset,
	logicTree,
	orderBy,
	selectItem
} from './clauses.ts';
import { cat, ident, join, raw } from './fragment.ts';
import type { Fragment } from './fragment.ts';

/** The name columns of a node are qualified with: its alias, or the table itself. */
export function qualifier(plan: ReadPlan): QI {
	if (plan.relToParent?.kind === 'computed')
		return alias(plan.fromAlias ?? plan.relToParent.function.name);
	return plan.fromAlias !== null ? alias(plan.fromAlias) : plan.from;
}

function fromClause(plan: ReadPlan): Fragment {
	const rel = plan.relToParent;
	const source =
		rel?.kind === 'computed'
			? cat(
					fromQi(rel.function),
					'(',
					ident(plan.relTableAlias ?? rel.table.name),
					'::',
					fromQi(rel.table),
					')'
				)
			: fromQi(plan.from);
	const junction =
		rel?.kind === 'fk' && rel.cardinality.kind === 'm2m'
			? cat(', ', fromQi(rel.cardinality.junction.table))
			: raw('');
	return cat(
		' FROM ',
		source,
		plan.fromAlias === null ? '' : cat(' AS ', ident(plan.fromAlias)),
		junction
	);
}

function joinSelects(plan: ReadPlan): Fragment[] {
	return plan.relSelect.flatMap((rel): Fragment[] => {
		const agg = ident(rel.aggAlias);
		if (rel.kind === 'json-embed') {
			if (rel.empty) return [];
			if (rel.mode === 'object')
				return [cat('row_to_json(', agg, '.*)::jsonb AS ', ident(rel.name))];
			return [cat('COALESCE( ', agg, '.', agg, ", '[]') AS ", ident(rel.name))];
		}
		return rel.selects.map((s) =>
			cat(
				s.name === '*' ? cat(agg, '.*') : cat(agg, '.', ident(s.name)),
				s.alias === null ? '' : cat(' AS ', ident(s.alias))
			)
		);
	});
}

function lateralJoin(rel: RelSelectField, node: ReadPlanTree): Fragment {
	const plan = node.plan;
	const agg = ident(rel.aggAlias);
	const inner = plan.relJoinType === 'inner';
	const lateral = (sub: Fragment, condition: Fragment | string) =>
		cat(' ', inner ? 'INNER' : 'LEFT', ' JOIN LATERAL ( ', sub, ' ) AS ', agg, ' ON ', condition);
	const subquery = readQuery(node);
	const aggregate = cat('SELECT json_agg(', agg, ')::jsonb AS ', agg);
	const fromAggregate = cat(' FROM (', subquery, ' ) AS ', agg);
	const condition = inner ? cat(agg, ' IS NOT NULL') : raw('TRUE');
	if (rel.kind === 'json-embed') {
		if (rel.mode === 'object') return lateral(subquery, 'TRUE');
		return lateral(cat(aggregate, fromAggregate), condition);
	}
	if (plan.relSpread?.kind === 'to-many') {
		const order = plan.relSpread.order;
		const columns = rel.selects.map((s) =>
			cat(
				'COALESCE(json_agg(',
				cat(agg, '.', ident(s.name)),
				' ',
				orderBy(alias(rel.aggAlias), order),
				"),'[]')::jsonb AS ",
				ident(s.alias ?? s.name)
			)
		);
		return lateral(
			cat(aggregate, columns.length ? ', ' : '', join(columns, ', '), fromAggregate),
			condition
		);
	}
	return lateral(subquery, 'TRUE');
}

/** One SELECT for the node and, through lateral joins, all its embeds. */
export function readQuery(node: ReadPlanTree): Fragment {
	const plan = node.plan;
	const qi = qualifier(plan);
	const selects =
		plan.select.length === 0 && node.children.length === 0
			? [column(qi, '*')]
			: plan.select.map((s) => selectItem(qi, s));
	const extra =
		plan.relSpread?.kind === 'to-many'
			? plan.relSpread.extraSelects.map(([rel, s]) => selectItem(rel === null ? qi : alias(rel), s))
			: [];
	const joins = plan.relSelect.map((rel) => {
		const child = node.children.find((c) => c.plan.relAggAlias === rel.aggAlias)!;
		return lateralJoin(rel, child);
	});
	const conditions = [
		...plan.where.map((t) => logicTree(qi, t)),
		...plan.relJoinConds.map(joinCondition)
	];
	return cat(
		'SELECT ',
		join([...selects, ...extra, ...joinSelects(plan)], ', '),
		fromClause(plan),
		join(joins, ' '),
		conditions.length ? cat(' WHERE ', join(conditions, ' AND ')) : '',
		' ',
		' ',
		orderBy(qi, plan.order),
		' ',
		limitOffset(plan.range)
	);
}

/**
 * `SELECT 1` over the root with its filters only (no range): what count=exact counts. Inner
 * embeds become EXISTS, since they change the root's row count.
 */
export function countQuery(node: ReadPlanTree): Fragment {
	const plan = node.plan;
	const qi = qualifier(plan);
	const leaf = (table: QI, f: TypedFilter): Fragment => {
		if (f.kind !== 'null-embed') return filter(table, f);
		const child = node.children.find((c) => c.plan.relAggAlias === f.aggAlias);
		return child ? cat(f.negated ? '' : 'NOT ', 'EXISTS (', countQuery(child), ')') : raw('');
	};
	const exists = node.children
		.filter((c) => c.plan.relJoinType === 'inner')
		.map((c) => cat('EXISTS (', countQuery(c), ' )'));
	const conditions = [
		...plan.where.map((t) => logicTree(qi, t, leaf)),
		...plan.relJoinConds.map(joinCondition),
		...exists
	];
	return cat(
		'SELECT 1 ',
		fromClause(plan),
		conditions.length ? cat(' WHERE ', join(conditions, ' AND ')) : ''
	);
}
