// The clause builders of PostgREST's SqlFragment.hs, ours: qualified names, fields with JSON
// paths and to_jsonb / to_tsvector, every filter operator (values as parameters, `in` as one
// array parameter, `*` → `%` for like), logic trees, ORDER BY and LIMIT / OFFSET.
import { isAllRange, rangeLimit, rangeOffset } from '../parse/range.ts';
import type { Range } from '../parse/range.ts';
import type { JsonPath, Operation } from '../parse/types.ts';
import type { QI } from '../plan/schema-cache.ts';
import type {
	JoinCondition,
	TypedField,
	TypedFilter,
	TypedLogicTree,
	TypedOrderTerm,
	TypedSelectField
} from '../plan/types.ts';
import { cat, ident, join, param, raw } from './fragment.ts';
import type { Fragment } from './fragment.ts';

export const alias = (name: string): QI => ({ schema: '', name });

export function fromQi(qi: QI): Fragment {
	return qi.schema === '' ? ident(qi.name) : cat(ident(qi.schema), '.', ident(qi.name));
}

export function column(table: QI, name: string): Fragment {
	return name === '*' ? cat(fromQi(table), '.*') : cat(fromQi(table), '.', ident(name));
}

export function jsonPath(path: JsonPath): Fragment {
	return cat(
		...path.map((op) =>
			op.operand.kind === 'key'
				? cat(op.arrow, param(op.operand.key))
				: cat(op.arrow, param(op.operand.index), '::int')
		)
	);
}

export function field(table: QI, f: TypedField): Fragment {
	let base: Fragment;
	if (f.fullRow) base = ident(table.name);
	else if (f.jsonPath.length === 0) base = column(table, f.name);
	else if (f.toJson) base = cat('to_jsonb(', column(table, f.name), ')', jsonPath(f.jsonPath));
	else base = cat(column(table, f.name), jsonPath(f.jsonPath));
	if (f.toTsVector === null) return base;
	const lang = f.toTsVector.language;
	return cat('to_tsvector(', lang === null ? '' : cat(param(lang), ', '), base, ')');
}

/** Casts come from `::ident` in select, which the parser limits to letters, digits, `_ $`. */
export function selectItem(table: QI, s: TypedSelectField): Fragment {
	const value = field(table, s.field);
	const casted = s.cast === null ? value : cat('CAST( ', value, ' AS ', raw(s.cast), ' )');
	return s.alias === null ? casted : cat(casted, ' AS ', ident(s.alias));
}

/** A pg array literal of the values, built by hand so pg infers the element type. */
export function arrayLiteral(values: string[]): string {
	const escaped = values.map(
		(v) => `"${v.replaceAll('\u0000', '').replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
	);
	return `{${escaped.join(',')}}`;
}

const SIMPLE = { neq: '<>', cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-' } as const; // prettier-ignore
const QUANT = { eq: '=', gte: '>=', gt: '>', lte: '<=', lt: '<', like: 'like', ilike: 'ilike', match: '~', imatch: '~*' } as const; // prettier-ignore
const FTS = { fts: '@@ to_tsquery', plfts: '@@ plainto_tsquery', phfts: '@@ phraseto_tsquery', wfts: '@@ websearch_to_tsquery' } as const; // prettier-ignore
const IS = { null: 'NULL', not_null: 'NOT NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' } as const; // prettier-ignore

function operation(op: Operation): Fragment {
	switch (op.kind) {
		case 'simple':
			return cat(' ', SIMPLE[op.op], ' ', param(op.value));
		case 'quant': {
			const value =
				op.op === 'like' || op.op === 'ilike' ? op.value.replaceAll('*', '%') : op.value;
			const v = param(value);
			const quantified =
				op.quantifier === 'any'
					? cat('ANY(', v, ')')
					: op.quantifier === 'all'
						? cat('ALL(', v, ')')
						: v;
			return cat(' ', QUANT[op.op], ' ', quantified);
		}
		case 'is':
			return cat(' IS ', IS[op.value]);
		case 'isdistinct':
			return cat(' IS DISTINCT FROM ', param(op.value));
		case 'in':
			if (op.values.length === 1 && op.values[0] === '') return raw(" = ANY('{}') ");
			return cat(' = ANY (', param(arrayLiteral(op.values)), ') ');
		case 'fts':
			return cat(
				' ',
				FTS[op.op],
				'(',
				op.language === null ? '' : cat(param(op.language), ', '),
				param(op.value),
				') '
			);
	}
}

export function filter(table: QI, f: TypedFilter): Fragment {
	if (f.kind === 'null-embed')
		return cat(ident(f.aggAlias), ' IS ', f.negated ? '' : 'NOT ', 'DISTINCT FROM NULL');
	return cat(f.expr.negated ? 'NOT' : '', ' ', field(table, f.field), operation(f.expr.operation));
}

export function logicTree(
	table: QI,
	tree: TypedLogicTree,
	leaf: (t: QI, f: TypedFilter) => Fragment = filter
): Fragment {
	if (tree.kind === 'stmt') return leaf(table, tree.filter);
	return cat(
		tree.negated ? 'NOT' : '',
		' (',
		join(
			tree.children.map((c) => logicTree(table, c, leaf)),
			tree.op === 'and' ? ' AND ' : ' OR '
		),
		')'
	);
}

export function joinCondition(c: JoinCondition): Fragment {
	return cat(column(c.left[0], c.left[1]), ' = ', column(c.right[0], c.right[1]));
}

function orderTerm(table: QI, term: TypedOrderTerm): Fragment {
	const f =
		term.kind === 'field'
			? field(table, term.field)
			: field(alias(term.relation), {
					name: term.field.name,
					jsonPath: term.field.jsonPath,
					toJson: false,
					toTsVector: null,
					irType: '',
					baseType: '',
					default: null,
					fullRow: false
				});
	const words = [
		term.direction === null ? '' : term.direction === 'asc' ? 'ASC' : 'DESC',
		term.nulls === null ? '' : term.nulls === 'nullsfirst' ? 'NULLS FIRST' : 'NULLS LAST'
	];
	return cat(f, ' ', words.join(' '));
}

export function orderBy(table: QI, terms: TypedOrderTerm[]): Fragment {
	if (terms.length === 0) return raw('');
	return cat(
		'ORDER BY ',
		join(
			terms.map((t) => orderTerm(table, t)),
			', '
		)
	);
}

export function limitOffset(range: Range): Fragment {
	if (isAllRange(range)) return raw('');
	const limit = rangeLimit(range);
	return cat(
		'LIMIT ',
		limit === null ? 'ALL' : param(String(limit)),
		' OFFSET ',
		param(String(rangeOffset(range)))
	);
}

export const currentSetting = (name: string) => `nullif(current_setting('${name}', true), '')`;
