// The read plan tree (PostgREST's readPlan, Plan.hs): the select forest becomes a tree of
// nodes, filters / orders / ranges / logic trees land on the node their embed path names,
// relationships are resolved with join conditions and `<table>_<depth>` aliases, related orders
// and null-embed filters are bound to their embed, and db-max-rows caps every level.
import { pgrstErrors } from '../errors.ts';
import type { ApiRequest } from '../parse/request.ts';
import { allRange, convertToLimitZeroRange, restrictRange } from '../parse/range.ts';
import type { Range } from '../parse/range.ts';
import { runParser } from '../parse/parsec.ts';
import { treePath } from '../parse/tokens.ts';
import type { EmbedPath, Field, Filter, LogicTree, OrderTerm, SelectTree } from '../parse/types.ts';
import { findRelationship } from './relationships.ts';
import { isToOne, qiKey } from './schema-cache.ts';
import type { Column, QI, Relationship, SchemaCache } from './schema-cache.ts';
import type {
	JoinCondition,
	ReadPlan,
	ReadPlanTree,
	RelSelectField,
	SpreadSelectField,
	TypedField,
	TypedFilter,
	TypedLogicTree,
	TypedOrderTerm,
	TypedSelectField
} from './types.ts';

export const SOURCE_CTE = 'pgrst_source';

export type ReadKind = 'read' | 'mutate' | 'call';

export type PlanContext = {
	cache: SchemaCache;
	schema: string;
	kind: ReadKind;
	maxRows: number | null;
	aggregatesEnabled: boolean;
};

export function unknownField(name: string, jsonPath: Field['jsonPath']): TypedField {
	return {
		name,
		jsonPath,
		toJson: false,
		toTsVector: null,
		irType: '',
		baseType: '',
		default: null,
		fullRow: false
	};
}

export function columnField(col: Column): TypedField {
	return {
		name: col.name,
		jsonPath: [],
		toJson: false,
		toTsVector: null,
		irType: col.nominalType,
		baseType: col.dataType,
		default: col.default,
		fullRow: false
	};
}

/** resolveTypeOrUnknown: the column's types when the table knows it, JSON path handling. */
export function resolveField(
	cache: SchemaCache,
	table: QI,
	field: Field,
	toTsVector: { language: string | null } | null = null
): TypedField {
	const col = cache.tables.get(qiKey(table))?.columns.get(field.name);
	const base = col ? columnField(col) : unknownField(field.name, []);
	const resolved = { ...base, toTsVector, jsonPath: field.jsonPath };
	if (resolved.irType === 'json' || resolved.irType === 'jsonb')
		return { ...resolved, toJson: false };
	if (resolved.baseType === 'tsvector') return { ...resolved, toJson: true, toTsVector: null };
	return { ...resolved, toJson: true };
}

function resolveFilter(cache: SchemaCache, table: QI, filter: Filter): TypedFilter {
	if (filter.expr.kind !== 'op') throw new Error('unreachable: argument used as a filter');
	const op = filter.expr.operation;
	const toTs = op.kind === 'fts' ? { language: op.language } : null;
	return {
		kind: 'filter',
		field: resolveField(cache, table, filter.field, toTs),
		expr: filter.expr
	};
}

export function resolveLogicTree(cache: SchemaCache, table: QI, tree: LogicTree): TypedLogicTree {
	if (tree.kind === 'stmt')
		return { kind: 'stmt', filter: resolveFilter(cache, table, tree.filter) };
	return {
		kind: 'expr',
		negated: tree.negated,
		op: tree.op,
		children: tree.children.map((c) => resolveLogicTree(cache, table, c))
	};
}

export const filterToTree = (cache: SchemaCache, table: QI, filter: Filter): TypedLogicTree => ({
	kind: 'stmt',
	filter: resolveFilter(cache, table, filter)
});

function resolveOrder(cache: SchemaCache, table: QI, term: OrderTerm): TypedOrderTerm {
	if (term.kind === 'relation') return term;
	return {
		kind: 'field',
		field: resolveField(cache, table, term.field),
		direction: term.direction,
		nulls: term.nulls
	};
}

function emptyPlan(from: QI, relName: string, depth: number): ReadPlan {
	return {
		select: [],
		from,
		fromAlias: null,
		where: [],
		order: [],
		range: allRange,
		relName,
		relToParent: null,
		relTableAlias: null,
		relJoinConds: [],
		relAlias: null,
		relAggAlias: '',
		relHint: null,
		relJoinType: null,
		relSpread: null,
		relSelect: [],
		depth
	};
}

