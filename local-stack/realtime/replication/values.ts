// Turns the text of a WAL column into the JSON value Realtime sends for it, as its
// realtime.cast does (`to_jsonb(value::type)`): numbers and booleans typed, json parsed, arrays
// as JSON arrays, dates and timestamps in to_jsonb's ISO 8601 form, everything else a string.

/** The pg_type facts the conversion needs (domains resolved to their base type). */
export type TypeInfo = {
	oid: number;
	/** pg_type.typname of the column's own type (what the `columns` list shows). */
	name: string;
	/** Base type oid for domains, else the type itself. */
	baseOid: number;
	/** Element type of an array base type, 0 otherwise. */
	elemOid: number;
	delimiter: string;
	/** typtype of the base type: b base, c composite, e enum, r range, m multirange. */
	kind: string;
};

export const OID = {
	bool: 16,
	int8: 20,
	int2: 21,
	int4: 23,
	json: 114,
	float4: 700,
	float8: 701,
	date: 1082,
	timestamp: 1114,
	timestamptz: 1184,
	numeric: 1700,
	jsonb: 3802
} as const;

const NUMERIC = new Set<number>([
	OID.int2,
	OID.int4,
	OID.int8,
	OID.float4,
	OID.float8,
	OID.numeric
]);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export type TypeLookup = (oid: number) => TypeInfo | undefined;

/** `2026-01-02 03:04:05.12+00` → `2026-01-02T03:04:05.12+00:00` (JsonEncodeDateTime, XSD style). */
function isoTimestamp(text: string, withZone: boolean): string {
	if (!/^\d/.test(text)) return text; // infinity, -infinity
	const bc = text.endsWith(' BC');
	const body = bc ? text.slice(0, -3) : text;
	let out = body.replace(' ', 'T');
	if (withZone) {
		out = out.replace(/([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/, (_m, sign, h, m, s) =>
			s ? `${sign}${h}:${m ?? '00'}:${s}` : `${sign}${h}:${m ?? '00'}`
		);
	}
	return bc ? `-${out}` : out;
}

function scalar(text: string, baseOid: number): unknown {
	if (baseOid === OID.bool) return text === 't' || text === 'true';
	if (NUMERIC.has(baseOid)) return JSON_NUMBER.test(text) ? Number(text) : text;
	if (baseOid === OID.json || baseOid === OID.jsonb) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	if (baseOid === OID.timestamptz) return isoTimestamp(text, true);
	if (baseOid === OID.timestamp) return isoTimestamp(text, false);
	if (baseOid === OID.date) return text.endsWith(' BC') ? `-${text.slice(0, -3)}` : text;
	return text;
}

/**
 * Parses a Postgres array literal (`{1,2,NULL}`, `{"a b","c\"d"}`, nested `{{1},{2}}`, with an
 * optional `[1:2]=` dimension prefix) into nested arrays of element texts (null for NULL).
 */
export function parseArrayLiteral(text: string, delimiter = ','): unknown[] {
	let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
	const parseLevel = (): unknown[] => {
		if (text[i] !== '{') throw new Error(`malformed array literal: ${text}`);
		i++;
		const items: unknown[] = [];
		if (text[i] === '}') {
			i++;
			return items;
		}
		for (;;) {
			if (text[i] === '{') {
				items.push(parseLevel());
			} else if (text[i] === '"') {
				i++;
				let value = '';
				while (i < text.length && text[i] !== '"') {
					if (text[i] === '\\') i++;
					value += text[i++];
				}
				i++;
				items.push(value);
			} else {
				let value = '';
				while (i < text.length && text[i] !== delimiter && text[i] !== '}') {
					if (text[i] === '\\') i++;
					value += text[i++];
				}
				const trimmed = value.trim();
				items.push(trimmed.toUpperCase() === 'NULL' ? null : trimmed);
			}
			if (text[i] === delimiter) {
				i++;
				continue;
			}
			if (text[i] === '}') {
				i++;
				return items;
			}
			throw new Error(`malformed array literal: ${text}`);
		}
	};
	return parseLevel();
}

/** The JSON value of one column's text (null stays null). */
export function toJsonValue(
	text: string | null,
	type: TypeInfo | undefined,
	lookup: TypeLookup
): unknown {
	if (text === null) return null;
	if (!type) return text;
	if (type.elemOid !== 0) {
		const element = lookup(type.elemOid);
		const convert = (items: unknown[]): unknown[] =>
			items.map((item) =>
				Array.isArray(item) ? convert(item) : toJsonValue(item as string | null, element, lookup)
			);
		try {
			return convert(parseArrayLiteral(text, type.delimiter));
		} catch {
			return text;
		}
	}
	return scalar(text, type.baseOid);
}
