// The query string as PostgREST reads it (ApiRequest/QueryParams.hs `parse`): `&`/`;` pairs,
// reserved keys (select, columns, on_conflict), keys ending in order/limit/offset/and/or per
// embed level, every other key a filter (or, on GET /rpc, a function argument); plus the
// canonical form upstream echoes in Content-Location.
import { pgrstErrors } from '../errors.ts';
import { parseFilter, parseLogic } from './filter.ts';
import { parseOrder } from './order.ts';
import { runParser } from './parsec.ts';
import type { ParseFailure } from './parsec.ts';
import {
	allRange,
	rangeGeq,
	rangeLimit,
	rangeOffset,
	readInteger,
	restrictRange
} from './range.ts';
import type { Range } from './range.ts';
import { parseSelect } from './select.ts';
import { columns as columnsParser } from './tokens.ts';
import type { EmbedPath, Filter, LogicTree, OrderTerm, SelectTree } from './types.ts';

export type QueryParams = {
	/** Parameters sorted by key, repeated keys merged with commas (Content-Location). */
	canonical: string;
	/** GET /rpc arguments: parameters whose value is not a filter expression. */
	rpcParams: [string, string][];
	/** limit/offset per key: `limit` for the root, `rel.limit` for an embed. */
	ranges: Map<string, Range>;
	order: { path: EmbedPath; terms: OrderTerm[] }[];
	logic: { path: EmbedPath; tree: LogicTree }[];
	columns: string[] | null;
	select: SelectTree[];
	filters: { path: EmbedPath; filter: Filter }[];
	filtersRoot: Filter[];
	filtersNotRoot: { path: EmbedPath; filter: Filter }[];
	filterFields: Set<string>;
	onConflict: string[] | null;
};

