// The plan PostgREST builds between the request and the SQL (Plan/Types.hs, Plan/ReadPlan.hs,
// Plan/MutatePlan.hs, Plan/CallPlan.hs): a tree of read plans with resolved relationships, join
// conditions and aliases; the mutation or function call under it; how the body is produced.
import type { MediaType } from '../parse/media-type.ts';
import type { Range } from '../parse/range.ts';
import type {
	AggregateFunction,
	Field,
	JoinType,
	JsonPath,
	OpExpr,
	OrderDirection,
	OrderNulls
} from '../parse/types.ts';
import type { QI, Relationship, Routine, RoutineParam } from './schema-cache.ts';

/** A field with what the plan learnt about its type (upstream's CoercibleField). */
export type TypedField = {
	name: string;
	jsonPath: JsonPath;
	/** `to_jsonb(col)->…` for JSON paths on columns that are not json/jsonb. */
	toJson: boolean;
	/** `to_tsvector([lang,] col)` for full-text filters on columns that are not tsvector. */
	toTsVector: { language: string | null } | null;
	irType: string;
	baseType: string;
	default: string | null;
	fullRow: boolean;
};

export type TypedSelectField = {
	field: TypedField;
	aggregate: AggregateFunction | null;
	aggregateCast: string | null;
	cast: string | null;
	alias: string | null;
};

export type TypedFilter =
	| { kind: 'filter'; field: TypedField; expr: Extract<OpExpr, { kind: 'op' }> }
	| { kind: 'null-embed'; negated: boolean; aggAlias: string };

export type TypedLogicTree =
	| { kind: 'stmt'; filter: TypedFilter }
	| { kind: 'expr'; negated: boolean; op: 'and' | 'or'; children: TypedLogicTree[] };

export type TypedOrderTerm =
	| { kind: 'field'; field: TypedField; direction: OrderDirection | null; nulls: OrderNulls | null }
	| {
			kind: 'relation';
			relation: string;
			field: Field;
			direction: OrderDirection | null;
			nulls: OrderNulls | null;
	  };

/** `left = right`; a QI with an empty schema is an alias. */
export type JoinCondition = { left: [QI, string]; right: [QI, string] };

export type SpreadSelectField = {
	name: string;
	aggregate: AggregateFunction | null;
	aggregateCast: string | null;
	alias: string | null;
};

export type RelSelectField =
	| { kind: 'json-embed'; name: string; aggAlias: string; mode: 'object' | 'array'; empty: boolean }
	| { kind: 'spread'; selects: SpreadSelectField[]; aggAlias: string };

export type Spread =
	| { kind: 'to-one' }
	| {
			kind: 'to-many';
			extraSelects: [string | null, TypedSelectField][];
			order: TypedOrderTerm[];
	  };

export type ReadPlan = {
	select: TypedSelectField[];
	from: QI;
	fromAlias: string | null;
	where: TypedLogicTree[];
	order: TypedOrderTerm[];
	range: Range;
	relName: string;
	relToParent: Relationship | null;
	/** Computed relationships: the parent row's alias (or table name) the function is called on. */
	relTableAlias: string | null;
	relJoinConds: JoinCondition[];
	relAlias: string | null;
	relAggAlias: string;
	relHint: string | null;
	relJoinType: JoinType | null;
	relSpread: Spread | null;
	relSelect: RelSelectField[];
	depth: number;
};

export type ReadPlanTree = { plan: ReadPlan; children: ReadPlanTree[] };

export type MutatePlan =
	| {
			kind: 'insert';
			target: QI;
			columns: TypedField[];
			body: string | null;
			onConflict: {
				resolution: 'merge-duplicates' | 'ignore-duplicates';
				columns: string[];
			} | null;
			/** PUT: the body must match the URL's primary key filters. */
			putConditions: TypedLogicTree[];
			returning: string[];
			pkCols: string[];
			applyDefaults: boolean;
	  }
	| {
			kind: 'update';
			target: QI;
			columns: TypedField[];
			body: string | null;
			where: TypedLogicTree[];
			returning: string[];
			applyDefaults: boolean;
	  }
	| { kind: 'delete'; target: QI; where: TypedLogicTree[]; returning: string[] };

export type RpcArgument = { kind: 'fixed'; value: string } | { kind: 'variadic'; values: string[] };

export type CallPlan = {
	target: QI;
	params: { kind: 'positional'; param: RoutineParam } | { kind: 'named'; params: RoutineParam[] };
	args:
		| { kind: 'direct'; values: Map<string, RpcArgument> }
		| { kind: 'json'; body: string | null }
		| { kind: 'raw'; body: Buffer };
	scalar: boolean;
	setOfScalar: boolean;
	filterFields: Set<string>;
	returning: Set<string>;
};

/** How the body is made from the rows: upstream's MediaHandler. */
export type Handler =
	| { kind: 'json'; stripNulls: boolean }
	| { kind: 'single'; stripNulls: boolean }
	| { kind: 'csv' }
	| { kind: 'geojson' }
	| { kind: 'none' };

export type CrudPlan =
	| {
			kind: 'read';
			tree: ReadPlanTree;
			readOnly: true;
			handler: Handler;
			media: MediaType;
			headersOnly: boolean;
			target: QI;
	  }
	| {
			kind: 'mutate';
			tree: ReadPlanTree;
			mutate: MutatePlan;
			readOnly: false;
			handler: Handler;
			media: MediaType;
			mutation: 'create' | 'update' | 'upsert' | 'delete';
			target: QI;
	  }
	| {
			kind: 'call';
			tree: ReadPlanTree;
			call: CallPlan;
			readOnly: boolean;
			routine: Routine;
			handler: Handler;
			media: MediaType;
			invoke: 'get' | 'head' | 'post';
			target: QI;
	  };
