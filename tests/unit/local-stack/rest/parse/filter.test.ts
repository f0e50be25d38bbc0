import { describe, expect, it } from 'vitest';
import { parseFilter, parseLogic } from '../../../../../local-stack/rest/parse/filter.ts';
import { parseOrder } from '../../../../../local-stack/rest/parse/order.ts';

const filter = (key: string, value: string, rpc = false) => {
	const result = parseFilter(key, value, rpc);
	if (!result.ok) throw new Error(result.failure.details);
	return result.value;
};
const op = (value: string) => {
	const { filter: f } = filter('c', value);
	return f.expr.kind === 'op' ? { negated: f.expr.negated, ...f.expr.operation } : f.expr;
};

describe('filters are read like PostgREST reads them', () => {
	it('reads every operator with its value', () => {
		for (const name of ['neq', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'])
			expect(op(`${name}.x`)).toEqual({ negated: false, kind: 'simple', op: name, value: 'x' });
		for (const name of ['eq', 'gte', 'gt', 'lte', 'lt', 'like', 'ilike', 'match', 'imatch'])
			expect(op(`${name}.x.y`)).toEqual({
				negated: false,
				kind: 'quant',
				op: name,
				quantifier: null,
				value: 'x.y'
			});
		expect(op('isdistinct.3')).toEqual({ negated: false, kind: 'isdistinct', value: '3' });
	});

	it('reads not., quantifiers and full-text languages', () => {
		expect(op('not.eq(any).{1,2}')).toEqual({
			negated: true,
			kind: 'quant',
			op: 'eq',
			quantifier: 'any',
			value: '{1,2}'
		});
		expect(op('like(all).{a*}')).toMatchObject({ quantifier: 'all' });
		expect(op('fts(english).cat & dog')).toEqual({
			negated: false,
			kind: 'fts',
			op: 'fts',
			language: 'english',
			value: 'cat & dog'
		});
		expect(op('wfts.x')).toMatchObject({ op: 'wfts', language: null });
	});

	it('reads is values case-insensitively', () => {
		expect(op('is.NULL')).toMatchObject({ kind: 'is', value: 'null' });
		expect(op('is.not_null')).toMatchObject({ kind: 'is', value: 'not_null' });
		expect(op('not.is.True')).toMatchObject({ negated: true, kind: 'is', value: 'true' });
		expect(parseFilter('c', 'is.maybe', false).ok).toBe(false);
	});

	it('reads in lists with quoted values holding commas, quotes and parentheses', () => {
		expect(op('in.(1,"a,b","say \\"hi\\"", spaced )')).toEqual({
			negated: false,
			kind: 'in',
			values: ['1', 'a,b', 'say "hi"', ' spaced ']
		});
		expect(op('in.()')).toEqual({ negated: false, kind: 'in', values: [''] });
	});

	it('puts the embed path and JSON path of the key apart', () => {
		expect(filter('books.metadata->>a', 'eq.1')).toMatchObject({
			path: ['books'],
			filter: { field: { name: 'metadata', jsonPath: [{ arrow: '->>' }] } }
		});
	});

	it('takes a value without an operator as a function argument on GET /rpc only', () => {
		expect(filter('name', 'Ada', true).filter.expr).toEqual({ kind: 'noop', value: 'Ada' });
		expect(parseFilter('name', 'Ada', false).ok).toBe(false);
	});
});

describe('logic trees', () => {
	const tree = (key: string, value: string) => {
		const result = parseLogic(key, value);
		if (!result.ok) throw new Error(result.failure.details);
		return result.value;
	};

	it('reads nested and/or with negations, quoted values and arrays', () => {
		const { path, tree: t } = tree(
			'or',
			'(a.eq.1,not.and(b.gt.2,c.in.(1,2)),d.cs.{x,y},e.eq."p,q")'
		);
		expect(path).toEqual([]);
		expect(t).toMatchObject({ kind: 'expr', op: 'or', negated: false });
		if (t.kind !== 'expr') throw new Error('not an expression');
		expect(t.children).toHaveLength(4);
		expect(t.children[1]).toMatchObject({ kind: 'expr', op: 'and', negated: true });
		expect(t.children[2]).toMatchObject({ filter: { expr: { operation: { value: '{x,y}' } } } });
		expect(t.children[3]).toMatchObject({ filter: { expr: { operation: { value: 'p,q' } } } });
	});

	it('reads not.or and embedded logic keys', () => {
		expect(tree('not.or', '(a.eq.1)').tree).toMatchObject({ negated: true, op: 'or' });
		expect(tree('books.not.and', '(a.eq.1,b.eq.2)')).toMatchObject({
			path: ['books'],
			tree: { negated: true, op: 'and' }
		});
	});
});

describe('order', () => {
	const order = (value: string, key = 'order') => {
		const result = parseOrder(key, value);
		if (!result.ok) throw new Error(result.failure.details);
		return result.value;
	};

	it('reads directions, nulls, JSON paths and related orders', () => {
		expect(order('a.desc.nullslast,b,data->>x.asc,authors(name).desc').terms).toEqual([
			{ kind: 'field', field: { name: 'a', jsonPath: [] }, direction: 'desc', nulls: 'nullslast' },
			{ kind: 'field', field: { name: 'b', jsonPath: [] }, direction: null, nulls: null },
			{
				kind: 'field',
				field: { name: 'data', jsonPath: [{ arrow: '->>', operand: { kind: 'key', key: 'x' } }] },
				direction: 'asc',
				nulls: null
			},
			{
				kind: 'relation',
				relation: 'authors',
				field: { name: 'name', jsonPath: [] },
				direction: 'desc',
				nulls: null
			}
		]);
		expect(order('id.nullsfirst', 'books.order')).toMatchObject({
			path: ['books'],
			terms: [{ nulls: 'nullsfirst' }]
		});
	});
});