function initTree(ctx: PlanContext, root: QI, forest: SelectTree[]): ReadPlanTree {
	const build = (node: ReadPlanTree, items: SelectTree[]): ReadPlanTree => {
		for (const { item, children } of items) {
			const depth = node.plan.depth + 1;
			if (item.kind === 'field') {
				node.plan.select.push({
					field: resolveField(ctx.cache, node.plan.from, item.field),
					aggregate: item.aggregate,
					aggregateCast: item.aggregateCast,
					cast: item.cast,
					alias: item.alias
				});
				continue;
			}
			const child = emptyPlan({ schema: root.schema, name: item.relation }, item.relation, depth);
			child.relHint = item.hint;
			child.relJoinType = item.joinType;
			if (item.kind === 'relation') child.relAlias = item.alias;
			else child.relSpread = { kind: 'to-one' };
			node.children.push(build({ plan: child, children: [] }, children));
		}
		return node;
	};
	return build({ plan: emptyPlan(root, root.name, 0), children: [] }, forest);
}

/** Finds the node an embed path names; as upstream, the updated child moves to the front. */
function updateNode(
	tree: ReadPlanTree,
	path: EmbedPath,
	update: (node: ReadPlanTree) => void
): void {
	if (path.length === 0) {
		update(tree);
		return;
	}
	const [name, ...rest] = path;
	const index = tree.children.findIndex((c) => c.plan.relName === name || c.plan.relAlias === name);
	if (index < 0) throw pgrstErrors.notEmbedded(name);
	const [target] = tree.children.splice(index, 1);
	tree.children.unshift(target);
	updateNode(target, rest, update);
}

function parseRangeKey(key: string): EmbedPath {
	const parsed = runParser(treePath, `failed to parse tree path (${key})`, key);
	if (!parsed.ok) throw pgrstErrors.queryParam(parsed.failure.message, parsed.failure.details);
	return parsed.value.path;
}

function joinConditions(
	parentAlias: string | null,
	alias: string | null,
	rel: Relationship
): JoinCondition[] {
	if (rel.kind === 'computed') return [];
	const schema = rel.table.schema;
	const tableName = rel.table.name;
	const foreignName = rel.foreignTable.name;
	const cond = (
		prAlias: string | null,
		newAlias: string | null,
		tb: string,
		ftb: string,
		[c, fc]: [string, string]
	): JoinCondition => ({
		left: [newAlias !== null ? { schema: '', name: newAlias } : { schema, name: ftb }, fc],
		right: [prAlias !== null ? { schema: '', name: prAlias } : { schema, name: tb }, c]
	});
	const card = rel.cardinality;
	if (card.kind === 'm2m') {
		const j = card.junction.table.name;
		return [
			...card.junction.targetColumns.map((cols) => cond(null, null, foreignName, j, cols)),
			...card.junction.sourceColumns.map((cols) => cond(parentAlias, alias, tableName, j, cols))
		];
	}
	return card.columns.map((cols) => cond(parentAlias, alias, tableName, foreignName, cols));
}

function addRelationships(ctx: PlanContext, tree: ReadPlanTree): void {
	const root = tree.plan;
	if (ctx.kind !== 'read') {
		root.fromAlias = root.from.name;
		root.from = { schema: '', name: SOURCE_CTE };
	}
	const visit = (parent: ReadPlanTree) => {
		for (const child of parent.children) {
			const plan = child.plan;
			const origin =
				plan.depth === 1 ? (parent.plan.fromAlias ?? parent.plan.from.name) : parent.plan.from.name;
			const rel = findRelationship(ctx.cache, ctx.schema, origin, plan.relName, plan.relHint);
			const newAlias = `${rel.foreignTable.name}_${plan.depth}`;
			plan.relAggAlias = `${rel.table.name}_${plan.relAlias ?? plan.relName}_${plan.depth}`;
			if (plan.relSpread !== null && !isToOne(rel))
				plan.relSpread = { kind: 'to-many', extraSelects: [], order: [] };
			plan.from = rel.foreignTable;
			if (rel.kind === 'computed') {
				plan.relToParent = rel;
				plan.relTableAlias = parent.plan.fromAlias ?? rel.table.name;
				plan.fromAlias = newAlias;
			} else if (rel.cardinality.kind === 'm2m') {
				plan.relToParent = rel;
				plan.relJoinConds = joinConditions(parent.plan.fromAlias, null, rel);
			} else {
				plan.relToParent = rel;
				plan.fromAlias = newAlias;
				plan.relJoinConds = joinConditions(parent.plan.fromAlias, newAlias, rel);
			}
			visit(child);
		}
	};
	visit(tree);
}

