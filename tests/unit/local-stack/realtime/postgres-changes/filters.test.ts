import { describe, expect, it } from 'vitest';
import {
	matchesFilters,
	paramsToLog,
	parseFilters,
	parseSubscriptionParams
} from '../../../../../local-stack/realtime/postgres-changes/filters.ts';

type Column = { text: string | null; typeName: string };
const row = (columns: Record<string, Column>) => new Map(Object.entries(columns));
const filters = (text: string) => {
	const parsed = parseFilters(text);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.filters;
};

describe('parsing subscription params', () => {
	it('reads schema, table, event and a filter, upper-casing the event', () => {
		expect(
			parseSubscriptionParams({
				event: 'insert',
				schema: 'public',
				table: 'm',
				filter: 'subject=eq.hey'
			})
		).toEqual({
			ok: true,
			params: {
				action: 'INSERT',
				schema: 'public',
				table: 'm',
				filters: [{ column: 'subject', op: 'eq', value: 'hey', negate: false }],
				select: null
			}
		});
	});

	it('defaults: any event, table * for a schema alone, schema public for a table alone', () => {
		expect(parseSubscriptionParams({ schema: 'public' })).toMatchObject({
			params: { action: '*', table: '*' }
		});
		expect(parseSubscriptionParams({ table: 'm' })).toMatchObject({
			params: { schema: 'public', table: 'm' }
		});
		expect(parseSubscriptionParams({ event: 'TRUNCATE', table: 'm' })).toMatchObject({
			params: { action: '*' }
		});
	});

	it('stores `in` values as upstream does, {a,b}', () => {
		expect(filters('subject=in.(hidee,ho)')).toEqual([
			{ column: 'subject', op: 'in', value: '{hidee,ho}', negate: false }
		]);
	});

	it('reads not. negation, comma-separated AND, and double-quoted values', () => {
		expect(filters('id=gt.0,id=lt.100')).toHaveLength(2);
		expect(filters('subject=not.like.hey%')).toEqual([
			{ column: 'subject', op: 'like', value: 'hey%', negate: true }
		]);
		expect(filters('name=eq."a,b"')).toEqual([
			{ column: 'name', op: 'eq', value: 'a,b', negate: false }
		]);
		expect(filters('   ')).toEqual([]);
	});

	it("refuses what upstream refuses, with upstream's messages", () => {
		expect(
			parseSubscriptionParams({ schema: 'public', table: 'm', filter: 'subject=foo.hey' })
		).toEqual({
			ok: false,
			message: 'Error parsing `filter` params: ["foo", "hey"]'
		});
		expect(parseSubscriptionParams({ schema: 'public', table: 'm', filter: 'undefined' })).toEqual({
			ok: false,
			message: 'Error parsing `filter` params: ["undefined"]'
		});
		expect(parseFilters('id=in.1,2')).toEqual({
			ok: false,
			message: '`in` filter value must be wrapped by parentheses'
		});
		expect(parseFilters('id=eq.1,,id=eq.2')).toEqual({
			ok: false,
			message: 'filter must not contain empty segments (check for extra commas)'
		});
		expect(parseSubscriptionParams({})).toEqual({
			ok: false,
			message:
				'No subscription params provided. Please provide at least a `schema` or `table` to subscribe to: %{}'
		});
	});

	it('refuses column selection on a wildcard subscription', () => {
		expect(parseSubscriptionParams({ schema: 'public', select: ['a'] })).toMatchObject({
			ok: false
		});
	});

	it('logs params the way upstream error messages quote them', () => {
		const parsed = parseSubscriptionParams({
			event: '*',
			schema: 'public',
			table: 't',
			filter: 'id=eq.1'
		});
		if (!parsed.ok) throw new Error('unexpected');
		expect(paramsToLog(parsed.params)).toBe(
			'event: *, schema: public, table: t, filters: [{"id", "eq", "1", false}], select: nil'
		);
	});
});

describe('matching a row against filters', () => {
	const score = row({
		points: { text: '20.50', typeName: 'numeric' },
		player: { text: 'Zoé', typeName: 'text' },
		active: { text: 't', typeName: 'bool' },
		id: { text: 'A1B2C3D4-0000-0000-0000-000000000000'.toLowerCase(), typeName: 'uuid' },
		played_on: { text: '2026-03-01', typeName: 'date' },
		note: { text: null, typeName: 'text' }
	});

	it('compares numbers as numbers, not as text', () => {
		expect(matchesFilters(filters('points=gt.3'), score)).toBe(true);
		expect(matchesFilters(filters('points=eq.20.5'), score)).toBe(true);
		expect(matchesFilters(filters('points=lte.20.49'), score)).toBe(false);
		expect(matchesFilters(filters('points=gte.20.5'), score)).toBe(true);
		expect(matchesFilters(filters('points=lt.100'), score)).toBe(true);
		expect(matchesFilters(filters('points=neq.20.5'), score)).toBe(false);
	});

	it('compares booleans, dates and uuids by their type', () => {
		expect(matchesFilters(filters('active=eq.true'), score)).toBe(true);
		expect(matchesFilters(filters('played_on=gt.2026-02-28'), score)).toBe(true);
		expect(matchesFilters(filters('id=eq.A1B2C3D4-0000-0000-0000-000000000000'), score)).toBe(true);
	});

	it('in, like, ilike and negation', () => {
		expect(matchesFilters(filters('player=in.(Ana,Zoé)'), score)).toBe(true);
		expect(matchesFilters(filters('points=in.(1,20.5)'), score)).toBe(true);
		expect(matchesFilters(filters('player=like.Z%'), score)).toBe(true);
		expect(matchesFilters(filters('player=ilike.z_É'), score)).toBe(true);
		expect(matchesFilters(filters('player=not.eq.Zoé'), score)).toBe(false);
	});

	it('every filter must hold (AND)', () => {
		expect(matchesFilters(filters('points=gt.3,active=eq.false'), score)).toBe(false);
		expect(matchesFilters(filters('points=gt.3,active=eq.true'), score)).toBe(true);
	});

	it('a null value or a column the row lacks hides the row, except for is.null', () => {
		expect(matchesFilters(filters('note=eq.x'), score)).toBe(false);
		expect(matchesFilters(filters('note=not.eq.x'), score)).toBe(false);
		expect(matchesFilters(filters('note=is.null'), score)).toBe(true);
		expect(matchesFilters(filters('missing=eq.1'), score)).toBe(false);
	});

	it('no filter lets every row through', () => {
		expect(matchesFilters([], score)).toBe(true);
	});
});
