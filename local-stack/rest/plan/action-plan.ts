// From a parsed request to the plan of what runs (PostgREST's actionPlan): table lookup
// (PGRST205), the read plan, the mutation (columns checked against the table, PGRST204; PUT's
// primary-key rule, PGRST105) or the function call (overloads chosen by argument names,
// PGRST202/203), content negotiation (PGRST107) and `handling=strict` (PGRST122), in upstream's
// order so the first error reported is the one PostgREST reports.
import { pgrstErrors } from '../errors.ts';
import { mediaTypeName } from '../parse/media-type.ts';
import type { MediaType } from '../parse/media-type.ts';
import type { ApiRequest } from '../parse/request.ts';
import { bestMatch } from './fuzzy.ts';
import {
	columnsNeeded,
	filterFieldNames,
	filterToTree,
	readPlan,
	resolveLogicTree,
	columnField
} from './read-plan.ts';
import type { PlanContext } from './read-plan.ts';
import {
	qiKey,
	returnsScalar,
	returnsSetOfScalar,
	returnsSingle,
	routineTableName
} from './schema-cache.ts';
import type { QI, Routine, SchemaCache, Table } from './schema-cache.ts';
import type {
	CallPlan,
	CrudPlan,
	Handler,
	MutatePlan,
	ReadPlanTree,
	RpcArgument,
	TypedField,
	TypedLogicTree
} from './types.ts';

export type PlanConfig = {
	maxRows: number | null;
	aggregatesEnabled: boolean;
	planEnabled: boolean;
};

function findTable(cache: SchemaCache, target: QI): Table {
	const table = cache.tables.get(qiKey(target));
	if (table) return table;
	const names = [...cache.tables.values()]
		.filter((t) => t.schema === target.schema)
		.map((t) => t.name);
	const suggestion = names.length < 500 ? bestMatch(names, target.name, 0.75) : null;
	throw pgrstErrors.tableNotFound(target.schema, target.name, suggestion);
}

/** Content negotiation: the first acceptable media type with a builtin handler. */
function negotiate(
	accepts: MediaType[],
	config: PlanConfig
): { handler: Handler; media: MediaType } {
	for (const mt of accepts) {
		switch (mt.kind) {
			case 'singular':
				return { handler: { kind: 'single', stripNulls: mt.stripNulls }, media: mt };
			case 'array-stripped':
				return { handler: { kind: 'json', stripNulls: true }, media: mt };
			case 'plan':
				if (config.planEnabled)
					throw pgrstErrors.notImplemented(
						'Execution plans are not implemented by the local stack'
					);
				continue;
			case 'any':
			case 'json':
				return { handler: { kind: 'json', stripNulls: false }, media: { kind: 'json' } };
			case 'csv':
				return { handler: { kind: 'csv' }, media: mt };
			case 'geojson':
				return { handler: { kind: 'geojson' }, media: mt };
		}
	}
	throw pgrstErrors.mediaType(accepts.map(mediaTypeName));
}

function checkStrict(request: ApiRequest) {
	const p = request.preferences;
	if (p.invalid.length > 0 && p.handling === 'strict')
		throw pgrstErrors.invalidPreferences(p.invalid);
}

function resolveColumns(ctx: PlanContext, table: Table, columns: string[]): TypedField[] {
	return columns.map((name) => {
		const col = table.columns.get(name);
		if (!col) throw pgrstErrors.columnNotFound(table.name, name);
		return columnField(col);
	});
}

function rootLogic(ctx: PlanContext, target: QI, request: ApiRequest): TypedLogicTree[] {
	const q = request.query;
	const logic = q.logic
		.filter((l) => l.path.length === 0)
		.map((l) => resolveLogicTree(ctx.cache, target, l.tree));
	return [...q.filtersRoot.map((f) => filterToTree(ctx.cache, target, f)), ...logic];
}

function mutatePlan(
	ctx: PlanContext,
	request: ApiRequest,
	table: Table,
	tree: ReadPlanTree,
	mutation: 'create' | 'update' | 'upsert' | 'delete'
): MutatePlan {
	const target = { schema: table.schema, name: table.name };
	const p = request.preferences;
	const returning =
		p.representation === null || p.representation === 'minimal'
			? []
			: [...columnsNeeded(tree, table.pkCols)];
	const body =
		request.payload?.kind === 'json' || request.payload?.kind === 'raw-json'
			? request.payload.raw
			: null;
	const where = rootLogic(ctx, target, request);
	switch (mutation) {
		case 'create':
			return {
				kind: 'insert',
				target,
				columns: resolveColumns(ctx, table, request.columns),
				body,
				onConflict: p.resolution
					? { resolution: p.resolution, columns: request.query.onConflict ?? table.pkCols }
					: null,
				putConditions: [],
				returning,
				pkCols: table.pkCols,
				applyDefaults: p.missing === 'default'
			};
		case 'update':
			return {
				kind: 'update',
				target,
				columns: resolveColumns(ctx, table, request.columns),
				body,
				where,
				returning,
				applyDefaults: p.missing === 'default'
			};
		case 'upsert': {
			const q = request.query;
			const pk = new Set(table.pkCols);
			const okFilters =
				q.logic.length === 0 &&
				q.filterFields.size === pk.size &&
				[...q.filterFields].every((f) => pk.has(f)) &&
				pk.size > 0 &&
				q.filtersRoot.every(
					(f) =>
						f.expr.kind === 'op' &&
						!f.expr.negated &&
						f.expr.operation.kind === 'quant' &&
						f.expr.operation.op === 'eq' &&
						f.expr.operation.quantifier === null
				);
			if (!okFilters) throw pgrstErrors.invalidFilters();
			return {
				kind: 'insert',
				target,
				columns: resolveColumns(ctx, table, request.columns),
				body,
				onConflict: { resolution: 'merge-duplicates', columns: table.pkCols },
				putConditions: where,
				returning,
				pkCols: [],
				applyDefaults: false
			};
		}
		case 'delete':
			return { kind: 'delete', target, where, returning };
	}
}

