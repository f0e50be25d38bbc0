// HTTP plumbing of the broadcast API: bodies read like Plug.Parsers reads them (JSON only for a
// JSON content type, refused when malformed), JSON answers, and the caller authenticated as
// RealtimeWeb.AuthTenant does (Bearer token, else the apikey header, checked like a socket token).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceRequest } from '../gateway/service.ts';
import type { JwtClaims, SigningKeys } from '../keys/jwt.ts';
import { apiErrors } from './errors.ts';
import type { ApiError } from './errors.ts';
import { checkToken } from './tokens.ts';

/** Plug.Parsers' default body length. */
const BODY_LIMIT = 8_000_000;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text))
	});
	response.end(text);
}

export function sendEmpty(response: ServerResponse, status: number): void {
	response.writeHead(status, { 'Content-Length': '0' });
	response.end();
}

export function sendApiError(
	request: IncomingMessage,
	response: ServerResponse,
	error: ApiError
): void {
	if (!request.complete) request.resume();
	sendJson(response, error.status, error.body);
}

export function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > BODY_LIMIT) {
				request.removeAllListeners('data');
				request.resume();
				reject(apiErrors.payloadTooLarge());
				return;
			}
			chunks.push(chunk);
		});
		request.once('end', () => resolve(Buffer.concat(chunks)));
		request.once('error', reject);
	});
}

export const isJsonContentType = (value: string | undefined) =>
	/^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(value ?? '');

/**
 * The body params: a parsed JSON body for a JSON content type (non-object JSON under `_json`, as
 * Plug does), `{}` otherwise. Malformed JSON is Plug's 400.
 */
export async function readJsonParams(request: IncomingMessage): Promise<Record<string, unknown>> {
	const body = await readBody(request);
	if (!isJsonContentType(request.headers['content-type']) || body.length === 0) return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		throw apiErrors.badRequest();
	}
	return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
		? (parsed as Record<string, unknown>)
		: { _json: parsed };
}

export type ApiCaller = { claims: JwtClaims; headers: Record<string, string> };

export function headerValue(request: ServiceRequest, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The request headers Realtime hands to policies as request.headers. */
export function requestHeaders(request: ServiceRequest): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers))
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	return headers;
}

export function authenticate(request: ServiceRequest, keys: SigningKeys): ApiCaller {
	const authorization = headerValue(request, 'authorization');
	let token: string | undefined;
	if (authorization) {
		const parts = authorization.split(' ');
		if (parts.length === 2 && parts[0].toLowerCase() === 'bearer') token = parts[1];
	}
	token ??= headerValue(request, 'apikey');
	if (!token) throw apiErrors.unauthorized();
	const check = checkToken(token, keys);
	if (!check.ok) throw apiErrors.unauthorized();
	return { claims: check.claims, headers: requestHeaders(request) };
}
