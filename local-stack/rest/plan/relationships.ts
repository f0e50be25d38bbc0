// Which relationship an embed means (PostgREST's findRel): by target table or view, by foreign
// key constraint or column name, disambiguated with a `!hint` (constraint, column of either side,
// junction table); none → PGRST200 with a "Perhaps you meant" hint, several → PGRST201 listing
// them with the hints that would pick each one.
import { pgrstErrors } from '../errors.ts';
import type { RelationshipSummary } from '../errors.ts';
import { bestMatch } from './fuzzy.ts';
import { relKey } from './schema-cache.ts';
import type { Cardinality, Relationship, SchemaCache } from './schema-cache.ts';

const singleColumn = (card: Cardinality, side: 0 | 1): string | null =>
	card.kind !== 'm2m' && card.columns.length === 1 ? card.columns[0][side] : null;

function matches(rel: Relationship, target: string, hint: string | null): boolean {
	if (rel.kind === 'computed') return target === rel.function.name;
	const card = rel.cardinality;
	const constraint = card.kind === 'm2m' ? null : card.constraint;
	if (rel.isSelf) {
		if (hint === null)
			return (
				(target === rel.foreignTable.name && card.kind === 'o2m') ||
				(singleColumn(card, 0) === target && card.kind === 'm2o')
			);
		return (
			target === rel.foreignTable.name && card.kind === 'o2m' && singleColumn(card, 1) === hint
		);
	}
	if (hint === null)
		return (
			target === rel.foreignTable.name ||
			(constraint === target && !rel.foreignTableIsView) ||
			(singleColumn(card, 0) === target && !rel.foreignTableIsView)
		);
	return (
		target === rel.foreignTable.name &&
		(constraint === hint ||
			singleColumn(card, 0) === hint ||
			singleColumn(card, 1) === hint ||
			(card.kind === 'm2m' && card.junction.table.name === hint))
	);
}

const fmtCols = (cols: string[]) => `(${cols.join(', ')})`;

export function summarize(rel: Relationship): RelationshipSummary {
	if (rel.kind === 'computed') return {} as RelationshipSummary;
	const card = rel.cardinality;
	const embedding = `${rel.table.name} with ${rel.foreignTable.name}`;
	if (card.kind === 'm2m') {
		const j = card.junction;
		return {
			cardinality: 'many-to-many',
			embedding,
			relationship: `${j.table.name} using ${j.constraint1}${fmtCols(j.sourceColumns.map(([, c]) => c))} and ${j.constraint2}${fmtCols(j.targetColumns.map(([, c]) => c))}`
		};
	}
	const names = { m2o: 'many-to-one', o2o: 'one-to-one', o2m: 'one-to-many' } as const;
	return {
		cardinality: names[card.kind],
		embedding,
		relationship: `${card.constraint} using ${rel.table.name}${fmtCols(card.columns.map(([c]) => c))} and ${rel.foreignTable.name}${fmtCols(card.columns.map(([, c]) => c))}`
	};
}

function hintFor(rel: Relationship): string {
	if (rel.kind === 'computed') return '';
	const card = rel.cardinality;
	const name = card.kind === 'm2m' ? card.junction.table.name : card.constraint;
	return `'${rel.foreignTable.name}!${name}'`;
}

function noRelationshipHint(
	cache: SchemaCache,
	parent: string,
	child: string,
	schema: string
): string | null {
	const parentRels = cache.relationships.get(relKey({ schema, name: parent }, schema));
	if (parentRels) {
		const children = parentRels.map((r) => r.foreignTable.name);
		if (children.includes(child)) return null;
		const match = bestMatch(children, child);
		return match === null ? null : `Perhaps you meant '${match}' instead of '${child}'.`;
	}
	const parents = [...cache.relationships.keys()]
		.map((k) => k.split('\u0000'))
		.filter(([, , foreignSchema]) => foreignSchema === schema)
		.map(([, name]) => name);
	const match = bestMatch(parents, parent);
	return match === null ? null : `Perhaps you meant '${match}' instead of '${parent}'.`;
}

export function findRelationship(
	cache: SchemaCache,
	schema: string,
	origin: string,
	target: string,
	hint: string | null
): Relationship {
	const candidates = cache.relationships.get(relKey({ schema, name: origin }, schema)) ?? [];
	const found = candidates.filter((rel) => matches(rel, target, hint));
	if (found.length === 1) return found[0];
	if (found.length === 0)
		throw pgrstErrors.noRelationship(
			origin,
			target,
			hint ?? undefined,
			schema,
			noRelationshipHint(cache, origin, target, schema)
		);
	throw pgrstErrors.ambiguousRelationship(origin, target, found.map(summarize), found.map(hintFor));
}
