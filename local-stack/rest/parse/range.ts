// Row ranges as PostgREST keeps them (RangeQuery.hs over Data.Ranged): `limit`/`offset` per
// embed level, the `Range: 0-9` header on GET, db-max-rows, the special limit=0 range, and the
// Content-Range / 200-206-416 decision once the query ran.

/** Inclusive integer bounds; null lower = below all, null upper = above all. */
export type Range = { lower: bigint | null; upper: bigint | null; empty: boolean };

const mk = (lower: bigint | null, upper: bigint | null): Range => ({
	lower,
	upper,
	empty: lower !== null && upper !== null && upper < lower
});

export const allRange: Range = mk(0n, null);
export const emptyRange: Range = { lower: null, upper: null, empty: true };
/** `0 <= x <= -1`: what limit=0 becomes, so that it is not taken for an invalid range. */
export const limitZeroRange: Range = mk(0n, -1n);

export const rangeGeq = (n: bigint): Range => mk(n, null);
export const rangeLeq = (n: bigint): Range => mk(null, n);

export function intersect(a: Range, b: Range): Range {
	if (a.empty || b.empty) return emptyRange;
	const lower =
		a.lower === null ? b.lower : b.lower === null ? a.lower : a.lower > b.lower ? a.lower : b.lower;
	const upper =
		a.upper === null ? b.upper : b.upper === null ? a.upper : a.upper < b.upper ? a.upper : b.upper;
	return mk(lower, upper);
}

/** Data.Ranged equality: every empty range equals every other. */
export function sameRange(a: Range, b: Range): boolean {
	return (a.empty && b.empty) || (a.lower === b.lower && a.upper === b.upper);
}

export const isAllRange = (r: Range) => sameRange(r, allRange);

export function rangeLimit(r: Range): bigint | null {
	return r.lower !== null && r.upper !== null ? 1n + r.upper - r.lower : null;
}

export function rangeOffset(r: Range): bigint {
	return r.lower ?? 0n;
}

export function restrictRange(limit: bigint | null, r: Range): Range {
	if (limit === null) return r;
	return intersect(r, mk(null, rangeOffset(r) + limit - 1n));
}

export const hasLimitZero = (r: Range) => r.upper === -1n;

export function convertToLimitZeroRange(range: Range, fallback: Range): Range {
	return hasLimitZero(range) ? limitZeroRange : fallback;
}

/** Haskell's `readMaybe :: Integer`: optional surrounding spaces, optional minus, digits. */
export function readInteger(text: string): bigint | null {
	const m = /^\s*(-?\d+)\s*$/.exec(text);
	return m ? BigInt(m[1]) : null;
}

/** The Range request header (`0-9`, `10-`); anything else means no range. */
export function parseRangeHeader(value: string | undefined): Range {
	if (value === undefined) return allRange;
	const m = /^([0-9]+)-([0-9]*)$/.exec(value);
	if (!m) return allRange;
	const lower = rangeGeq(BigInt(m[1]));
	const upper = m[2] === '' ? allRange : rangeLeq(BigInt(m[2]));
	return intersect(lower, upper);
}

/** `Content-Range` value: `0-9/100`, `*\/100` when nothing is in range, total `*` when unknown. */
export function contentRange(lower: bigint, upper: bigint, total: bigint | null): string {
	const inRange = total !== 0n && lower <= upper;
	return `${inRange ? `${lower}-${upper}` : '*'}/${total === null ? '*' : total}`;
}

/** Status and Content-Range of a read, from the rows returned and the total when counted. */
export function rangeStatus(
	topLevel: Range,
	returned: bigint,
	total: bigint | null
): { status: 200 | 206 | 416; contentRange: string } {
	const lower = rangeOffset(topLevel);
	const upper = lower + returned - 1n;
	const header = contentRange(lower, upper, total);
	if (total === null) return { status: 200, contentRange: header };
	if (lower > total) return { status: 416, contentRange: header };
	if (1n + upper - lower < total) return { status: 206, contentRange: header };
	return { status: 200, contentRange: header };
}
