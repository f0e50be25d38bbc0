// HTTP plumbing shared by the routes: JSON bodies read the way Fastify's parser reads them (same
// refusals), JSON and error responses, and the request facts the database scope records.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceRequest } from '../gateway/service.ts';
import type { RequestInfo } from './database.ts';
import { renderError, storageErrors } from './errors.ts';

/** Fastify's default bodyLimit. */
const JSON_BODY_LIMIT = 1024 * 1024;

export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		...headers,
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text))
	});
	response.end(text);
}

/** Lets the rest of an unread body flow away so the client can read the answer. */
export function drain(request: IncomingMessage): void {
	if (!request.complete && !request.destroyed) {
		request.on('error', () => undefined);
		request.resume();
	}
}

export function sendError(
	request: IncomingMessage,
	response: ServerResponse,
	error: unknown
): void {
	if (response.headersSent || response.destroyed) {
		response.destroy();
		return;
	}
	const { status, body } = renderError(error);
	drain(request);
	sendJson(response, status, body);
}

function readRaw(request: IncomingMessage, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				request.off('data', onData);
				reject(storageErrors.badBody('Request body is too large', 413));
				return;
			}
			chunks.push(chunk);
		};
		request.on('data', onData);
		request.once('end', () => resolve(Buffer.concat(chunks)));
		request.once('error', reject);
	});
}

/**
 * The JSON body of a request, or undefined when there is none. Like Fastify: a body with a
 * non-JSON content type is refused, an empty JSON body too unless the route allows it (the
 * bucket delete/empty routes), and invalid JSON gets Fastify's message.
 */
export async function readJsonBody(
	request: IncomingMessage,
	options: { allowEmpty?: boolean } = {}
): Promise<unknown> {
	const contentType = (request.headers['content-type'] ?? '').toLowerCase();
	const raw = await readRaw(request, JSON_BODY_LIMIT);
	if (raw.length === 0) {
		if (contentType.startsWith('application/json') && !options.allowEmpty)
			throw storageErrors.badBody(
				"Body cannot be empty when content-type is set to 'application/json'"
			);
		return undefined;
	}
	// Fastify hands text/plain bodies over as a string, which the schema then refuses.
	if (contentType.startsWith('text/plain')) return raw.toString('utf8');
	if (!contentType.startsWith('application/json')) throw storageErrors.invalidContentTypeHeader();
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw storageErrors.badBody(
			"Body is not valid JSON but content-type is set to 'application/json'"
		);
	}
}

/** Headers as one JSON object of strings, for `request.headers`. */
export function headerObject(request: ServiceRequest): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value === undefined) continue;
		headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

export function requestInfo(request: ServiceRequest): RequestInfo {
	return { method: request.method, path: request.path, headers: headerObject(request) };
}

export function header(request: ServiceRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
