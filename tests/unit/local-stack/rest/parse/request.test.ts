import { describe, expect, it } from 'vitest';
import {
	decodeMediaType,
	parseAccept,
	mediaTypeName
} from '../../../../../local-stack/rest/parse/media-type.ts';
import { readPayload } from '../../../../../local-stack/rest/parse/payload.ts';
import {
	parsePreferences,
	preferenceApplied
} from '../../../../../local-stack/rest/parse/prefer.ts';
import { splitQuery } from '../../../../../local-stack/rest/parse/query-params.ts';
import {
	contentRange,
	parseRangeHeader,
	rangeStatus
} from '../../../../../local-stack/rest/parse/range.ts';
import { apiRequest } from '../request.ts';

const throwsPgrst = (work: () => unknown, expected: Record<string, unknown>) => {
	try {
		work();
	} catch (error) {
		expect(error).toMatchObject(expected);
		return;
	}
	throw new Error('expected a PostgREST error');
};

describe('the request line', () => {
	it('maps methods and paths to actions', () => {
		expect(apiRequest('GET', '/books').action).toEqual({
			kind: 'read',
			target: { schema: 'public', name: 'books' },
			headersOnly: false
		});
		expect(apiRequest('HEAD', '/books').action).toMatchObject({ kind: 'read', headersOnly: true });
		expect(apiRequest('PUT', '/books?id=eq.1', {}, '{}').action).toMatchObject({
			kind: 'mutate',
			mutation: 'upsert'
		});
		expect(apiRequest('POST', '/rpc/f', {}, '{}').action).toMatchObject({
			kind: 'call',
			invoke: 'post'
		});
		expect(apiRequest('OPTIONS', '/rpc/f').action).toMatchObject({ kind: 'routine-info' });
		expect(apiRequest('GET', '/rpc').action).toMatchObject({
			kind: 'read',
			target: { name: 'rpc' }
		});
	});

	it('refuses nested paths, other methods on /rpc and unknown methods', () => {
		throwsPgrst(() => apiRequest('GET', '/a/b'), { code: 'PGRST125', status: 404 });
		throwsPgrst(() => apiRequest('DELETE', '/rpc/f'), {
			code: 'PGRST101',
			message: 'Cannot use the DELETE method on RPC'
		});
		throwsPgrst(() => apiRequest('PROPFIND', '/books'), { code: 'PGRST117' });
	});

	it('picks the schema from Accept-Profile on reads and Content-Profile on writes', () => {
		expect(apiRequest('GET', '/shelves', { 'Accept-Profile': 'library' })).toMatchObject({
			schema: 'library',
			negotiatedByProfile: true
		});
		expect(
			apiRequest('POST', '/shelves', { 'Content-Profile': 'library', 'Accept-Profile': 'x' }, '{}')
				.schema
		).toBe('library');
		expect(apiRequest('GET', '/books').negotiatedByProfile).toBe(true);
		throwsPgrst(() => apiRequest('GET', '/books', { 'Accept-Profile': 'private' }), {
			code: 'PGRST106',
			hint: 'Only the following schemas are exposed: public, library'
		});
	});

	it('splits the query on & and ; and decodes + as space', () => {
		expect(splitQuery('a=1;b=x+y&c&d=%41%zz')).toEqual([
			['a', '1'],
			['b', 'x y'],
			['c', null],
			['d', 'A%zz']
		]);
	});

	it('keeps the canonical query for Content-Location, sorted and merged', () => {
		expect(apiRequest('GET', '/books?z=eq.1&select=id,title&z=lt.3').query.canonical).toBe(
			'select=id%2Ctitle&z=eq.1,lt.3'
		);
	});

	it('keeps limit and offset per embed level', () => {
		const request = apiRequest(
			'GET',
			'/authors?select=*,books(*)&limit=5&offset=10&books.limit=2&books.offset=1'
		);
		expect(request.topLevelRange).toEqual({ lower: 10n, upper: 14n, empty: false });
		expect(request.ranges.get('books.limit')).toEqual({ lower: 1n, upper: 2n, empty: false });
	});

	it('intersects the Range header with limit on GET only', () => {
		expect(apiRequest('GET', '/books?limit=5', { Range: '2-20' }).topLevelRange).toEqual({
			lower: 2n,
			upper: 4n,
			empty: false
		});
		expect(apiRequest('DELETE', '/books?id=eq.1', { Range: '2-20' }).topLevelRange).toEqual({
			lower: 0n,
			upper: null,
			empty: false
		});
		throwsPgrst(() => apiRequest('PUT', '/books?id=eq.1&limit=1', {}, '{}'), { code: 'PGRST114' });
	});
});