function expandStars(ctx: PlanContext, tree: ReadPlanTree, hasAgg = false): void {
	const plan = tree.plan;
	const nowAgg =
		hasAgg || plan.select.some((s) => s.aggregate !== null) || plan.relSpread?.kind === 'to-many';
	const table =
		plan.from.schema === '' && plan.from.name === SOURCE_CTE && plan.fromAlias
			? { schema: ctx.schema, name: plan.fromAlias }
			: plan.from;
	if (nowAgg && plan.select.some((s) => s.field.name === '*' && s.aggregate === null)) {
		const columns = [...(ctx.cache.tables.get(qiKey(table))?.columns.values() ?? [])];
		plan.select = plan.select.flatMap((s) =>
			s.field.name === '*' && s.field.jsonPath.length === 0 && s.aggregate === null
				? columns.map((col) => ({ ...s, field: columnField(col) }))
				: [s]
		);
	}
	for (const child of tree.children) expandStars(ctx, child, nowAgg);
}

function addAliases(tree: ReadPlanTree): void {
	tree.plan.select = tree.plan.select.map((s) => {
		if (s.alias !== null) return s;
		const path = s.field.jsonPath;
		if (path.length === 0) return s;
		const last = path[path.length - 1].operand;
		if (last.kind === 'key') return { ...s, alias: last.key };
		const lastKey = [...path].reverse().find((op) => op.operand.kind === 'key');
		return {
			...s,
			alias: lastKey && lastKey.operand.kind === 'key' ? lastKey.operand.key : s.field.name
		};
	});
	for (const child of tree.children) addAliases(child);
}

function addRelatedOrders(tree: ReadPlanTree): void {
	tree.plan.order = tree.plan.order.map((term) => {
		if (term.kind !== 'relation') return term;
		const found = tree.children.find((c) => term.relation === (c.plan.relAlias ?? c.plan.relName));
		if (!found) throw pgrstErrors.notEmbedded(term.relation);
		const rel = found.plan.relToParent;
		if (rel && isToOne(rel)) return { ...term, relation: found.plan.relAggAlias };
		throw pgrstErrors.relatedOrderNotToOne(
			tree.plan.from.name,
			found.plan.relAlias ?? found.plan.relName
		);
	});
	for (const child of tree.children) addRelatedOrders(child);
}

function addNullEmbedFilters(tree: ReadPlanTree): void {
	const rewrite = (t: TypedLogicTree): TypedLogicTree => {
		if (t.kind === 'expr') return { ...t, children: t.children.map(rewrite) };
		const f = t.filter;
		if (f.kind !== 'filter' || f.field.jsonPath.length > 0) return t;
		const found = tree.children.find((c) => f.field.name === (c.plan.relAlias ?? c.plan.relName));
		const op = f.expr.operation;
		if (found && op.kind === 'is' && op.value === 'null')
			return {
				kind: 'stmt',
				filter: { kind: 'null-embed', negated: f.expr.negated, aggAlias: found.plan.relAggAlias }
			};
		return t;
	};
	tree.plan.where = tree.plan.where.map(rewrite);
	for (const child of tree.children) addNullEmbedFilters(child);
}

function spreadSelects(plan: ReadPlan): SpreadSelectField[] {
	return [
		...plan.select.map((s) => ({
			name: s.alias ?? s.field.name,
			aggregate: null,
			aggregateCast: null,
			alias: null
		})),
		...plan.relSelect.flatMap((r): SpreadSelectField[] =>
			r.kind === 'json-embed'
				? [{ name: r.name, aggregate: null, aggregateCast: null, alias: null }]
				: r.selects
		)
	];
}

function isEmptyEmbed(tree: ReadPlanTree): boolean {
	return tree.plan.select.length === 0 && tree.children.every(isEmptyEmbed);
}

function addRelSelects(tree: ReadPlanTree): void {
	for (const child of tree.children) addRelSelects(child);
	const selects: RelSelectField[] = [];
	for (const child of tree.children) {
		const plan = child.plan;
		const rel = plan.relToParent;
		if (!rel) continue;
		if (plan.relSpread !== null) {
			selects.push({ kind: 'spread', selects: spreadSelects(plan), aggAlias: plan.relAggAlias });
			continue;
		}
		selects.push({
			kind: 'json-embed',
			name: plan.relAlias ?? plan.relName,
			aggAlias: plan.relAggAlias,
			mode: isToOne(rel) ? 'object' : 'array',
			empty: isEmptyEmbed(child)
		});
	}
	tree.plan.relSelect = selects;
}

function validateAggregates(ctx: PlanContext, tree: ReadPlanTree): void {
	if (tree.plan.select.some((s) => s.aggregate !== null)) {
		if (!ctx.aggregatesEnabled) throw pgrstErrors.aggregatesNotAllowed();
		throw pgrstErrors.notImplemented('Aggregate functions are not implemented by the local stack');
	}
	for (const child of tree.children) validateAggregates(ctx, child);
}

