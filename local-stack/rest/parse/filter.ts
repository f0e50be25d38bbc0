// Horizontal filtering (PostgREST's pOpExpr, pLogicTree): `col=not.eq(any).{a,b}`, `in.(…)`,
// `is.null`, `fts(english).term`, and the `or=(…)` / `and=(…)` / `not.or=(…)` logic trees with
// quoted values and `{…}` arrays, on the root or on an embed (`rel.or=(…)`).
import {
	alt,
	anyChar,
	as,
	attempt,
	between,
	bind,
	char,
	label,
	lazy,
	left,
	many,
	map,
	noneOf,
	notFollowedBy,
	optionMaybe,
	pure,
	right,
	runParser,
	sepBy1,
	showChar,
	string
} from './parsec.ts';
import type { ParseFailure, Parser } from './parsec.ts';
import {
	delimiter,
	field,
	fieldName,
	identifier,
	lexeme,
	quotedValue,
	treePath
} from './tokens.ts';
import type {
	EmbedPath,
	Filter,
	FtsOperator,
	IsValue,
	LogicTree,
	OpExpr,
	Operation,
	QuantOperator,
	SimpleOperator
} from './types.ts';

const simpleOperator: Parser<SimpleOperator> = label(
	alt<SimpleOperator>(
		...(['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'] as const).map((op) =>
			attempt(as(string(op), op))
		)
	),
	'unknown single value operator'
);

const quantOperator: Parser<QuantOperator> = label(
	alt<QuantOperator>(
		...(['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'] as const).map((op) =>
			attempt(as(string(op), op))
		)
	),
	'unknown single value operator'
);

export const singleValue: Parser<string> = map(many(anyChar), (cs) => cs.join(''));

const listElement: Parser<string> = alt(
	attempt(left(quotedValue, notFollowedBy(noneOf(',)'), showChar))),
	map(many(noneOf(',)')), (cs) => cs.join(''))
);

const listValue: Parser<string[]> = right(
	lexeme(char('(')),
	left(sepBy1(listElement, char(',')), lexeme(char(')')))
);

/** Case-insensitive ASCII string, as upstream's ciString. */
function ciString(text: string): Parser<string> {
	const steps = Array.from(text).map((c) => alt(char(c), char(c.toUpperCase())));
	return steps.reduceRight<Parser<string>>(
		(rest, step) => bind(step, (c) => map(rest, (tail) => c + tail)),
		pure('')
	);
}

const isValue: Parser<IsValue> = label(
	alt<IsValue>(
		attempt(as(ciString('null'), 'null' as const)),
		attempt(as(ciString('not_null'), 'not_null' as const)),
		attempt(as(ciString('true'), 'true' as const)),
		attempt(as(ciString('false'), 'false' as const)),
		attempt(as(ciString('unknown'), 'unknown' as const))
	),
	'isVal: (null, not_null, true, false, unknown)'
);

function operation(valueParser: Parser<string>): Parser<Operation> {
	const inOp = map(
		right(attempt(right(string('in'), delimiter)), listValue),
		(values): Operation => ({ kind: 'in', values })
	);
	const isOp = map(right(attempt(right(string('is'), delimiter)), isValue), (value): Operation => ({
		kind: 'is',
		value
	}));
	const isDistinct = map(
		right(attempt(right(string('isdistinct'), delimiter)), valueParser),
		(value): Operation => ({ kind: 'isdistinct', value })
	);
	const fts = bind(
		alt<FtsOperator>(
			attempt(as(string('fts'), 'fts' as const)),
			attempt(as(string('plfts'), 'plfts' as const)),
			attempt(as(string('phfts'), 'phfts' as const)),
			attempt(as(string('wfts'), 'wfts' as const))
		),
		(op) =>
			bind(optionMaybe(attempt(between(char('('), char(')'), identifier))), (language) =>
				right(
					delimiter,
					map(valueParser, (value): Operation => ({ kind: 'fts', op, language, value }))
				)
			)
	);
	const simple = bind(simpleOperator, (op) =>
		right(
			delimiter,
			map(valueParser, (value): Operation => ({ kind: 'simple', op, value }))
		)
	);
	const quant = bind(quantOperator, (op) =>
		bind(
			optionMaybe(
				attempt(
					between(
						char('('),
						char(')'),
						alt(attempt(as(string('any'), 'any' as const)), as(string('all'), 'all' as const))
					)
				)
			),
			(quantifier) =>
				right(
					delimiter,
					map(valueParser, (value): Operation => ({ kind: 'quant', op, quantifier, value }))
				)
		)
	);
	return label(
		alt(inOp, isOp, isDistinct, attempt(fts), attempt(simple), attempt(quant)),
		'operator (eq, gt, ...)'
	);
}

