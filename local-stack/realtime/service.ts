// The Realtime service at /realtime/v1 (supabase/realtime): the Phoenix websocket at /websocket,
// the broadcast API under /api, and, while the stack runs, the logical replication stream that
// feeds Broadcast from Database and postgres_changes, plus the daily partitions of
// realtime.messages kept ahead (on start and hourly) like Realtime's janitor.
import type { ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import type { StackContext } from '../context.ts';
import type { Service, ServiceRequest } from '../gateway/service.ts';
import { DatabaseListener } from './db-listener.ts';
import { apiErrors, isApiError } from './errors.ts';
import type { ApiError } from './errors.ts';
import { sendApiError, sendJson } from './http.ts';
import { Hub } from './hub.ts';
import { ChangeDispatcher } from './postgres-changes/dispatch.ts';
import { Subscriptions } from './postgres-changes/subscriptions.ts';
import { broadcast } from './routes/broadcast.ts';
import { broadcastEvent } from './routes/broadcast-event.ts';
import { ping } from './routes/ping.ts';
import type { RouteHandler } from './routes/route.ts';
import { upgradeWebsocket } from './routes/websocket.ts';
import { optionsFromEnv } from './runtime.ts';
import type { Realtime } from './runtime.ts';
import type { RealtimeSocket } from './socket.ts';

/** The stack's slot; one database serves one stack. */
export const SLOT = 'supabase_realtime_local_stack';
const PARTITIONS_EVERY_MS = 60 * 60_000;

type Route = { method: string; pattern: RegExp; names: string[]; handler: RouteHandler };

const ROUTES: Route[] = [
	{ method: 'POST', pattern: /^\/api\/broadcast\/?$/, names: [], handler: broadcast },
	{
		method: 'POST',
		pattern: /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)\/?$/,
		names: ['topic', 'event'],
		handler: broadcastEvent
	},
	{ method: 'GET', pattern: /^\/api\/ping\/?$/, names: [], handler: ping }
];

function matchRoute(method: string, path: string) {
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const match = route.pattern.exec(path);
		if (!match) continue;
		const params: Record<string, string> = {};
		route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
		return { route, params };
	}
	return null;
}

const NO_ROUTE = { message: 'no Route matched with those values' };

export function createRealtimeService(context: StackContext): Service {
	const enabled = context.project.realtime.enabled;
	let ids = 0;
	const hub = new Hub();
	const subscriptions = new Subscriptions(context.pools.admin);
	const realtime: Realtime = {
		context,
		pool: context.pools.admin,
		hub,
		subscriptions,
		options: optionsFromEnv(),
		stopping: false,
		nextId: () => ++ids
	};
	const dispatcher = new ChangeDispatcher(context.pools.admin, subscriptions, context.log);
	const listener = new DatabaseListener({
		admin: context.pools.admin,
		connect: () =>
			context.pools.connect('supabase_admin', {
				replication: 'database',
				application_name: 'realtime_replication_connection'
			} as Record<string, unknown>),
		slot: SLOT,
		hub,
		subscriptions,
		dispatcher,
		log: context.log
	});
	const websockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });
	const sockets = new Set<RealtimeSocket>();
	let partitionsTimer: NodeJS.Timeout | null = null;

	const maintainPartitions = () =>
		context.pools.admin
			.query('select _realtime.maintain_message_partitions()')
			.catch((error) =>
				context.log(`[realtime] partition maintenance failed: ${(error as Error).message}`)
			);

	return {
		name: 'realtime',
		prefix: '/realtime/v1',

		async start() {
			if (!enabled) return;
			await maintainPartitions();
			partitionsTimer = setInterval(() => void maintainPartitions(), PARTITIONS_EVERY_MS);
			partitionsTimer.unref();
			await listener.start();
		},

		async stop() {
			if (!enabled) return;
			realtime.stopping = true;
			if (partitionsTimer) clearInterval(partitionsTimer);
			for (const socket of [...sockets]) socket.terminate();
			websockets.close();
			await listener.stop();
		},

		upgrade(request: ServiceRequest, socket, head) {
			if (!enabled || request.path !== '/websocket') {
				const body = JSON.stringify(NO_ROUTE);
				socket.end(
					`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
				);
				return;
			}
			upgradeWebsocket(realtime, websockets, sockets, request, socket, head).catch((error) => {
				context.log(`[realtime] websocket upgrade: ${(error as Error).stack ?? error}`);
				socket.destroy();
			});
		},

		async handle(request: ServiceRequest, response: ServerResponse) {
			if (!enabled) {
				// `[realtime] enabled = false`: the CLI starts no Realtime, so Kong has no route.
				request.raw.resume();
				sendJson(response, 404, NO_ROUTE);
				return;
			}
			const match = matchRoute(request.method, request.path);
			try {
				if (!match) throw apiErrors.notFound();
				await match.route.handler({ realtime, request, response, params: match.params });
			} catch (error) {
				if (isApiError(error)) {
					sendApiError(request.raw, response, error as ApiError);
					return;
				}
				throw error;
			}
		}
	};
}
