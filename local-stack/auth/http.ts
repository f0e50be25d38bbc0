// HTTP plumbing of the Auth service: bodies read with GoTrue's 1 MB limit and decoded the way
// Go's encoding/json fills a params struct (same refusals, same wording), JSON and redirect
// responses, and the caller's IP as GoTrue derives it (first X-Forwarded-For, else the socket).
import { isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authErrors } from './errors.ts';

/** limitRequestBody(1 << 20) in api.go. */
export const BODY_LIMIT = 1 << 20;

export function readBody(request: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let failed = false;
		request.on('data', (chunk: Buffer) => {
			if (failed) return;
			size += chunk.length;
			if (size > limit) {
				failed = true;
				reject(authErrors.requestTooLarge(limit));
				return;
			}
			chunks.push(chunk);
		});
		request.once('end', () => {
			if (!failed) resolve(Buffer.concat(chunks));
		});
		request.once('error', (error) => {
			if (!failed) reject(error);
		});
	});
}

/** Lets an unread body flow away so the client can read the answer. */
export function drain(request: IncomingMessage): void {
	if (!request.complete && !request.destroyed) {
		request.on('error', () => undefined);
		request.resume();
	}
}

/** Go field kinds the params structs use: string, *string, bool, map[string]interface{}. */
export type FieldKind = 'string' | 'nullable-string' | 'bool' | 'object';
export type ParamsSpec = Record<string, FieldKind>;

type Decoded<S extends ParamsSpec> = {
	[K in keyof S]?: S[K] extends 'bool'
		? boolean
		: S[K] extends 'object'
			? Record<string, unknown> | null
			: S[K] extends 'nullable-string'
				? string | null
				: string;
};

const GO_TYPES: Record<FieldKind, string> = {
	string: 'string',
	'nullable-string': 'string',
	bool: 'bool',
	object: 'map[string]interface {}'
};

function jsonKind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'object') return 'object';
	return typeof value;
}

/** Go's messages for the syntax errors JSON.parse reports (encoding/json's SyntaxError). */
const EXPECTATIONS: [RegExp, string][] = [
	[/property name or '}'/i, 'looking for beginning of object key string'],
	[/',' or '}' after property value/i, 'after object key:value pair'],
	[/':' after property name/i, 'after object key'],
	[/',' or ']' after array element/i, 'after array element'],
	[/non-whitespace character after JSON/i, 'after top-level value']
];

function syntaxMessage(text: string, error: Error): string {
	if (text.trim() === '' || /end of (JSON )?input|Unterminated/i.test(error.message))
		return 'unexpected end of JSON input';
	const position = /position (\d+)/.exec(error.message);
	const index = position ? Number(position[1]) : text.search(/\S/);
	if (index >= text.length) return 'unexpected end of JSON input';
	const char = text[index];
	const context =
		EXPECTATIONS.find(([pattern]) => pattern.test(error.message))?.[1] ??
		'looking for beginning of value';
	return `invalid character '${char}' ${context}`;
}

/**
 * Decodes a request body into the fields of a GoTrue params struct: an empty or broken body is
 * `bad_json` with Go's message, a value of the wrong JSON type names the Go field like
 * encoding/json does, unknown keys are ignored and keys match case-insensitively.
 */
export function decodeParams<S extends ParamsSpec>(
	raw: Buffer | string,
	spec: S,
	structName: string
): Decoded<S> {
	const text = typeof raw === 'string' ? raw : raw.toString('utf8');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw authErrors.badJson(syntaxMessage(text, error as Error));
	}
	if (value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw authErrors.badJson(
			`json: cannot unmarshal ${jsonKind(value)} into Go value of type api.${structName}`
		);
	}
	const input = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const [field, kind] of Object.entries(spec)) {
		let key: string | undefined = field in input ? field : undefined;
		key ??= Object.keys(input).find((candidate) => candidate.toLowerCase() === field);
		if (key === undefined) continue;
		const given = input[key];
		if (given === null) {
			if (kind === 'object' || kind === 'nullable-string') out[field] = null;
			continue;
		}
		const ok =
			kind === 'bool'
				? typeof given === 'boolean'
				: kind === 'object'
					? typeof given === 'object' && !Array.isArray(given)
					: typeof given === 'string';
		if (!ok) {
			throw authErrors.badJson(
				`json: cannot unmarshal ${jsonKind(given)} into Go struct field ${structName}.${field} of type ${GO_TYPES[kind]}`
			);
		}
		out[field] = given;
	}
	return out as Decoded<S>;
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = body === undefined ? '' : JSON.stringify(body);
	response.writeHead(status, {
		...headers,
		'Content-Type': 'application/json',
		'Content-Length': String(Buffer.byteLength(text))
	});
	response.end(text);
}

/** http.Redirect: Location plus Go's small HTML body for GET and HEAD. */
export function sendRedirect(
	response: ServerResponse,
	method: string,
	location: string,
	status = 303,
	headers: Record<string, string> = {}
): void {
	const escaped = location
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&#34;')
		.replaceAll("'", '&#39;');
	const body = method === 'GET' ? `<a href="${escaped}">See Other</a>.\n\n` : '';
	response.writeHead(status, {
		...headers,
		Location: location,
		...(body ? { 'Content-Type': 'text/html; charset=utf-8' } : {}),
		'Content-Length': String(Buffer.byteLength(body))
	});
	response.end(method === 'HEAD' ? undefined : body);
}

export function header(request: IncomingMessage, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** utilities.GetIPAddress: the first parseable X-Forwarded-For entry, else the peer address. */
export function clientIp(request: IncomingMessage): string {
	const forwarded = header(request, 'x-forwarded-for');
	if (forwarded) {
		for (const part of forwarded.split(',')) {
			const candidate = part.trim();
			if (candidate && isIP(candidate)) return candidate;
		}
	}
	const remote = request.socket.remoteAddress ?? '';
	return remote.startsWith('::ffff:') ? remote.slice(7) : remote;
}

/** Go's url.QueryEscape: spaces as '+', everything but [A-Za-z0-9-_.~] percent-encoded. */
export function queryEscape(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replaceAll('%20', '+');
}

/** Go's url.Values.Encode: keys sorted, values query-escaped. */
export function encodeValues(values: Record<string, string>): string {
	return Object.keys(values)
		.sort()
		.map((key) => `${queryEscape(key)}=${queryEscape(values[key])}`)
		.join('&');
}