// ---- functions ----------------------------------------------------------------------------

function matchesParams(routine: Routine, keys: Set<string>, isPost: boolean, ct: MediaType) {
	const params = routine.params;
	if (params.length === 0)
		return keys.size === 0 && !(isPost && ['octet-stream', 'text', 'xml'].includes(ct.kind));
	const required = params.filter((p) => p.required).map((p) => p.name);
	const optional = new Set(params.filter((p) => !p.required).map((p) => p.name));
	const sameSet = (a: Set<string>, b: string[]) =>
		a.size === new Set(b).size && b.every((x) => a.has(x));
	if (optional.size === 0) return sameSet(keys, required);
	if (required.length === 0) return [...keys].every((k) => optional.has(k));
	const rest = new Set([...keys].filter((k) => !optional.has(k)));
	return sameSet(rest, required);
}

function hasSingleUnnamedParam(routine: Routine, isPost: boolean, ct: MediaType) {
	if (!isPost || routine.params.length !== 1 || routine.params[0].name !== '') return false;
	const type = routine.params[0].type;
	return (
		(ct.kind === 'json' && (type === 'json' || type === 'jsonb')) ||
		(ct.kind === 'text' && type === 'text') ||
		(ct.kind === 'xml' && type === 'xml') ||
		(ct.kind === 'octet-stream' && type === 'bytea')
	);
}

function noFunctionError(
	cache: SchemaCache,
	target: QI,
	keys: string[],
	ct: MediaType,
	isPost: boolean,
	overloaded: Routine[]
) {
	const func = `${target.schema}.${target.name}`;
	const onlySingle = isPost && ['text', 'xml', 'octet-stream'].includes(ct.kind);
	const fmt = (p: string) => (keys.length === 0 ? ' without parameters' : p);
	const message = `Could not find the function ${func}${onlySingle ? '' : fmt(`(${keys.join(', ')})`)} in the schema cache`;
	const prmsDet = ` with parameter${keys.length > 1 ? 's ' : ' '}${keys.join(', ')}`;
	let searched: string;
	if (isPost && ct.kind === 'text') searched = ' with a single unnamed text parameter';
	else if (isPost && ct.kind === 'xml') searched = ' with a single unnamed xml parameter';
	else if (isPost && ct.kind === 'octet-stream')
		searched = ' with a single unnamed bytea parameter';
	else if (isPost && ct.kind === 'json')
		searched = `${fmt(prmsDet)} or with a single unnamed json/jsonb parameter`;
	else searched = fmt(prmsDet);
	const details = `Searched for the function ${func}${searched}, but no matches were found in the schema cache.`;
	let hint: string | null = null;
	if (!onlySingle) {
		let possible: string | null;
		if (overloaded.length === 0) {
			const names = [...cache.routines.values()]
				.flat()
				.filter((r) => r.schema === target.schema)
				.map((r) => r.name);
			possible = bestMatch(names, target.name, 0.75);
		} else {
			const listText = (names: string[]) => `(${[...names].sort().join(', ')})`;
			const match = bestMatch(
				overloaded.map((r) => listText(r.params.map((p) => p.name))),
				listText(keys)
			);
			possible = match === null ? null : `${target.name}${match}`;
		}
		hint =
			possible === null
				? null
				: `Perhaps you meant to call the function ${target.schema}.${possible}`;
	}
	return pgrstErrors.noFunction(message, details, hint);
}