describe('Prefer', () => {
	const prefs = (header: string) =>
		parsePreferences(header, { allowTxOverride: false, timezones: new Set(['UTC']) });

	it('takes the first value of each preference and keeps the unknown ones', () => {
		const p = prefs(
			'return=minimal, return=representation,count=exact ,bogus, timezone=Mars/Base, max-affected=5'
		);
		expect(p).toMatchObject({
			representation: 'minimal',
			count: 'exact',
			maxAffected: 5n,
			timezone: null
		});
		expect(p.invalid).toEqual(['bogus', 'timezone=Mars/Base']);
	});

	it('accepts tx= without applying it when the database does not allow the override', () => {
		const p = prefs('tx=rollback');
		expect(p.transaction).toBeNull();
		expect(p.invalid).toEqual([]);
	});

	it('lists applied preferences in upstream order', () => {
		const p = prefs(
			'count=exact, handling=strict, max-affected=2, resolution=merge-duplicates, return=representation, missing=default, timezone=UTC'
		);
		expect(preferenceApplied(p)).toBe(
			'resolution=merge-duplicates, missing=default, return=representation, count=exact, handling=strict, timezone=UTC, max-affected=2'
		);
	});
});

describe('media types', () => {
	it('decodes the vendor types with their parameters, case-insensitively', () => {
		expect(decodeMediaType('application/vnd.pgrst.object+json;nulls=stripped')).toEqual({
			kind: 'singular',
			stripNulls: true
		});
		expect(decodeMediaType('ApplicatIon/vnd.PgRsT.object+json')).toEqual({
			kind: 'singular',
			stripNulls: false
		});
		expect(decodeMediaType('application/vnd.pgrst.array+json')).toEqual({ kind: 'json' });
		expect(decodeMediaType('undefined')).toEqual({ kind: 'other', name: 'undefined' });
		expect(
			mediaTypeName(
				decodeMediaType('application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|wal')
			)
		).toBe('application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|wal');
	});

	it('orders Accept by q value, then by specificity', () => {
		expect(
			parseAccept('text/*;q=0.5, */*;q=0.1, text/csv, application/json;q=0.9').map(mediaTypeName)
		).toEqual(['text/csv', 'application/json', 'text/*', '*/*']);
		expect(parseAccept(undefined)).toEqual([{ kind: 'any' }]);
	});
});

describe('bodies', () => {
	const target = { isRoutine: false, parse: true, allowColumns: true };
	const json = { kind: 'json' } as const;

	it('reads objects and uniform arrays, keys sorted like a set', () => {
		expect(readPayload(Buffer.from('{"b":1,"a":2}'), json, null, target)).toMatchObject({
			columns: ['a', 'b']
		});
		expect(readPayload(Buffer.from('[]'), json, null, target)).toMatchObject({
			columns: [],
			payload: { raw: '[]' }
		});
	});

	it('refuses arrays whose keys differ, unless columns= says which to take', () => {
		expect(() => readPayload(Buffer.from('[{"a":1},{"b":1}]'), json, null, target)).toThrow(
			'All object keys must match'
		);
		expect(readPayload(Buffer.from('[{"a":1},{"b":1}]'), json, ['b', 'a'], target)).toMatchObject({
			payload: { kind: 'raw-json' },
			columns: ['a', 'b']
		});
	});

	it('refuses invalid JSON and bodies of other types', () => {
		expect(() => readPayload(Buffer.from('{'), json, null, target)).toThrow(
			'Empty or invalid json'
		);
		expect(() => readPayload(Buffer.from('x'), { kind: 'text' }, null, target)).toThrow(
			'Content-Type not acceptable: text/plain'
		);
	});

	it('reads CSV with a header, NULL as null', () => {
		const { payload } = readPayload(
			Buffer.from('a,b\n1,"x,y"\n2,NULL\n'),
			{ kind: 'csv' },
			null,
			target
		);
		expect(JSON.parse((payload as { raw: string }).raw)).toEqual([
			{ a: '1', b: 'x,y' },
			{ a: '2', b: null }
		]);
	});
});

describe('ranges', () => {
	it('reads Range headers and ignores malformed ones', () => {
		expect(parseRangeHeader('0-9')).toEqual({ lower: 0n, upper: 9n, empty: false });
		expect(parseRangeHeader('10-')).toEqual({ lower: 10n, upper: null, empty: false });
		expect(parseRangeHeader('items=0-9')).toEqual({ lower: 0n, upper: null, empty: false });
		expect(parseRangeHeader('5-2').empty).toBe(true);
	});

	it('writes Content-Range and picks 200 / 206 / 416 as upstream', () => {
		expect(contentRange(0n, 9n, 100n)).toBe('0-9/100');
		expect(contentRange(0n, -1n, null)).toBe('*/*');
		expect(contentRange(0n, 4n, 0n)).toBe('*/0');
		const page = { lower: 0n, upper: 1n, empty: false };
		expect(rangeStatus(page, 2n, 5n)).toEqual({ status: 206, contentRange: '0-1/5' });
		expect(rangeStatus(page, 2n, 2n).status).toBe(200);
		expect(rangeStatus({ lower: 10n, upper: null, empty: false }, 0n, 5n).status).toBe(416);
	});
});
