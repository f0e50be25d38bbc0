// The mail catcher's HTTP server on the mail port (Mailpit on the CLI's 54324): the subset of
// Mailpit's API v1 that Supabase's own tests and ours use (list, search, message, raw source,
// read status, delete) with Mailpit's JSON shapes and text/plain errors, plus a small web page.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { mailboxPage, messagePage, notFoundPage } from './page.ts';
import { fullMessage, summary } from './store.ts';
import type { MailStore, StoredMessage } from './store.ts';

export type MailServer = { server: Server; port: number; close(): Promise<void> };

function send(
	response: ServerResponse,
	status: number,
	body: string,
	type = 'text/plain; charset=utf-8'
) {
	response.writeHead(status, {
		'Content-Type': type,
		'Content-Length': String(Buffer.byteLength(body)),
		'Access-Control-Allow-Origin': '*'
	});
	response.end(body);
}

const json = (response: ServerResponse, value: unknown) =>
	send(response, 200, `${JSON.stringify(value)}\n`, 'application/json');

/** Mailpit's httpError: 400 with the message as plain text. */
const badRequest = (response: ServerResponse, message: string) => send(response, 400, message);

function readJson(request: IncomingMessage): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > 1 << 20) {
				reject(new Error('request body too large'));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.once('end', () => {
			const text = Buffer.concat(chunks).toString('utf8').trim();
			if (text === '') return resolve(null);
			try {
				resolve(JSON.parse(text));
			} catch (error) {
				reject(error);
			}
		});
		request.once('error', reject);
	});
}

/** getStartLimit: `start` defaults to 0, `limit` to 50. */
function startLimit(url: URL): { start: number; limit: number } {
	const number = (name: string, fallback: number) => {
		const value = Number.parseInt(url.searchParams.get(name) ?? '', 10);
		return Number.isFinite(value) && value >= 0 ? value : fallback;
	};
	return { start: number('start', 0), limit: number('limit', 50) || 50 };
}

function ids(body: unknown): string[] | null {
	if (body && typeof body === 'object' && Array.isArray((body as { IDs?: unknown }).IDs)) {
		const list = (body as { IDs: unknown[] }).IDs.filter(
			(id): id is string => typeof id === 'string'
		);
		return list.length ? list : null;
	}
	return null;
}

function summaryBody(
	store: MailStore,
	messages: StoredMessage[],
	start: number,
	matching: { total: number; unread: number }
) {
	const stats = store.stats();
	return {
		total: stats.total,
		unread: stats.unread,
		count: messages.length,
		messages_count: matching.total,
		messages_unread: matching.unread,
		start,
		tags: [],
		messages: messages.map(summary)
	};
}

async function handle(store: MailStore, request: IncomingMessage, response: ServerResponse) {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const method = request.method ?? 'GET';
	const path = url.pathname.replace(/\/+$/, '') || '/';

	if (method === 'OPTIONS') {
		response.writeHead(204, {
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Allow-Methods': 'GET, PUT, DELETE, OPTIONS',
			'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '*'
		});
		response.end();
		return;
	}
	if (path === '/livez' || path === '/readyz') return send(response, 200, 'ok');

	if (path === '/api/v1/messages') {
		if (method === 'GET') {
			const { start, limit } = startLimit(url);
			const messages = store.list(start, limit);
			return json(response, summaryBody(store, messages, start, store.stats()));
		}
		if (method === 'DELETE') {
			const body = await readJson(request).catch(() => null);
			store.delete(ids(body));
			return send(response, 200, 'ok');
		}
		if (method === 'PUT') {
			let body: unknown;
			try {
				body = await readJson(request);
			} catch (error) {
				return badRequest(response, (error as Error).message);
			}
			const read = Boolean((body as { Read?: unknown } | null)?.Read);
			const search = (body as { Search?: unknown } | null)?.Search;
			const chosen = ids(body);
			if (chosen && typeof search === 'string' && search !== '')
				return badRequest(response, 'You may specify either IDs or a search query, not both');
			if (typeof search === 'string' && search !== '') {
				const found = store.search(search, 0, Number.MAX_SAFE_INTEGER).messages;
				store.setRead(
					found.map((message) => message.ID),
					read
				);
			} else store.setRead(chosen, read);
			return send(response, 200, 'ok');
		}
	}

	if (path === '/api/v1/search' && (method === 'GET' || method === 'DELETE')) {
		const query = (url.searchParams.get('query') ?? '').trim();
		if (query === '') return badRequest(response, 'Error: no search query');
		if (method === 'DELETE') {
			const found = store.search(query, 0, Number.MAX_SAFE_INTEGER).messages;
			store.delete(found.map((message) => message.ID));
			return send(response, 200, 'ok');
		}
		const { start, limit } = startLimit(url);
		const result = store.search(query, start, limit);
		return json(response, summaryBody(store, result.messages, start, result));
	}

	const messageRoute = /^\/api\/v1\/message\/([^/]+)(\/raw|\/headers)?$/.exec(path);
	if (messageRoute && method === 'GET') {
		const message = store.get(decodeURIComponent(messageRoute[1]));
		if (!message) return send(response, 404, 'Not found');
		if (messageRoute[2] === '/raw') return send(response, 200, message.Raw);
		if (messageRoute[2] === '/headers') {
			const headers: Record<string, string[]> = {};
			for (const line of message.Raw.split('\r\n\r\n')[0].split('\r\n')) {
				const at = line.indexOf(':');
				if (at > 0) (headers[line.slice(0, at)] ??= []).push(line.slice(at + 1).trim());
			}
			return json(response, headers);
		}
		// Mailpit marks a message read when its API returns it.
		store.setRead([message.ID], true);
		return json(response, fullMessage(message));
	}

	if (method === 'GET' && path === '/') {
		const messages = store.list(0, 200);
		return send(
			response,
			200,
			mailboxPage(messages, store.stats().total),
			'text/html; charset=utf-8'
		);
	}
	const view = /^\/view\/([^/]+)$/.exec(path);
	if (method === 'GET' && view) {
		const message = store.get(decodeURIComponent(view[1]));
		if (!message) return send(response, 404, notFoundPage(), 'text/html; charset=utf-8');
		store.setRead([message.ID], true);
		return send(response, 200, messagePage(message), 'text/html; charset=utf-8');
	}
	return send(response, 404, '404 page not found\n');
}

export function startMailServer(options: {
	port: number;
	host?: string;
	store: MailStore;
	log: (line: string) => void;
}): Promise<MailServer> {
	const sockets = new Set<Duplex>();
	const server = createServer((request, response) => {
		handle(options.store, request, response).catch((error: Error) => {
			options.log(`[mail] ${request.method} ${request.url}: ${error.stack ?? error.message}`);
			if (!response.headersSent) send(response, 500, 'Internal Server Error');
			else response.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	return new Promise((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => {
			reject(
				error.code === 'EADDRINUSE'
					? new Error(
							`mail port ${options.port} is already in use: stop what uses it or pick another port`
						)
					: error
			);
		});
		server.listen(options.port, options.host ?? '127.0.0.1', () => {
			const address = server.address();
			resolve({
				server,
				port: typeof address === 'object' && address ? address.port : options.port,
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						server.closeIdleConnections();
						for (const socket of sockets) socket.destroy();
					})
			});
		});
	});
}
