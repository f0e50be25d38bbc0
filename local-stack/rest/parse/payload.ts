// Request bodies as PostgREST reads them (ApiRequest/Payload.hs): JSON objects or arrays of
// objects sharing the same keys (else "All object keys must match"), `columns=` passing the
// body through untouched, CSV and form bodies turned into JSON, raw bodies for RPCs taking a
// single unnamed text/xml/bytea parameter.
import { pgrstErrors } from '../errors.ts';
import { mediaTypeName } from './media-type.ts';
import type { MediaType } from './media-type.ts';

export type Payload =
	| { kind: 'json'; raw: string; keys: string[] }
	| { kind: 'raw-json'; raw: string }
	| { kind: 'urlencoded'; params: [string, string][]; keys: string[] }
	| { kind: 'raw'; raw: Buffer };

function payloadAttributes(raw: string, json: unknown): Payload | null {
	if (Array.isArray(json)) {
		if (json.length === 0) return { kind: 'json', raw: '[]', keys: [] };
		const head = json[0];
		if (typeof head !== 'object' || head === null || Array.isArray(head)) return null;
		const keys = Object.keys(head);
		const canonical = [...keys].sort().join('\u0000');
		const uniform = json.every(
			(x) =>
				typeof x === 'object' &&
				x !== null &&
				!Array.isArray(x) &&
				Object.keys(x).sort().join('\u0000') === canonical
		);
		return uniform ? { kind: 'json', raw, keys } : null;
	}
	if (typeof json === 'object' && json !== null)
		return { kind: 'json', raw, keys: Object.keys(json) };
	return { kind: 'json', raw: '[]', keys: [] };
}

/** RFC 4180 CSV (cassava's decodeByName): a header line, then records of the same width. */
function parseCsv(text: string): Record<string, string | null>[] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	let i = 0;
	const pushCell = () => {
		row.push(cell);
		cell = '';
	};
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i += 2;
				continue;
			}
			if (c === '"') quoted = false;
			else cell += c;
			i++;
			continue;
		}
		if (c === '"' && cell === '') quoted = true;
		else if (c === ',') pushCell();
		else if (c === '\n' || c === '\r') {
			pushCell();
			rows.push(row);
			row = [];
			if (c === '\r' && text[i + 1] === '\n') i++;
		} else cell += c;
		i++;
	}
	if (quoted) throw new Error('parse error (endOfInput)');
	if (cell !== '' || row.length > 0) {
		pushCell();
		rows.push(row);
	}
	const [header, ...records] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
	if (!header) throw new Error('parse error (not enough input) at ""');
	return records.map((record) => {
		if (record.length !== header.length)
			throw new Error('parse error: Header and record lengths do not match');
		const obj: Record<string, string | null> = {};
		header.forEach((name, index) => (obj[name] = record[index] === 'NULL' ? null : record[index]));
		return obj;
	});
}

function parseForm(body: Buffer): [string, string][] {
	return Array.from(new URLSearchParams(body.toString('utf8')).entries());
}

export type PayloadTarget = { isRoutine: boolean; parse: boolean; allowColumns: boolean };

/** Throws PGRST102 like upstream; returns null when the action takes no body. */
export function readPayload(
	body: Buffer,
	contentType: MediaType,
	columns: string[] | null,
	target: PayloadTarget
): { payload: Payload | null; columns: string[] } {
	if (!target.parse) return { payload: null, columns: [] };
	const cols = target.allowColumns ? columns : null;
	let payload: Payload;
	switch (contentType.kind) {
		case 'json': {
			if (cols !== null) {
				payload = { kind: 'raw-json', raw: body.toString('utf8') };
				break;
			}
			const text = body.toString('utf8');
			let json: unknown;
			if (body.length === 0 && target.isRoutine) json = {};
			else {
				try {
					json = JSON.parse(text);
				} catch {
					throw pgrstErrors.invalidBody('Empty or invalid json');
				}
			}
			const attributes = payloadAttributes(text, json);
			if (!attributes) throw pgrstErrors.invalidBody('All object keys must match');
			payload = attributes;
			break;
		}
		case 'csv': {
			let rows: Record<string, string | null>[];
			try {
				rows = parseCsv(body.toString('utf8'));
			} catch (error) {
				throw pgrstErrors.invalidBody((error as Error).message);
			}
			const raw = JSON.stringify(rows);
			const attributes = payloadAttributes(raw, rows);
			if (!attributes) throw pgrstErrors.invalidBody('All lines must have same number of fields');
			payload = attributes;
			break;
		}
		case 'urlencoded': {
			const params = parseForm(body);
			if (target.isRoutine) {
				payload = { kind: 'urlencoded', params, keys: [...new Set(params.map(([k]) => k))] };
			} else {
				const obj = Object.fromEntries(params);
				payload = { kind: 'json', raw: JSON.stringify(obj), keys: Object.keys(obj) };
			}
			break;
		}
		case 'text':
		case 'xml':
		case 'octet-stream':
			if (!target.isRoutine)
				throw pgrstErrors.invalidBody(`Content-Type not acceptable: ${mediaTypeName(contentType)}`);
			payload = { kind: 'raw', raw: body };
			break;
		default:
			throw pgrstErrors.invalidBody(`Content-Type not acceptable: ${mediaTypeName(contentType)}`);
	}
	const keys =
		payload.kind === 'json' || payload.kind === 'urlencoded'
			? payload.keys
			: payload.kind === 'raw-json' && cols !== null
				? cols
				: [];
	return { payload, columns: [...new Set(keys)].sort() };
}
