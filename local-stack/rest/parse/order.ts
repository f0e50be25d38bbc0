// `order=` (PostgREST's pOrder): `col.desc.nullslast`, JSON paths `data->a.asc`, and ordering
// by a column of a to-one embed, `rel(col).desc`; `rel.order=` orders inside an embed.
import {
	alt,
	as,
	attempt,
	between,
	bind,
	char,
	eof,
	lookAhead,
	map,
	optionMaybe,
	right,
	runParser,
	sepBy1,
	string
} from './parsec.ts';
import type { ParseFailure, Parser } from './parsec.ts';
import { delimiter, field, fieldName, lexeme, treePath } from './tokens.ts';
import type { EmbedPath, OrderDirection, OrderNulls, OrderTerm } from './types.ts';

const end: Parser<void> = alt(attempt(map(lookAhead(char(',')), () => undefined)), attempt(eof));

const nulls: Parser<OrderNulls> = alt(
	attempt(right(delimiter, as(string('nullsfirst'), 'nullsfirst' as const))),
	attempt(right(delimiter, as(string('nullslast'), 'nullslast' as const)))
);

const direction: Parser<OrderDirection> = alt(
	attempt(right(delimiter, as(string('asc'), 'asc' as const))),
	attempt(right(delimiter, as(string('desc'), 'desc' as const)))
);

/** `optionMaybe nulls <* end <|> end $> Nothing` */
const nullsThenEnd: Parser<OrderNulls | null> = alt(
	bind(optionMaybe(nulls), (n) => as(end, n)),
	as(end, null)
);

const orderTerm: Parser<OrderTerm> = bind(field, (fld) =>
	bind(optionMaybe(direction), (dir) =>
		map(nullsThenEnd, (n): OrderTerm => ({ kind: 'field', field: fld, direction: dir, nulls: n }))
	)
);

const orderRelationTerm: Parser<OrderTerm> = bind(fieldName, (relation) =>
	bind(between(char('('), char(')'), field), (fld) =>
		bind(optionMaybe(direction), (dir) =>
			map(nullsThenEnd, (n): OrderTerm => ({
				kind: 'relation',
				relation,
				field: fld,
				direction: dir,
				nulls: n
			}))
		)
	)
);

export const order: Parser<OrderTerm[]> = sepBy1(
	lexeme(alt(attempt(orderRelationTerm), orderTerm)),
	char(',')
);

export function parseOrder(
	key: string,
	value: string
):
	| { ok: true; value: { path: EmbedPath; terms: OrderTerm[] } }
	| { ok: false; failure: ParseFailure } {
	const path = runParser(treePath, `failed to parse tree path (${key})`, key);
	if (!path.ok) return path;
	const terms = runParser(order, `failed to parse order (${value})`, value);
	if (!terms.ok) return terms;
	return { ok: true, value: { path: path.value.path, terms: terms.value } };
}
