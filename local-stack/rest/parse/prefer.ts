// The Prefer header (RFC 7240) as PostgREST v14 reads it (ApiRequest/Preferences.hs): first
// value of each preference wins, unknown ones are kept for `handling=strict` (PGRST122), and
// Preference-Applied lists what was applied in upstream's order. v14 dropped
// `params=single-object`, so it is an unknown preference like any other.

export type Preferences = {
	resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
	representation: 'full' | 'minimal' | 'headers-only' | null;
	count: 'exact' | 'planned' | 'estimated' | null;
	transaction: 'commit' | 'rollback' | null;
	missing: 'default' | 'null' | null;
	handling: 'strict' | 'lenient' | null;
	timezone: string | null;
	maxAffected: bigint | null;
	invalid: string[];
};

const RESOLUTION = { 'resolution=merge-duplicates': 'merge-duplicates', 'resolution=ignore-duplicates': 'ignore-duplicates' } as const; // prettier-ignore
const REPRESENTATION = { 'return=representation': 'full', 'return=minimal': 'minimal', 'return=headers-only': 'headers-only' } as const; // prettier-ignore
const COUNT = { 'count=exact': 'exact', 'count=planned': 'planned', 'count=estimated': 'estimated' } as const; // prettier-ignore
const TRANSACTION = { 'tx=commit': 'commit', 'tx=rollback': 'rollback' } as const;
const MISSING = { 'missing=default': 'default', 'missing=null': 'null' } as const;
const HANDLING = { 'handling=strict': 'strict', 'handling=lenient': 'lenient' } as const;

const ACCEPTED = new Set<string>([
	...Object.keys(RESOLUTION),
	...Object.keys(REPRESENTATION),
	...Object.keys(COUNT),
	...Object.keys(TRANSACTION),
	...Object.keys(MISSING),
	...Object.keys(HANDLING)
]);

function first<T extends Record<string, string>>(values: string[], table: T): T[keyof T] | null {
	for (const value of values) if (Object.hasOwn(table, value)) return table[value as keyof T];
	return null;
}

/**
 * `allowTxOverride` is PostgREST's db-tx-end "…-allow-override"; Supabase runs with
 * `commit`, so `tx=` is accepted but ignored there.
 */
export function parsePreferences(
	header: string | string[] | undefined,
	options: { allowTxOverride: boolean; timezones: Set<string> }
): Preferences {
	const raw = header === undefined ? [] : Array.isArray(header) ? header : [header];
	const values = raw.flatMap((h) => h.split(',')).map((v) => v.trim());
	const timezoneValue = values.find((v) => v.startsWith('timezone='))?.slice('timezone='.length);
	const timezoneAccepted = timezoneValue !== undefined && options.timezones.has(timezoneValue);
	const maxAffectedValue = values
		.find((v) => v.startsWith('max-affected='))
		?.slice('max-affected='.length);
	const maxAffected =
		maxAffectedValue !== undefined && /^-?\d+$/.test(maxAffectedValue)
			? BigInt(maxAffectedValue)
			: null;
	return {
		resolution: first(values, RESOLUTION),
		representation: first(values, REPRESENTATION),
		count: first(values, COUNT),
		transaction: options.allowTxOverride ? first(values, TRANSACTION) : null,
		missing: first(values, MISSING),
		handling: first(values, HANDLING),
		timezone: timezoneAccepted ? timezoneValue : null,
		maxAffected,
		invalid: values.filter(
			(v) =>
				!ACCEPTED.has(v) &&
				(!v.startsWith('timezone=') || !timezoneAccepted) &&
				!v.startsWith('max-affected=')
		)
	};
}

const HEADER_VALUES = {
	resolution: { 'merge-duplicates': 'resolution=merge-duplicates', 'ignore-duplicates': 'resolution=ignore-duplicates' },
	missing: { default: 'missing=default', null: 'missing=null' },
	representation: { full: 'return=representation', minimal: 'return=minimal', 'headers-only': 'return=headers-only' },
	count: { exact: 'count=exact', planned: 'count=planned', estimated: 'count=estimated' },
	transaction: { commit: 'tx=commit', rollback: 'tx=rollback' },
	handling: { strict: 'handling=strict', lenient: 'handling=lenient' }
} as const; // prettier-ignore

/** Preference-Applied, in upstream's order; max-affected only with handling=strict. */
export function preferenceApplied(p: Preferences): string | null {
	const parts: string[] = [];
	if (p.resolution) parts.push(HEADER_VALUES.resolution[p.resolution]);
	if (p.missing) parts.push(HEADER_VALUES.missing[p.missing]);
	if (p.representation) parts.push(HEADER_VALUES.representation[p.representation]);
	if (p.count) parts.push(HEADER_VALUES.count[p.count]);
	if (p.transaction) parts.push(HEADER_VALUES.transaction[p.transaction]);
	if (p.handling) parts.push(HEADER_VALUES.handling[p.handling]);
	if (p.timezone !== null) parts.push(`timezone=${p.timezone}`);
	if (p.handling === 'strict' && p.maxAffected !== null)
		parts.push(`max-affected=${p.maxAffected}`);
	return parts.length ? parts.join(', ') : null;
}
