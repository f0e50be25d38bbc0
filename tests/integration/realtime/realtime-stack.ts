// Shared set-up of the Realtime protocol suites: a local stack on the fixture project (rooms,
// inboxes, broadcasting tables, tables in publication supabase_realtime), members acting with
// minted tokens through supabase-js, and helpers to join channels and wait for what arrives.
import { resolve } from 'node:path';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { connectDb } from '../support/database.ts';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import { userToken } from '../support/jwt.ts';

export const FIXTURE_DIR = resolve(import.meta.dirname, 'fixture');

export type Member = { id: string; token: string; client: SupabaseClient };

export type Received = {
	event: string;
	payload: Record<string, unknown>;
	meta?: Record<string, unknown>;
};

export type Joined = {
	channel: RealtimeChannel;
	status: string;
	error?: Error;
	/** Broadcasts, in arrival order. */
	broadcasts: Received[];
	/** `system` messages, in arrival order. */
	system: Record<string, unknown>[];
};

export type JoinOptions = {
	private?: boolean;
	self?: boolean;
	ack?: boolean;
	presenceKey?: string;
	/** Registers a presence listener, which makes realtime-js enable presence. */
	presence?: boolean;
	/** Collects `join:<key>` / `leave:<key>` presence events (listeners must exist before subscribe). */
	presenceEvents?: string[];
	/** postgres_changes bindings registered before subscribing. */
	changes?: { filter: Record<string, string>; received: unknown[] }[];
	replay?: { since: number; limit?: number };
};

export type RealtimeStack = {
	fixture: FixtureStack;
	/** A direct connection as `postgres` (BYPASSRLS), for fixtures and transactions. */
	db: pg.Client;
	member(options?: { expiresIn?: number; role?: string }): Member;
	/** supabase-js with the anon key and no session. */
	anon(): SupabaseClient;
	/** Leaves every channel of every client made here (realtime-js reuses a channel by topic). */
	reset(): Promise<void>;
	join(member: Member | SupabaseClient, topic: string, options?: JoinOptions): Promise<Joined>;
	close(): Promise<void>;
};

const clients: SupabaseClient[] = [];

/**
 * Starts a fixture stack. Refused joins and upgrades wait only briefly here (upstream's
 * CHANNEL_ERROR_BACKOFF_MS / CONNECT_ERROR_BACKOFF_MS), so refusal tests stay quick.
 */
export async function startRealtimeStack(): Promise<RealtimeStack> {
	process.env.CHANNEL_ERROR_BACKOFF_MS ??= '200';
	process.env.CONNECT_ERROR_BACKOFF_MS ??= '100';
	const fixture = await startFixtureStack(FIXTURE_DIR);
	const db = await connectDb(fixture.dbUrl);
	return {
		fixture,
		db,
		member(options = {}) {
			const { token, sub } = userToken(fixture.jwtSecret, options);
			const client = fixture.as(token);
			clients.push(client);
			return { id: sub, token, client };
		},
		anon() {
			const client = fixture.anon();
			clients.push(client);
			return client;
		},
		async reset() {
			for (const client of clients) await client.removeAllChannels();
		},
		join: (member, topic, options = {}) =>
			joinChannel('client' in member ? member.client : member, topic, options),
		async close() {
			for (const client of clients.splice(0)) await client.removeAllChannels();
			await db.end();
			await fixture.close();
		}
	};
}

export async function joinChannel(
	client: SupabaseClient,
	topic: string,
	options: JoinOptions = {}
): Promise<Joined> {
	// The token comes from an async callback: resolve it before the join, or the join carries none.
	await client.realtime.setAuth();
	const broadcast: Record<string, unknown> = {
		self: options.self ?? false,
		ack: options.ack ?? false
	};
	if (options.replay) broadcast.replay = options.replay;
	const channel = client.channel(topic, {
		config: {
			private: options.private ?? false,
			broadcast,
			presence: { key: options.presenceKey ?? '' }
		}
	});
	const joined: Joined = { channel, status: 'PENDING', broadcasts: [], system: [] };
	channel.on('broadcast', { event: '*' }, (message) =>
		joined.broadcasts.push({
			event: message.event,
			payload: message.payload as Record<string, unknown>,
			...(message.meta ? { meta: message.meta as Record<string, unknown> } : {})
		})
	);
	channel.on('system', {}, (payload) => joined.system.push(payload));
	if (options.presence) channel.on('presence', { event: 'sync' }, () => undefined);
	const events = options.presenceEvents;
	if (events) {
		channel.on('presence', { event: 'join' }, ({ key }) => events.push(`join:${key}`));
		channel.on('presence', { event: 'leave' }, ({ key }) => events.push(`leave:${key}`));
	}
	for (const binding of options.changes ?? [])
		channel.on('postgres_changes', binding.filter as never, (change) =>
			binding.received.push(change)
		);
	await new Promise<void>((done) => {
		const timer = setTimeout(() => {
			joined.status = 'NO_ANSWER';
			done();
		}, 15_000);
		channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED' || status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') {
				clearTimeout(timer);
				if (joined.status === 'PENDING') {
					joined.status = status;
					joined.error = error;
					done();
				}
			}
		});
	});
	return joined;
}

/** Waits until `check` returns something truthy, or gives up after `ms`. */
export async function eventually<T>(check: () => T, ms = 5_000): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = check();
		if (value || Date.now() > deadline) return value;
		await new Promise((done) => setTimeout(done, 20));
	}
}

/** Lets in-flight messages arrive before asserting that something did not. */
export const settle = (ms = 500) => new Promise((done) => setTimeout(done, ms));

/** A bare Phoenix client over `ws`, to drive the protocol frame by frame. */
export type RawSocket = {
	ws: WebSocket;
	/** Every frame received, decoded (binary frames as `{binary: Buffer}`). */
	frames: unknown[];
	send(frame: unknown): void;
	sendBinary(bytes: Buffer): void;
	next<T = unknown>(match: (frame: unknown) => boolean, ms?: number): Promise<T | undefined>;
	closed: Promise<{ code: number }>;
};

export async function rawSocket(
	apiUrl: string,
	query: Record<string, string>,
	headers: Record<string, string> = {}
): Promise<RawSocket> {
	const { WebSocket: Ws } = await import('ws');
	const url = new URL('/realtime/v1/websocket', apiUrl.replace(/^http/, 'ws'));
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	const ws = new Ws(url, { headers });
	const frames: unknown[] = [];
	ws.on('message', (data, isBinary) => {
		const buffer = data as Buffer;
		frames.push(isBinary ? { binary: buffer } : JSON.parse(buffer.toString('utf8')));
	});
	const closed = new Promise<{ code: number }>((done) =>
		ws.once('close', (code) => done({ code }))
	);
	await new Promise<void>((done, fail) => {
		ws.once('open', () => done());
		ws.once('error', fail);
		ws.once('unexpected-response', (_request, response) => {
			let body = '';
			response.on('data', (chunk: Buffer) => (body += chunk));
			response.on('end', () =>
				fail(Object.assign(new Error(`upgrade refused`), { status: response.statusCode, body }))
			);
		});
	});
	return {
		ws: ws as unknown as WebSocket,
		frames,
		send: (frame) => ws.send(JSON.stringify(frame)),
		sendBinary: (bytes) => ws.send(bytes),
		next: (match, ms = 5_000) => eventually(() => frames.find(match), ms) as Promise<never>,
		closed
	};
}
