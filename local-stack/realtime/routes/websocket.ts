// GET /websocket?apikey=…&vsn=1.0.0|2.0.0: the upgrade as RealtimeWeb.UserSocket.connect accepts
// it. The gateway already refused a missing or unknown apikey; here the key's JWT (or an
// `x-api-key` header, read first like upstream) must pass the token checks, else the upgrade is
// answered with upstream's status and `{"error": …}` after its connect backoff.
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { ServiceRequest } from '../../gateway/service.ts';
import { connectError } from '../errors.ts';
import type { Vsn } from '../protocol/frames.ts';
import type { Realtime } from '../runtime.ts';
import { sleep } from '../runtime.ts';
import { RealtimeSocket } from '../socket.ts';
import { checkToken } from '../tokens.ts';

function refuse(
	socket: Duplex,
	status: number,
	reason: string,
	body: string,
	type = 'application/json'
) {
	if (socket.destroyed) return;
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
}

const REASONS: Record<number, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error'
};

/** Phoenix matches the requested serializer with `~> 1.0.0` / `~> 2.0.0`; no vsn means 1.0.0. */
export function negotiateVsn(value: string | null): Vsn | null {
	if (value === null) return '1.0.0';
	if (/^1\.0\.\d+$/.test(value)) return '1.0.0';
	if (/^2\.0\.\d+$/.test(value)) return '2.0.0';
	return null;
}

export async function upgradeWebsocket(
	realtime: Realtime,
	server: WebSocketServer,
	sockets: Set<RealtimeSocket>,
	request: ServiceRequest,
	socket: Duplex,
	head: Buffer
): Promise<void> {
	socket.on('error', () => undefined);
	const vsn = negotiateVsn(request.url.searchParams.get('vsn'));
	if (!vsn) {
		refuse(socket, 403, 'Forbidden', '', 'text/plain');
		return;
	}
	const keys = realtime.context.apiKeys;
	const forwarded = request.headers['x-api-key'];
	const token =
		(Array.isArray(forwarded) ? forwarded[0] : forwarded) ??
		(request.apikey === 'secret' || request.apikey === 'service_role'
			? keys.serviceRole
			: request.apikey === 'publishable' || request.apikey === 'anon'
				? keys.anon
				: request.url.searchParams.get('apikey'));
	const check = token
		? checkToken(token, realtime.context.keys)
		: ({ ok: false, failure: { kind: 'missing_api_key' } } as const);
	if (!check.ok) {
		await sleep(realtime.options.connectErrorBackoffMs);
		const { status, message } = connectError(check.failure);
		refuse(socket, status, REASONS[status] ?? 'Error', JSON.stringify({ error: message }));
		return;
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers))
		if (name.startsWith('x-') && value !== undefined)
			headers[name] = Array.isArray(value) ? value.join(', ') : value;

	server.handleUpgrade(request.raw, socket, head, (ws) => {
		const connection = new RealtimeSocket(realtime, ws, { vsn, token: token as string, headers });
		sockets.add(connection);
		ws.once('close', () => sockets.delete(connection));
	});
}
