// `select=` → a forest of select items (PostgREST's pFieldForest): columns with aliases, casts,
// JSON paths and aggregates, embedded relations `alias:rel!hint!inner(...)` and spreads
// `...rel(...)`. Unknown names are not an error here: the plan and Postgres decide.
import {
	alt,
	as,
	attempt,
	between,
	bind,
	char,
	choice,
	eof,
	guard,
	lazy,
	lookAhead,
	map,
	optionMaybe,
	right,
	runParser,
	sepBy,
	string
} from './parsec.ts';
import type { ParseFailure, Parser } from './parsec.ts';
import { aliasSeparator, field, fieldName, identifier, lexeme } from './tokens.ts';
import type {
	AggregateFunction,
	JoinType,
	SelectField,
	SelectItem,
	SelectRelation,
	SelectSpread,
	SelectTree
} from './types.ts';

const voidOf = <T>(p: Parser<T>): Parser<void> => map(p, () => undefined);

type EmbedParam = { hint: string } | { joinType: JoinType };

const embedParam: Parser<EmbedParam> = right(
	char('!'),
	alt<EmbedParam>(
		attempt(as(string('left'), { joinType: 'left' as const })),
		attempt(as(string('inner'), { joinType: 'inner' as const })),
		attempt(map(fieldName, (hint) => ({ hint })))
	)
);

const embedParams: Parser<{ hint: string | null; joinType: JoinType | null }> = bind(
	optionMaybe(embedParam),
	(first) =>
		map(optionMaybe(embedParam), (second) => {
			const pick = <K extends 'hint' | 'joinType'>(key: K) => {
				for (const p of [first, second]) if (p && key in p) return (p as Record<K, string>)[key];
				return null;
			};
			return { hint: pick('hint'), joinType: pick('joinType') as JoinType | null };
		})
);

const optionalAlias: Parser<string | null> = optionMaybe(
	attempt(bind(fieldName, (name) => as(aliasSeparator, name)))
);

const openParen = attempt(voidOf(lookAhead(string('('))));

const relationSelect: Parser<SelectRelation> = lexeme(
	bind(optionalAlias, (alias) =>
		bind(fieldName, (relation) =>
			right(
				guard(relation !== 'count'),
				bind(embedParams, ({ hint, joinType }) =>
					as(openParen, { kind: 'relation' as const, relation, alias, hint, joinType })
				)
			)
		)
	)
);

const spreadSelect: Parser<SelectSpread> = lexeme(
	bind(right(string('...'), fieldName), (relation) =>
		bind(embedParams, ({ hint, joinType }) =>
			as(openParen, { kind: 'spread' as const, relation, hint, joinType })
		)
	)
);

const fieldEnd: Parser<void> = alt(
	attempt(voidOf(lookAhead(string(')')))),
	attempt(voidOf(lookAhead(string(',')))),
	attempt(eof)
);

const aggregation: Parser<AggregateFunction> = choice<AggregateFunction>([
	as(string('sum'), 'sum' as const),
	as(string('avg'), 'avg' as const),
	as(string('count'), 'count' as const),
	attempt(as(string('max'), 'max' as const)),
	attempt(as(string('min'), 'min' as const))
]);

const castSuffix: Parser<string | null> = optionMaybe(right(string('::'), identifier));

const fieldSelect: Parser<SelectField> = lexeme(
	alt<SelectField>(
		attempt(
			bind(string('*'), () =>
				as(fieldEnd, {
					kind: 'field' as const,
					field: { name: '*', jsonPath: [] },
					aggregate: null,
					aggregateCast: null,
					cast: null,
					alias: null
				})
			)
		),
		attempt(
			bind(optionalAlias, (alias) =>
				bind(string('count()'), () =>
					bind(castSuffix, (aggregateCast) =>
						as(fieldEnd, {
							kind: 'field' as const,
							field: { name: '*', jsonPath: [] },
							aggregate: 'count' as const,
							aggregateCast,
							cast: null,
							alias
						})
					)
				)
			)
		),
		bind(optionalAlias, (alias) =>
			bind(field, (fld) =>
				bind(castSuffix, (cast) =>
					bind(
						optionMaybe(
							attempt(
								right(
									char('.'),
									bind(aggregation, (a) => as(string('()'), a))
								)
							)
						),
						(aggregate) =>
							bind(castSuffix, (aggregateCast) =>
								as(fieldEnd, {
									kind: 'field' as const,
									field: fld,
									aggregate,
									aggregateCast,
									cast,
									alias
								})
							)
					)
				)
			)
		)
	)
);

const forest: Parser<SelectTree[]> = lazy(() => sepBy(fieldTree, lexeme(char(','))));

const children = lazy(() => between(char('('), char(')'), forest));

const fieldTree: Parser<SelectTree> = alt<SelectTree>(
	bind(attempt<SelectItem>(spreadSelect), (item) => map(children, (c) => ({ item, children: c }))),
	bind(attempt<SelectItem>(relationSelect), (item) =>
		map(children, (c) => ({ item, children: c }))
	),
	map(fieldSelect, (item): SelectTree => ({ item, children: [] }))
);

export const selectForest = forest;

/** Parses `select=`; like upstream, trailing input after a complete forest is ignored. */
export function parseSelect(
	value: string
): { ok: true; value: SelectTree[] } | { ok: false; failure: ParseFailure } {
	return runParser(selectForest, `failed to parse select parameter (${value})`, value);
}
