// Keyset paging: exact Postgres timestamps, cursors that survive a URL, and the filter text
// PostgREST reads as "older than".
import { describe, expect, it } from 'vitest';
import {
	compareKeys,
	decodeCursor,
	encodeCursor,
	olderThan,
	timeKey
} from '../../../src/lib/keyset.ts';

const ID = '0b5d8f2e-1c1a-4d7b-9a7e-2f1f3c0e9a11';

describe('timestamps', () => {
	it('keeps the microseconds Postgres writes, which Date would drop', () => {
		expect(
			timeKey('2026-09-01T10:00:00.000002+00:00') - timeKey('2026-09-01T10:00:00.000001+00:00')
		).toBe(1);
	});

	it('reads the same instant whatever the notation or the offset', () => {
		const iso = timeKey('2026-09-01T10:00:00.5Z');
		expect(timeKey('2026-09-01 10:00:00.500000+00')).toBe(iso);
		expect(timeKey('2026-09-01T12:00:00.5+02:00')).toBe(iso);
		expect(timeKey('2026-09-01T12:00:00.5+0200')).toBe(iso);
	});

	it('orders rows of the same instant by id', () => {
		const at = '2026-09-01T10:00:00+00:00';
		expect(compareKeys({ at, id: 'a' }, { at, id: 'b' })).toBeLessThan(0);
		expect(compareKeys({ at: '2026-09-01T09:00:00Z', id: 'z' }, { at, id: 'a' })).toBeLessThan(0);
	});
});

describe('cursors', () => {
	it('round-trips through encodeURIComponent and back', () => {
		const cursor = { at: '2026-09-01T10:00:00.123456+00:00', id: ID };
		const text = decodeURIComponent(encodeURIComponent(encodeCursor(cursor)));
		expect(decodeCursor(text)).toEqual(cursor);
	});

	it('refuses a cursor without a uuid or a timestamp', () => {
		expect(decodeCursor(null)).toBeNull();
		expect(decodeCursor('2026-09-01T10:00:00Z')).toBeNull();
		expect(decodeCursor(`2026-09-01T10:00:00Z~not-a-uuid`)).toBeNull();
		expect(decodeCursor(`hier~${ID}`)).toBeNull();
		expect(decodeCursor(`~${ID}`)).toBeNull();
	});

	it('writes "older than" with the timestamp quoted for the logic-tree grammar', () => {
		expect(olderThan('sent_at', { at: '2026-09-01T10:00:00+00:00', id: ID })).toBe(
			`sent_at.lt."2026-09-01T10:00:00+00:00",and(sent_at.eq."2026-09-01T10:00:00+00:00",id.lt.${ID})`
		);
	});
});
