// Media types as PostgREST decodes them (MediaType.hs) and the Accept header as wai-extra's
// parseHttpAccept orders it (q value, then specificity); their names for 406 PGRST107.

export type MediaType =
	| { kind: 'json' }
	| { kind: 'geojson' }
	| { kind: 'csv' }
	| { kind: 'text' }
	| { kind: 'xml' }
	| { kind: 'openapi' }
	| { kind: 'urlencoded' }
	| { kind: 'octet-stream' }
	| { kind: 'any' }
	| { kind: 'other'; name: string }
	| { kind: 'array-stripped' }
	| { kind: 'singular'; stripNulls: boolean }
	| { kind: 'plan'; for: MediaType; format: 'text' | 'json'; options: string[] };

type Tokenized = { main: string; sub: string; params: Map<string, string> };

function tokenize(text: string): Tokenized | null {
	const m = /^([A-Za-z0-9.*]+)\/([A-Za-z0-9.*+-]+)/.exec(text);
	if (!m) return null;
	const params = new Map<string, string>();
	let rest = text.slice(m[0].length);
	const param = /^\s*;\s*([A-Za-z0-9-]+)\s*=\s*(?:"([^"]*)"|([A-Za-z0-9|-]+))/;
	for (;;) {
		const p = param.exec(rest);
		if (!p) break;
		params.set(p[1].toLowerCase(), p[2] ?? p[3]);
		rest = rest.slice(p[0].length);
	}
	return { main: m[1], sub: m[2], params };
}

export function decodeMediaType(text: string): MediaType {
	const t = tokenize(text) ?? { main: text, sub: '', params: new Map<string, string>() };
	const main = t.main.toLowerCase();
	const sub = t.sub.toLowerCase();
	const stripped = (t.params.get('nulls') ?? 'false') === 'stripped';
	const plan = (format: 'text' | 'json'): MediaType => ({
		kind: 'plan',
		for: decodeMediaType(t.params.get('for') ?? 'application/json'),
		format,
		options: ['analyze', 'verbose', 'settings', 'buffers', 'wal'].filter((o) =>
			(t.params.get('options') ?? '').split('|').includes(o)
		)
	});
	const key = `${main}/${sub}`;
	switch (key) {
		case 'application/json':
			return { kind: 'json' };
		case 'application/geo+json':
			return { kind: 'geojson' };
		case 'text/csv':
			return { kind: 'csv' };
		case 'text/plain':
			return { kind: 'text' };
		case 'text/xml':
			return { kind: 'xml' };
		case 'application/openapi+json':
			return { kind: 'openapi' };
		case 'application/x-www-form-urlencoded':
			return { kind: 'urlencoded' };
		case 'application/octet-stream':
			return { kind: 'octet-stream' };
		case 'application/vnd.pgrst.plan':
		case 'application/vnd.pgrst.plan+text':
			return plan('text');
		case 'application/vnd.pgrst.plan+json':
			return plan('json');
		case 'application/vnd.pgrst.object+json':
		case 'application/vnd.pgrst.object':
			return { kind: 'singular', stripNulls: stripped };
		case 'application/vnd.pgrst.array+json':
		case 'application/vnd.pgrst.array':
			return stripped ? { kind: 'array-stripped' } : { kind: 'json' };
		case '*/*':
			return { kind: 'any' };
		default:
			return { kind: 'other', name: text };
	}
}

export function mediaTypeName(mt: MediaType): string {
	switch (mt.kind) {
		case 'json':
			return 'application/json';
		case 'array-stripped':
			return 'application/vnd.pgrst.array+json;nulls=stripped';
		case 'geojson':
			return 'application/geo+json';
		case 'csv':
			return 'text/csv';
		case 'text':
			return 'text/plain';
		case 'xml':
			return 'text/xml';
		case 'openapi':
			return 'application/openapi+json';
		case 'singular':
			return mt.stripNulls
				? 'application/vnd.pgrst.object+json;nulls=stripped'
				: 'application/vnd.pgrst.object+json';
		case 'urlencoded':
			return 'application/x-www-form-urlencoded';
		case 'octet-stream':
			return 'application/octet-stream';
		case 'any':
			return '*/*';
		case 'other':
			return mt.name;
		case 'plan':
			return `application/vnd.pgrst.plan+${mt.format}; for="${mediaTypeName(mt.for)}"${mt.options.length ? `; options=${mt.options.join('|')}` : ''}`;
	}
}

/** Content-Type of a response: upstream adds the charset except for octet-stream and others. */
export function contentTypeOf(mt: MediaType): string {
	const name = mediaTypeName(mt);
	return mt.kind === 'octet-stream' || mt.kind === 'other' ? name : `${name}; charset=utf-8`;
}

/** wai-extra's parseHttpAccept: spaces dropped, sorted by q then by specificity. */
export function parseAccept(header: string | undefined): MediaType[] {
	if (header === undefined) return [{ kind: 'any' }];
	const items = header.split(',').map((part, index) => {
		const compact = part.replaceAll(' ', '');
		const qAt = compact.indexOf(';q=');
		const type = qAt < 0 ? compact : compact.slice(0, qAt);
		const qText = qAt < 0 ? '' : compact.slice(qAt + 3).split(';')[0];
		const q = /^\d+(\.\d+)?$/.test(qText) ? Number(qText) : 1;
		const specificity = (type.match(/;/g)?.length ?? 0) - (type.match(/\*/g)?.length ?? 0);
		return { type, q, specificity, index };
	});
	items.sort((a, b) => b.q - a.q || b.specificity - a.specificity || a.index - b.index);
	return items.map((i) => decodeMediaType(i.type));
}

export const sameMediaType = (a: MediaType, b: MediaType) => mediaTypeName(a) === mediaTypeName(b);
