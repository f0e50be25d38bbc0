import { describe, expect, it } from 'vitest';
import { parseSelect } from '../../../../../local-stack/rest/parse/select.ts';
import type { SelectTree } from '../../../../../local-stack/rest/parse/types.ts';

const ok = (value: string): SelectTree[] => {
	const result = parseSelect(value);
	if (!result.ok) throw new Error(result.failure.details);
	return result.value;
};
const field = (name: string, extra: Record<string, unknown> = {}) => ({
	item: {
		kind: 'field',
		field: { name, jsonPath: [] },
		aggregate: null,
		aggregateCast: null,
		cast: null,
		alias: null,
		...extra
	},
	children: []
});

describe('select= is read into a tree like PostgREST reads it', () => {
	it('reads columns, the star and an empty select', () => {
		expect(ok('id,name')).toEqual([field('id'), field('name')]);
		expect(ok('*')).toEqual([field('*')]);
		expect(ok('')).toEqual([]);
	});

	it('reads aliases and casts', () => {
		expect(ok('title:name::text')).toEqual([field('name', { alias: 'title', cast: 'text' })]);
		expect(ok('price::double precision')).toEqual([field('price', { cast: 'double precision' })]);
	});

	it('reads JSON paths with keys, indexes and quoted keys', () => {
		const [tree] = ok('data->a->>"b.c",data->0');
		expect(tree.item).toMatchObject({
			field: {
				name: 'data',
				jsonPath: [
					{ arrow: '->', operand: { kind: 'key', key: 'a' } },
					{ arrow: '->>', operand: { kind: 'key', key: 'b.c' } }
				]
			}
		});
		expect(ok('data->-1')[0].item).toMatchObject({
			field: { jsonPath: [{ arrow: '->', operand: { kind: 'index', index: '-1' } }] }
		});
	});

	it('reads dashed and quoted names, keeping inner spaces', () => {
		expect(ok('my-col,"a,b"')).toEqual([field('my-col'), field('a,b')]);
		expect(ok('identifier with spaces')).toEqual([field('identifier with spaces')]);
	});

	it('reads embeds with alias, hint and join type in either order', () => {
		const [tree] = ok('w:books!books_author_id_fkey!inner(id,categories(name))');
		expect(tree.item).toEqual({
			kind: 'relation',
			relation: 'books',
			alias: 'w',
			hint: 'books_author_id_fkey',
			joinType: 'inner'
		});
		expect(tree.children).toHaveLength(2);
		expect(tree.children[1].item).toMatchObject({ kind: 'relation', relation: 'categories' });
		expect(ok('books!left!hint(id)')[0].item).toMatchObject({ hint: 'hint', joinType: 'left' });
	});

	it('reads spreads, empty embeds and embedded counts', () => {
		expect(ok('...authors(name)')[0].item).toEqual({
			kind: 'spread',
			relation: 'authors',
			hint: null,
			joinType: null
		});
		expect(ok('books()')[0]).toEqual({
			item: expect.objectContaining({ relation: 'books' }),
			children: []
		});
		expect(ok('books(count)')[0].children).toEqual([field('count')]);
	});

	it('reads count() and .sum() as aggregates (refused later, at the plan)', () => {
		expect(ok('count()')[0].item).toMatchObject({ aggregate: 'count', field: { name: '*' } });
		expect(ok('price.sum()')[0].item).toMatchObject({ aggregate: 'sum', field: { name: 'price' } });
	});

	it('ignores what follows a complete forest, as upstream does', () => {
		expect(ok('id)junk')).toEqual([field('id')]);
	});

	it('refuses casts that are not identifiers', () => {
		const result = parseSelect("id::int'");
		expect(result.ok).toBe(false);
	});
});
