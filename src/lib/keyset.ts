// Keyset pagination on (timestamp, id), newest first, as the messages and notifications lists
// page: exact timestamps (Postgres keeps microseconds, Date only milliseconds), a readable
// ?before=<timestamp>~<id> cursor, and the PostgREST filter that reads "older than the cursor".

export type Cursor = { at: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Microseconds since the epoch of a Postgres timestamptz text ("2026-09-01 10:00:00.123456+00"
 * or ISO), so rows written by one transaction (same now()) still order by id after it.
 */
export function timeKey(value: string): number {
	const match = /^(.*?[T ]\d{2}:\d{2}:\d{2})(?:\.(\d+))?(.*)$/.exec(value);
	if (!match) return Date.parse(value) * 1000;
	const [, head, fraction = '', zone] = match;
	const base = Date.parse(`${head.replace(' ', 'T')}${normaliseZone(zone)}`);
	const micros = Number((fraction + '000000').slice(0, 6));
	return base * 1000 + micros;
}

function normaliseZone(zone: string): string {
	if (!zone || zone === 'Z') return 'Z';
	// "+00" and "+0530" are valid Postgres output; Date.parse wants "+00:00".
	const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
	return match ? `${match[1]}${match[2]}:${match[3] ?? '00'}` : zone;
}

/** Oldest first by (at, id); negate for newest first. */
export function compareKeys(a: { at: string; id: string }, b: { at: string; id: string }): number {
	const byTime = timeKey(a.at) - timeKey(b.at);
	if (byTime !== 0) return byTime;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function encodeCursor(cursor: Cursor): string {
	return `${cursor.at}~${cursor.id}`;
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
	if (!value) return null;
	const split = value.lastIndexOf('~');
	if (split <= 0) return null;
	const at = value.slice(0, split);
	const id = value.slice(split + 1);
	if (!UUID.test(id) || Number.isNaN(timeKey(at))) return null;
	return { at, id: id.toLowerCase() };
}

/**
 * The PostgREST `or` filter for rows strictly before the cursor in (column, id) order. The
 * timestamp is double-quoted: it holds ':' and '+', which the logic-tree grammar reserves.
 */
export function olderThan(column: string, cursor: Cursor): string {
	const at = `"${cursor.at.replace(/(["\\])/g, '\\$1')}"`;
	return `${column}.lt.${at},and(${column}.eq.${at},id.lt.${cursor.id})`;
}