export function opExpr(valueParser: Parser<string>): Parser<OpExpr> {
	return bind(alt(attempt(as(right(string('not'), delimiter), true)), pure(false)), (negated) =>
		map(operation(valueParser), (op): OpExpr => ({ kind: 'op', negated, operation: op }))
	);
}

const logicSingleValue: Parser<string> = alt(
	attempt(left(quotedValue, notFollowedBy(noneOf(',)'), showChar))),
	attempt(
		bind(string('{'), (open) =>
			bind(many(noneOf('{}')), (inner) =>
				map(string('}'), (close) => open + inner.join('') + close)
			)
		)
	),
	map(many(noneOf(',)')), (cs) => cs.join(''))
);

const logicFilter: Parser<Filter> = bind(field, (fld) =>
	right(
		delimiter,
		map(opExpr(logicSingleValue), (expr) => ({ field: fld, expr }))
	)
);

export const logicTree: Parser<LogicTree> = lazy(() =>
	alt<LogicTree>(
		map(attempt(logicFilter), (filter): LogicTree => ({ kind: 'stmt', filter })),
		bind(
			label(
				alt(attempt(as(right(string('not'), delimiter), true)), pure(false)),
				'negation operator (not)'
			),
			(negated) =>
				bind(
					label(
						alt(attempt(as(string('and'), 'and' as const)), as(string('or'), 'or' as const)),
						'logic operator (and, or)'
					),
					(op) =>
						map(
							right(
								lexeme(char('(')),
								left(sepBy1(logicTree, lexeme(char(','))), lexeme(char(')')))
							),
							(children): LogicTree => ({ kind: 'expr', negated, op, children })
						)
				)
		)
	)
);

type Result<T> = { ok: true; value: T } | { ok: false; failure: ParseFailure };

/** `key=value` of a filter; on GET /rpc a value without an operator is an argument. */
export function parseFilter(
	key: string,
	value: string,
	isRpcRead: boolean
): Result<{ path: EmbedPath; filter: Filter }> {
	const path = runParser(treePath, `failed to parse tree path (${key})`, key);
	if (!path.ok) return path;
	const parser = isRpcRead
		? alt(opExpr(singleValue), pure<OpExpr>({ kind: 'noop', value }))
		: opExpr(singleValue);
	const expr = runParser(parser, `failed to parse filter (${value})`, value);
	if (!expr.ok) return expr;
	return {
		ok: true,
		value: { path: path.value.path, filter: { field: path.value.field, expr: expr.value } }
	};
}

const logicPath: Parser<{ path: EmbedPath; op: string }> = map(
	sepBy1(fieldName, delimiter),
	(names) => {
		const op = names[names.length - 1];
		const negated = names.includes('not');
		return {
			path: names.slice(0, -1).filter((n) => n !== 'not'),
			op: negated ? `not.${op}` : op
		};
	}
);

/** `or=(…)`, `not.and=(…)`, `rel.or=(…)`: upstream parses key + value as `or(…)`. */
export function parseLogic(
	key: string,
	value: string
): Result<{ path: EmbedPath; tree: LogicTree }> {
	const path = runParser(logicPath, `failed to parse logic path (${key})`, key);
	if (!path.ok) return path;
	const tree = runParser(logicTree, `failed to parse logic tree (${value})`, path.value.op + value);
	if (!tree.ok) return tree;
	return { ok: true, value: { path: path.value.path, tree: tree.value } };
}
