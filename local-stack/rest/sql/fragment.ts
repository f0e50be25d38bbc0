// SQL fragments with bound parameters: text chunks, identifiers quoted by the one `quoteIdent`,
// and values that only ever travel as `$n` parameters of unknown type (as PostgREST's
// unknownEncoder), so nothing from a request is spliced into the statement text.

type Chunk = string | { value: string | null; cast?: string };
/** A rope of chunks: composing never copies, rendering walks it once. */
export type Fragment = readonly (Chunk | Fragment)[];

/** Double-quoted identifier; NUL characters are dropped as upstream's trimNullChars. */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('\u0000', '').replaceAll('"', '""')}"`;
}

/** Trusted SQL text: keywords, and type names or defaults that come from the catalog. */
export const raw = (text: string): Fragment => [text];
export const ident = (name: string): Fragment => [quoteIdent(name)];
export const param = (value: string | null): Fragment => [{ value }];
/** A parameter with an explicit cast, e.g. a JSON body as `$1::json`. */
export const typedParam = (value: string | null, type: string): Fragment => [{ value, cast: type }];

export function cat(...parts: (Fragment | string)[]): Fragment {
	return parts;
}

export function join(parts: Fragment[], separator: string): Fragment {
	const out: Fragment[] = [];
	parts.forEach((p, i) => {
		if (i > 0) out.push([separator]);
		out.push(p);
	});
	return out;
}

/** Final statement text with `$1…$n` and its values, in order. */
export function render(fragment: Fragment): { text: string; values: (string | null)[] } {
	let text = '';
	const values: (string | null)[] = [];
	const walk = (f: Fragment) => {
		for (const chunk of f) {
			if (typeof chunk === 'string') text += chunk;
			else if (Array.isArray(chunk)) walk(chunk as Fragment);
			else {
				const c = chunk as { value: string | null; cast?: string };
				values.push(c.value);
				text += `$${values.length}${c.cast ? `::${c.cast}` : ''}`;
			}
		}
	};
	walk(fragment);
	return { text, values };
}