function findRoutine(
	cache: SchemaCache,
	target: QI,
	keys: Set<string>,
	ct: MediaType,
	isPost: boolean
): Routine {
	const overloaded = cache.routines.get(qiKey(target)) ?? [];
	const matching = overloaded.filter((r) => matchesParams(r, keys, isPost, ct));
	const fallback = overloaded.filter(
		(r) => !matchesParams(r, keys, isPost, ct) && hasSingleUnnamedParam(r, isPost, ct)
	);
	const ambiguous = (list: Routine[]) =>
		pgrstErrors.ambiguousFunction(
			list.map(
				(r) => `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`
			)
		);
	if (matching.length === 1) return matching[0];
	if (matching.length > 1) throw ambiguous(matching);
	if (fallback.length === 1) return fallback[0];
	if (fallback.length > 1) throw ambiguous(fallback);
	throw noFunctionError(cache, target, [...keys].sort(), ct, isPost, overloaded);
}

function callPlan(
	routine: Routine,
	request: ApiRequest,
	keys: Set<string>,
	tree: ReadPlanTree
): CallPlan {
	const isPost = request.action.kind === 'call' && request.action.invoke === 'post';
	const params: CallPlan['params'] =
		routine.params.length === 1 && routine.params[0].name === ''
			? { kind: 'positional', param: routine.params[0] }
			: { kind: 'named', params: routine.params.filter((p) => keys.has(p.name)) };
	const direct = (pairs: [string, string][]): Map<string, RpcArgument> => {
		const values = new Map<string, RpcArgument>();
		for (const [k, v] of pairs) {
			const variadic =
				routine.hasVariadic && routine.params.some((p) => p.name === k && p.variadic);
			const existing = values.get(k);
			if (variadic) {
				values.set(k, {
					kind: 'variadic',
					values: existing?.kind === 'variadic' ? [...existing.values, v] : [v]
				});
			} else if (!existing) values.set(k, { kind: 'fixed', value: v });
		}
		return values;
	};
	let args: CallPlan['args'];
	if (!isPost) args = { kind: 'direct', values: direct(request.query.rpcParams) };
	else if (request.payload?.kind === 'urlencoded')
		args = { kind: 'direct', values: direct(request.payload.params) };
	else if (request.payload?.kind === 'raw') args = { kind: 'raw', body: request.payload.raw };
	else
		args = {
			kind: 'json',
			body:
				request.payload?.kind === 'json' || request.payload?.kind === 'raw-json'
					? request.payload.raw
					: null
		};
	return {
		target: { schema: routine.schema, name: routine.name },
		params,
		args,
		scalar: returnsScalar(routine),
		setOfScalar: returnsSetOfScalar(routine),
		filterFields: filterFieldNames(tree),
		returning: columnsNeeded(tree, [])
	};
}

/** The plan of a database action, or the error PostgREST would answer with. */
export function crudPlan(cache: SchemaCache, request: ApiRequest, config: PlanConfig): CrudPlan {
	const action = request.action;
	const ctxFor = (kind: PlanContext['kind']): PlanContext => ({
		cache,
		schema: request.schema,
		kind,
		maxRows: config.maxRows,
		aggregatesEnabled: config.aggregatesEnabled
	});
	if (action.kind === 'read') {
		const table = findTable(cache, action.target);
		const tree = readPlan(ctxFor('read'), action.target, request);
		const negotiated = negotiate(request.accept, config);
		checkStrict(request);
		return {
			kind: 'read',
			tree,
			readOnly: true,
			handler: action.headersOnly ? { kind: 'none' } : negotiated.handler,
			media: negotiated.media,
			headersOnly: action.headersOnly,
			target: { schema: table.schema, name: table.name }
		};
	}
	if (action.kind === 'mutate') {
		const table = findTable(cache, action.target);
		const ctx = ctxFor('mutate');
		const tree = readPlan(ctx, action.target, request);
		const mutate = mutatePlan(ctx, request, table, tree, action.mutation);
		checkStrict(request);
		const negotiated = negotiate(request.accept, config);
		return {
			kind: 'mutate',
			tree,
			mutate,
			readOnly: false,
			handler:
				request.preferences.representation === 'full' ? negotiated.handler : { kind: 'none' },
			media: negotiated.media,
			mutation: action.mutation,
			target: action.target
		};
	}
	if (action.kind === 'call') {
		const isPost = action.invoke === 'post';
		const keys = new Set(isPost ? request.columns : request.query.rpcParams.map(([k]) => k));
		const routine = findRoutine(cache, action.target, keys, request.contentType, isPost);
		const relation = { schema: routine.schema, name: routineTableName(routine) ?? routine.name };
		const tree = readPlan(ctxFor('call'), relation, request);
		const call = callPlan(routine, request, keys, tree);
		const negotiated = negotiate(request.accept, config);
		checkStrict(request);
		const p = request.preferences;
		if (p.maxAffected !== null && p.handling === 'strict' && returnsSingle(routine))
			throw pgrstErrors.maxAffectedRpc();
		return {
			kind: 'call',
			tree,
			call,
			readOnly: !isPost || routine.volatility !== 'volatile',
			routine,
			handler: action.invoke === 'head' ? { kind: 'none' } : negotiated.handler,
			media: negotiated.media,
			invoke: action.invoke,
			target: action.target
		};
	}
	throw new Error(`not a database action: ${action.kind}`);
}
