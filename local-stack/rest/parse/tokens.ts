// The lexical pieces of PostgREST's query-string grammar (ApiRequest/QueryParams.hs): field
// names (bare, dashed or double-quoted), identifiers for casts, JSON paths `->`/`->>` and the
// `.` delimiter, with upstream's labels so that errors read the same.
import {
	alt,
	anyChar,
	as,
	attempt,
	bind,
	char,
	digit,
	eof,
	label,
	left,
	letter,
	lookAhead,
	many,
	many1,
	map,
	noneOf,
	notFollowedBy,
	oneOf,
	option,
	right,
	sepBy1,
	showChar,
	string
} from './parsec.ts';
import type { Parser } from './parsec.ts';
import type { EmbedPath, Field, JsonOperand, JsonOperation, JsonPath } from './types.ts';

const strip = (text: string) => text.replace(/^\s+|\s+$/gu, '');

export const ws: Parser<string> = map(many(oneOf(' \t')), (cs) => cs.join(''));

export const lexeme = <T>(p: Parser<T>): Parser<T> => right(ws, left(p, ws));

export const delimiter: Parser<string> = label(char('.'), 'delimiter (.)');

const identifierChar = alt(letter, digit, oneOf('_ $'));

export const identifier: Parser<string> = map(many1(identifierChar), (cs) => strip(cs.join('')));

export const quotedValue: Parser<string> = right(
	char('"'),
	left(
		map(many(alt(noneOf('\\"'), right(char('\\'), anyChar))), (cs) => cs.join('')),
		char('"')
	)
);

/** `a-b-c` is one name, but `a->b` is a JSON path. */
function sepByDash(part: Parser<string>): Parser<string> {
	const dash = as(attempt(right(char('-'), notFollowedBy(char('>'), showChar))), '-');
	return map(sepBy1(part, dash), (parts) => parts.join('-'));
}

export const fieldName: Parser<string> = label(
	alt(quotedValue, sepByDash(identifier)),
	'field name (* or [a..z0..9_$])'
);

const jsonKeyIdentifier = map(many1(noneOf('(-:.,>)')), (cs) => strip(cs.join('')));

const jsonKeyName: Parser<string> = label(
	alt(quotedValue, sepByDash(jsonKeyIdentifier)),
	'any non reserved character different from: .,>()'
);

const jsonEnd: Parser<void> = alt(
	attempt(map(lookAhead(string('->')), () => undefined)),
	attempt(map(lookAhead(string('::')), () => undefined)),
	attempt(map(lookAhead(string('.')), () => undefined)),
	attempt(map(lookAhead(string(',')), () => undefined)),
	attempt(eof)
);

const jsonIndex: Parser<JsonOperand> = left(
	bind(option('+', char('-')), (sign) =>
		map(many1(digit), (ds): JsonOperand => ({ kind: 'index', index: sign + ds.join('') }))
	),
	jsonEnd
);

const jsonKey: Parser<JsonOperand> = map(jsonKeyName, (key): JsonOperand => ({ kind: 'key', key }));

const jsonArrow: Parser<'->' | '->>'> = alt(
	attempt(as(string('->>'), '->>' as const)),
	attempt(as(string('->'), '->' as const))
);

const jsonOperation: Parser<JsonOperation> = bind(jsonArrow, (arrow) =>
	map(alt(attempt(jsonIndex), attempt(jsonKey)), (operand) => ({ arrow, operand }))
);

export const jsonPath: Parser<JsonPath> = many(jsonOperation);

export const field: Parser<Field> = lexeme(
	bind(fieldName, (name) =>
		map(option([] as JsonPath, jsonPath), (path) => ({ name, jsonPath: path }))
	)
);

export const aliasSeparator: Parser<void> = right(char(':'), notFollowedBy(char(':'), showChar));

/** `columns=` and `on_conflict=`: field names separated by commas. */
export const columns: Parser<string[]> = sepBy1(fieldName, lexeme(char(',')));

/** A parameter key: `a.b.c->d` → embed path [a, b] and field c->d. */
export const treePath: Parser<{ path: EmbedPath; field: Field }> = bind(
	sepBy1(fieldName, delimiter),
	(names) =>
		map(option([] as JsonPath, jsonPath), (path) => ({
			path: names.slice(0, -1),
			field: { name: names[names.length - 1], jsonPath: path }
		}))
);
