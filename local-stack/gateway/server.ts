// The one HTTP server of the stack on the API port (54321 like the CLI's Kong): CORS, key
// authentication, Authorization rewriting, then the service whose prefix matches, with the
// prefix stripped. Websocket upgrades are routed the same way.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiKeys } from '../keys/api-keys.ts';
import { checkApiKey } from './apikey.ts';
import { applyCors } from './cors.ts';
import type { Service, ServiceRequest } from './service.ts';

export type Gateway = { server: Server; close(): Promise<void> };

function sendJson(res: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text)
	});
	res.end(text);
}

function route(services: Service[], pathname: string): { service: Service; path: string } | null {
	for (const service of services) {
		if (pathname === service.prefix || pathname.startsWith(`${service.prefix}/`)) {
			return { service, path: pathname.slice(service.prefix.length) || '/' };
		}
	}
	return null;
}

function prepare(
	req: IncomingMessage,
	services: Service[],
	keys: ApiKeys
):
	| { kind: 'request'; service: Service; request: ServiceRequest }
	| { kind: 'error'; status: number; body: unknown } {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const match = route(services, url.pathname);
	if (!match)
		return { kind: 'error', status: 404, body: { message: 'no Route matched with those values' } };
	const method = (req.method ?? 'GET').toUpperCase();
	const open = match.service.isOpenRoute?.(match.path, method) ?? false;
	const check = checkApiKey(req.headers, url, keys, open);
	if (!check.ok) return { kind: 'error', status: check.status, body: check.body };
	return {
		kind: 'request',
		service: match.service,
		request: { raw: req, method, path: match.path, url, headers: check.headers, apikey: check.kind }
	};
}

export function startGateway(options: {
	port: number;
	host?: string;
	services: Service[];
	apiKeys: ApiKeys;
	log: (line: string) => void;
}): Promise<Gateway> {
	const { services, apiKeys, log } = options;
	const sockets = new Set<Duplex>();

	const server = createServer(async (req, res) => {
		if (applyCors(req, res)) return;
		const pathname = (req.url ?? '/').split('?')[0];
		if (pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
			sendJson(res, 200, { status: 'ok', services: services.map((s) => s.name) });
			return;
		}
		const prepared = prepare(req, services, apiKeys);
		if (prepared.kind === 'error') {
			req.resume();
			sendJson(res, prepared.status, prepared.body);
			return;
		}
		try {
			await prepared.service.handle(prepared.request, res);
		} catch (error) {
			log(
				`[${prepared.service.name}] ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`
			);
			if (!res.headersSent)
				sendJson(res, 500, { message: 'An unexpected error occurred in the local stack' });
			else res.destroy();
		}
	});

	server.on('upgrade', (req, socket, head) => {
		const prepared = prepare(req, services, apiKeys);
		if (prepared.kind === 'error' || !prepared.service.upgrade) {
			const status = prepared.kind === 'error' ? prepared.status : 404;
			const body = JSON.stringify(
				prepared.kind === 'error'
					? prepared.body
					: { message: 'no Route matched with those values' }
			);
			socket.end(
				`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
			);
			return;
		}
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		prepared.service.upgrade(prepared.request, socket, head);
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
							`API port ${options.port} is already in use: stop what uses it or pick another port`
						)
					: error
			);
		});
		server.listen(options.port, options.host ?? '127.0.0.1', () => {
			resolve({
				server,
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
