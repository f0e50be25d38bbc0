// What a PostgREST request means once parsed (upstream's ApiRequest/Types.hs): select trees,
// filters, logic trees, order terms and JSON paths, with no knowledge of the database yet.

export type JsonOperand = { kind: 'key'; key: string } | { kind: 'index'; index: string };
export type JsonOperation = { arrow: '->' | '->>'; operand: JsonOperand };
export type JsonPath = JsonOperation[];

/** A column (or computed field) with an optional JSON path: `data->a->>b`. */
export type Field = { name: string; jsonPath: JsonPath };

export type AggregateFunction = 'sum' | 'avg' | 'count' | 'max' | 'min';
export type JoinType = 'inner' | 'left';

export type SelectField = {
	kind: 'field';
	field: Field;
	aggregate: AggregateFunction | null;
	aggregateCast: string | null;
	cast: string | null;
	alias: string | null;
};
export type SelectRelation = {
	kind: 'relation';
	relation: string;
	alias: string | null;
	hint: string | null;
	joinType: JoinType | null;
};
export type SelectSpread = {
	kind: 'spread';
	relation: string;
	hint: string | null;
	joinType: JoinType | null;
};
export type SelectItem = SelectField | SelectRelation | SelectSpread;
export type SelectTree = { item: SelectItem; children: SelectTree[] };

export type QuantOperator =
	'eq' | 'gte' | 'gt' | 'lte' | 'lt' | 'like' | 'ilike' | 'match' | 'imatch';
export type SimpleOperator = 'neq' | 'cs' | 'cd' | 'ov' | 'sl' | 'sr' | 'nxr' | 'nxl' | 'adj';
export type FtsOperator = 'fts' | 'plfts' | 'phfts' | 'wfts';
export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Operation =
	| { kind: 'simple'; op: SimpleOperator; value: string }
	| { kind: 'quant'; op: QuantOperator; quantifier: 'any' | 'all' | null; value: string }
	| { kind: 'in'; values: string[] }
	| { kind: 'is'; value: IsValue }
	| { kind: 'isdistinct'; value: string }
	| { kind: 'fts'; op: FtsOperator; language: string | null; value: string };

/** `not.eq.1` → negated; `NoOpExpr` is a plain value, only for RPC arguments on GET. */
export type OpExpr =
	{ kind: 'op'; negated: boolean; operation: Operation } | { kind: 'noop'; value: string };

export type Filter = { field: Field; expr: OpExpr };

export type LogicTree =
	| { kind: 'stmt'; filter: Filter }
	| { kind: 'expr'; negated: boolean; op: 'and' | 'or'; children: LogicTree[] };

export type OrderDirection = 'asc' | 'desc';
export type OrderNulls = 'nullsfirst' | 'nullslast';
export type OrderTerm =
	| { kind: 'field'; field: Field; direction: OrderDirection | null; nulls: OrderNulls | null }
	| {
			kind: 'relation';
			relation: string;
			field: Field;
			direction: OrderDirection | null;
			nulls: OrderNulls | null;
	  };

/** The embed path of a parameter: `clients.projects.id=eq.1` → ['clients', 'projects']. */
export type EmbedPath = string[];