/** http-types' urlDecode with '+' as space; malformed escapes stay as they are. */
function urlDecode(text: string): string {
	const bytes: number[] = [];
	const raw = Buffer.from(text.replaceAll('+', ' '), 'utf8');
	for (let i = 0; i < raw.length; i++) {
		const b = raw[i];
		if (
			b === 0x25 &&
			i + 2 < raw.length &&
			/^[0-9a-fA-F]{2}$/.test(raw.toString('latin1', i + 1, i + 3))
		) {
			bytes.push(parseInt(raw.toString('latin1', i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(b);
	}
	return Buffer.from(bytes).toString('utf8');
}

/** Network.HTTP.Base.urlEncode over UTF-8 bytes. */
function urlEncode(text: string): string {
	let out = '';
	for (const b of Buffer.from(text, 'utf8')) {
		const c = String.fromCharCode(b);
		out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/** parseQueryReplacePlus: pairs split on `&` and `;`, value null when there is no `=`. */
export function splitQuery(query: string): [string, string | null][] {
	const text = query.startsWith('?') ? query.slice(1) : query;
	if (text === '') return [];
	return text.split(/[&;]/).map((pair) => {
		const eq = pair.indexOf('=');
		return eq < 0
			? [urlDecode(pair), null]
			: [urlDecode(pair.slice(0, eq)), urlDecode(pair.slice(eq + 1))];
	});
}

function canonicalForm(pairs: [string, string | null][]): string {
	const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	const groups = new Map<string, string[]>();
	for (const [k, v] of sorted) {
		const list = groups.get(k) ?? [];
		list.push(v ?? '');
		groups.set(k, list);
	}
	return [...groups]
		.map(([k, values]) => `${urlEncode(k)}=${values.map(urlEncode).join(',')}`)
		.join('&');
}

const lastWord = (key: string) => key.split('.').at(-1)!;
const RESERVED = ['select', 'columns', 'on_conflict'];
const RESERVED_EMBEDDABLE = ['order', 'limit', 'offset', 'and', 'or'];

/**
 * Parsing is a pure function of each parameter, and clients repeat the same select, order and
 * filter strings: results (and failures) are kept in a small LRU so the Parsec-exact grammar
 * costs its price once per distinct string.
 */
const MEMO_SIZE = 2000;
const memo = new Map<string, { ok: true; value: unknown } | { ok: false; failure: ParseFailure }>();

function memoized<T>(
	key: string,
	parse: () => { ok: true; value: T } | { ok: false; failure: ParseFailure }
): { ok: true; value: T } | { ok: false; failure: ParseFailure } {
	const hit = memo.get(key);
	if (hit) {
		memo.delete(key);
		memo.set(key, hit);
		return hit as { ok: true; value: T } | { ok: false; failure: ParseFailure };
	}
	const result = parse();
	memo.set(key, result);
	if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
	return result;
}

function fail(failure: ParseFailure): never {
	throw pgrstErrors.queryParam(failure.message, failure.details);
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; failure: ParseFailure }): T {
	if (!result.ok) fail(result.failure);
	return result.value;
}

/** Throws PGRST100 with upstream's message on the first malformed parameter, in its order. */
export function parseQueryParams(query: string, isRpcRead: boolean): QueryParams {
	const pairs = splitQuery(query).filter(([k]) => k !== 'apikey');
	const nonEmpty = pairs.filter((p): p is [string, string] => p[1] !== null);
	const lookup = (name: string) => pairs.find(([k]) => k === name)?.[1] ?? null;

	const orderPairs = nonEmpty.filter(([k]) => lastWord(k) === 'order');
	const logicPairs = nonEmpty.filter(([k]) => ['and', 'or'].includes(lastWord(k)));
	const limitPairs = nonEmpty.filter(([k]) => lastWord(k) === 'limit');
	const offsetPairs = nonEmpty
		.filter(([k]) => lastWord(k) === 'offset')
		.map(([k, v]): [string, string] => [[...k.split('.').slice(0, -1), 'limit'].join('.'), v]);
	const filterPairs = nonEmpty.filter(
		([k]) => !RESERVED_EMBEDDABLE.includes(lastWord(k)) && !RESERVED.includes(k)
	);

	const order = orderPairs.map(([k, v]) =>
		unwrap(memoized(`o\u0000${k}\u0000${v}`, () => parseOrder(k, v)))
	);
	const logic = logicPairs.map(([k, v]) =>
		unwrap(memoized(`l\u0000${k}\u0000${v}`, () => parseLogic(k, v)))
	);
	const columnsValue = lookup('columns');
	const columns =
		columnsValue === null
			? null
			: unwrap(
					runParser(
						columnsParser,
						`failed to parse columns parameter (${columnsValue})`,
						columnsValue
					)
				);
	const selectValue = lookup('select') ?? '*';
	const select = unwrap(memoized(`s\u0000${selectValue}`, () => parseSelect(selectValue)));
	const parsedFilters = filterPairs.map(([k, v]) =>
		unwrap(
			memoized(`f${isRpcRead ? 1 : 0}\u0000${k}\u0000${v}`, () => parseFilter(k, v, isRpcRead))
		)
	);
	const onConflictValue = lookup('on_conflict');
	const onConflict =
		onConflictValue === null
			? null
			: unwrap(
					runParser(
						columnsParser,
						`failed to parse on_conflict parameter (${onConflictValue})`,
						onConflictValue
					)
				);

	const filters = parsedFilters.filter((f) => f.filter.expr.kind === 'op');
	const rpcParams = parsedFilters
		.filter((f) => f.filter.expr.kind === 'noop')
		.map((f): [string, string] => [
			f.filter.field.name,
			(f.filter.expr as { kind: 'noop'; value: string }).value
		]);

	const limits = new Map<string, Range>();
	for (const [k, v] of limitPairs) limits.set(k, restrictRange(readInteger(v), allRange));
	const offsets = new Map<string, Range>();
	for (const [k, v] of offsetPairs) {
		const n = readInteger(v);
		offsets.set(k, n === null ? allRange : rangeGeq(n));
	}
	const ranges = new Map<string, Range>(limits);
	for (const [k, offsetRange] of offsets) {
		const limitRange = limits.get(k);
		if (!limitRange) {
			ranges.set(k, offsetRange);
			continue;
		}
		const l = rangeLimit(limitRange) ?? 0n;
		const o = rangeOffset(offsetRange);
		const upper = o + l - 1n;
		ranges.set(k, { lower: o, upper, empty: upper < o });
	}

	return {
		canonical: canonicalForm(pairs),
		rpcParams,
		ranges,
		order,
		logic,
		columns,
		select,
		filters,
		filtersRoot: filters.filter((f) => f.path.length === 0).map((f) => f.filter),
		filtersNotRoot: filters.filter((f) => f.path.length > 0),
		filterFields: new Set(filterPairs.map(([k]) => k)),
		onConflict
	};
}