function addToManyOrderSelects(tree: ReadPlanTree): void {
	const plan = tree.plan;
	if (plan.relSpread?.kind === 'to-many') {
		const extraSelects: [string | null, TypedSelectField][] = [];
		const order: TypedOrderTerm[] = [];
		plan.order.forEach((term, i) => {
			const name = term.kind === 'field' ? term.field.name : term.field.name;
			const alias = `${plan.relAggAlias}_${name}_${i + 1}`;
			const field =
				term.kind === 'field' ? term.field : unknownField(term.field.name, term.field.jsonPath);
			extraSelects.push([
				term.kind === 'relation' ? term.relation : null,
				{ field, aggregate: null, aggregateCast: null, cast: null, alias }
			]);
			order.push({
				kind: 'field',
				field: unknownField(alias, []),
				direction: term.direction,
				nulls: term.nulls
			});
		});
		plan.order = [];
		plan.relSpread = { kind: 'to-many', extraSelects, order };
	}
	for (const child of tree.children) addToManyOrderSelects(child);
}

function restrictRanges(ctx: PlanContext, tree: ReadPlanTree): void {
	if (ctx.kind === 'mutate') return;
	const visit = (t: ReadPlanTree) => {
		const r = t.plan.range;
		t.plan.range = convertToLimitZeroRange(
			r,
			restrictRange(ctx.maxRows === null ? null : BigInt(ctx.maxRows), r)
		);
		t.children.forEach(visit);
	};
	visit(tree);
}

/** Builds the whole read plan tree for the root relation `root`. */
export function readPlan(ctx: PlanContext, root: QI, request: ApiRequest): ReadPlanTree {
	const q = request.query;
	const tree = initTree(ctx, root, q.select);

	// Filters, orders, ranges and logic trees go to the node of their embed path; upstream
	// folds from the right, so the last parameter is applied first.
	const filters = ctx.kind === 'mutate' ? q.filtersNotRoot : q.filters;
	for (const { path, filter } of [...filters].reverse())
		updateNode(tree, path, (node) =>
			node.plan.where.unshift(filterToTree(ctx.cache, node.plan.from, filter))
		);
	for (const { path, terms } of [...q.order].reverse())
		updateNode(tree, path, (node) => {
			node.plan.order = terms.map((t) => resolveOrder(ctx.cache, node.plan.from, t));
		});
	if (ctx.kind !== 'mutate') {
		const entries: [EmbedPath, Range][] = [...request.ranges].map(([key, range]) => [
			parseRangeKey(key),
			range
		]);
		for (const [path, range] of entries.reverse())
			updateNode(tree, path, (node) => {
				node.plan.range = range;
			});
	}
	const logic = ctx.kind === 'mutate' ? q.logic.filter((l) => l.path.length > 0) : q.logic;
	for (const { path, tree: logicTree } of [...logic].reverse())
		updateNode(tree, path, (node) => {
			node.plan.where.unshift(resolveLogicTree(ctx.cache, node.plan.from, logicTree));
		});

	addRelationships(ctx, tree);
	expandStars(ctx, tree);
	addAliases(tree);
	addRelatedOrders(tree);
	addNullEmbedFilters(tree);
	addRelSelects(tree);
	validateAggregates(ctx, tree);
	addToManyOrderSelects(tree);
	restrictRanges(ctx, tree);
	return tree;
}

/** True for a plain `select=*` with no embeds (upstream's hasDefaultSelect). */
export function hasDefaultSelect(tree: ReadPlanTree): boolean {
	return (
		tree.children.length === 0 &&
		tree.plan.select.length === 1 &&
		tree.plan.select[0].field.name === '*'
	);
}

/** The columns a mutation or call must return for the select and its embeds to work. */
export function columnsNeeded(tree: ReadPlanTree, pkCols: string[]): Set<string> {
	const names = new Set(tree.plan.select.map((s) => s.field.name));
	if (names.has('*')) return new Set(['*']);
	const fkCols: string[] = [];
	let computed = false;
	for (const child of tree.children) {
		const rel = child.plan.relToParent;
		if (!rel) continue;
		if (rel.kind === 'computed') {
			computed = true;
			continue;
		}
		const card = rel.cardinality;
		if (card.kind === 'm2m') fkCols.push(...card.junction.sourceColumns.map(([c]) => c));
		else fkCols.push(...card.columns.map(([c]) => c));
	}
	if (computed) return new Set(['*']);
	return new Set([...names, ...fkCols, ...pkCols]);
}

/** Column names used by filters anywhere in the tree (upstream's getFilterFieldNames). */
export function filterFieldNames(tree: ReadPlanTree): Set<string> {
	const names = new Set<string>();
	const fromLogic = (t: TypedLogicTree) => {
		if (t.kind === 'expr') t.children.forEach(fromLogic);
		else if (t.filter.kind === 'filter') names.add(t.filter.field.name);
		else names.add(t.filter.aggAlias);
	};
	const visit = (t: ReadPlanTree) => {
		t.plan.where.forEach(fromLogic);
		t.children.forEach(visit);
	};
	visit(tree);
	return names;
}
