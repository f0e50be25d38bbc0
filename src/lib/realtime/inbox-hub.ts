// The engine behind the realtime inbox (see inbox.svelte.ts for the API pages use): one private
// channel user:<viewer id> carrying what the database broadcasts for that user (Broadcast from
// Database, payload { record, old_record, operation, table, schema }), handed to listeners by
// event name. Plain TypeScript without runes, so it is unit-tested with a fake client.
import type { RealtimeChannel } from '@supabase/realtime-js';
import type { RealtimeAccess, SessionAccess } from '#lib/supabase/clients.ts';
import type { Tables } from '#lib/supabase/database.types.ts';

export const INBOX_EVENTS = [
	'message_created',
	'message_read',
	'notification_created',
	'notification_updated',
	'coaching_request_changed',
	'coaching_session_changed'
] as const;

export type InboxEventName = (typeof INBOX_EVENTS)[number];

/** What realtime.broadcast_changes sends: the row after and before the change. */
export type RowChange<Row> = {
	record: Row;
	old_record: Row | null;
	operation: 'INSERT' | 'UPDATE' | 'DELETE';
	table: string;
	schema: string;
};

export type InboxEvents = {
	message_created: RowChange<Tables<'messages'>>;
	message_read: RowChange<Tables<'messages'>>;
	notification_created: RowChange<Tables<'notifications'>>;
	notification_updated: RowChange<Tables<'notifications'>>;
	coaching_request_changed: RowChange<Tables<'coaching_requests'>>;
	coaching_session_changed: RowChange<Tables<'coaching_sessions'>>;
};

export type InboxHandler<E extends InboxEventName> = (change: InboxEvents[E]) => void;

/**
 * idle: not started (signed out); connecting: first join under way; live: joined, events flow;
 * interrupted: the connection or the channel was lost and is being re-established.
 */
export type InboxStatus = 'idle' | 'connecting' | 'live' | 'interrupted';

export function inboxTopic(viewerId: string): string {
	return `user:${viewerId}`;
}

/** Events a listener registered late (a page mounted after its load) may still need. */
export const REPLAY_WINDOW_MS = 120_000;
const REPLAY_LIMIT = 200;
/** Broadcast ids remembered to drop a delivery seen twice. */
const SEEN_LIMIT = 1000;
/** Waits before re-creating a channel the server closed (token expiry, revoked access). */
export const REJOIN_DELAYS_MS = [1000, 2000, 5000, 10_000];

type Buffered = { event: InboxEventName; change: InboxEvents[InboxEventName]; at: number };
type AnyHandler = (change: InboxEvents[InboxEventName]) => void;
type Client = RealtimeAccess & SessionAccess;

export type InboxHubOptions = {
	onStatus?: (status: InboxStatus) => void;
	now?: () => number;
	setTimer?: (run: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
};

export class InboxHub {
	#status: InboxStatus = 'idle';
	#viewerId: string | null = null;
	#client: Client | null = null;
	#channel: RealtimeChannel | null = null;
	#stopSessionListener: (() => void) | null = null;
	#rejoinTimer: unknown = null;
	#rejoinAttempts = 0;
	#joins = 0;
	#handlers = new Map<InboxEventName, Set<AnyHandler>>();
	#resyncHandlers = new Set<() => void>();
	#buffer: Buffered[] = [];
	#seen = new Set<string>();
	#options: Required<InboxHubOptions>;

	constructor(options: InboxHubOptions = {}) {
		this.#options = {
			onStatus: options.onStatus ?? (() => undefined),
			now: options.now ?? (() => Date.now()),
			setTimer: options.setTimer ?? ((run, ms) => setTimeout(run, ms)),
			clearTimer:
				options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
		};
	}

	get status(): InboxStatus {
		return this.#status;
	}

	get viewerId(): string | null {
		return this.#viewerId;
	}

	/** How many times the channel has (re)joined since start: 1 after the first join. */
	get joins(): number {
		return this.#joins;
	}

	/** Joins user:<viewerId> (once: a second call for the same viewer is a no-op). */
	start(client: Client, viewerId: string): () => void {
		if (this.#client === client && this.#viewerId === viewerId && this.#status !== 'idle') {
			return () => this.stop();
		}
		this.stop();
		this.#client = client;
		this.#viewerId = viewerId;
		this.#setStatus('connecting');
		this.#stopSessionListener = client.session.onSessionChange((event, token) => {
			if (event === 'SIGNED_OUT') {
				this.stop();
			} else if (token && this.#client === client) {
				// Private channels are authorised with the user's JWT: hand every new one over, so
				// the server re-checks the channel with it instead of closing it at expiry.
				void client.realtime.setAuth(token);
			}
		});
		void this.#join();
		return () => this.stop();
	}

	/** Leaves the channel (sign-out, another viewer); listeners stay registered. */
	stop(): void {
		const client = this.#client;
		const channel = this.#channel;
		this.#client = null;
		this.#channel = null;
		this.#viewerId = null;
		this.#stopSessionListener?.();
		this.#stopSessionListener = null;
		if (this.#rejoinTimer !== null) this.#options.clearTimer(this.#rejoinTimer);
		this.#rejoinTimer = null;
		this.#rejoinAttempts = 0;
		this.#joins = 0;
		this.#buffer = [];
		this.#seen.clear();
		if (client && channel) void client.removeChannel(channel);
		this.#setStatus('idle');
	}

	/**
	 * Calls `handler` for every `event` from now on; with `replay` (default), first hands it the
	 * same events received in the last two minutes, for a page whose data was loaded before it
	 * could listen. Handlers must be idempotent (merge by row id): a replayed event may already be
	 * in the page's data.
	 */
	on<E extends InboxEventName>(
		event: E,
		handler: InboxHandler<E>,
		options: { replay?: boolean } = {}
	): () => void {
		const set = this.#handlers.get(event) ?? new Set<AnyHandler>();
		this.#handlers.set(event, set);
		const wrapped = handler as AnyHandler;
		set.add(wrapped);
		if (options.replay ?? true) {
			const since = this.#options.now() - REPLAY_WINDOW_MS;
			for (const item of this.#buffer) {
				if (item.event === event && item.at >= since) this.#call(wrapped, item.change);
			}
		}
		return () => {
			set.delete(wrapped);
		};
	}

	/**
	 * Calls `handler` each time the channel becomes live (the first join and every rejoin after a
	 * lost connection): events sent while it was not live are not delivered again, so the page
	 * refetches what it shows and merges by row id.
	 */
	onResync(handler: () => void): () => void {
		this.#resyncHandlers.add(handler);
		return () => {
			this.#resyncHandlers.delete(handler);
		};
	}

	/** Entry point of a broadcast (exposed for tests): dedupe, buffer, dispatch. */
	receive(message: { event?: string; payload?: unknown; meta?: { id?: string } }): void {
		const event = message.event as InboxEventName;
		if (!INBOX_EVENTS.includes(event)) return;
		const payload = message.payload as (InboxEvents[InboxEventName] & { id?: string }) | null;
		if (!payload || typeof payload !== 'object' || !payload.record) return;
		const id = message.meta?.id ?? payload.id;
		if (id) {
			if (this.#seen.has(id)) return;
			this.#seen.add(id);
			if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
		}
		this.#buffer.push({ event, change: payload, at: this.#options.now() });
		if (this.#buffer.length > REPLAY_LIMIT) this.#buffer.shift();
		for (const handler of this.#handlers.get(event) ?? []) this.#call(handler, payload);
	}

	/** `renew`: the last channel was closed by the server, maybe for a token that only looked valid. */
	async #join(renew = false): Promise<void> {
		const client = this.#client;
		const viewerId = this.#viewerId;
		if (!client || !viewerId) return;
		const token = await client.session.getAccessToken({ force: renew });
		if (this.#client !== client) return;
		if (!token) {
			this.#setStatus('interrupted');
			this.#scheduleRejoin();
			return;
		}
		await client.realtime.setAuth(token);
		if (this.#client !== client) return;
		const channel = client.channel(inboxTopic(viewerId), { config: { private: true } });
		this.#channel = channel;
		channel
			.on('broadcast', { event: '*' }, (message) => {
				if (this.#channel === channel) this.receive(message);
			})
			.subscribe((status) => {
				if (this.#channel !== channel) return;
				if (status === 'SUBSCRIBED') {
					this.#rejoinAttempts = 0;
					this.#joins++;
					this.#setStatus('live');
					for (const handler of [...this.#resyncHandlers]) this.#safely(handler);
				} else if (status === 'CLOSED') {
					// Closed by the server (expired token, access revoked): realtime-js does not
					// rejoin a closed channel, so a new one is made with a fresh token.
					this.#setStatus('interrupted');
					this.#channel = null;
					void client.removeChannel(channel);
					this.#scheduleRejoin(true);
				} else {
					// CHANNEL_ERROR / TIMED_OUT: realtime-js rejoins by itself with backoff.
					this.#setStatus('interrupted');
				}
			});
	}

	#scheduleRejoin(renew = false): void {
		if (this.#rejoinTimer !== null || !this.#client) return;
		const delay = REJOIN_DELAYS_MS[Math.min(this.#rejoinAttempts, REJOIN_DELAYS_MS.length - 1)];
		this.#rejoinAttempts++;
		this.#rejoinTimer = this.#options.setTimer(() => {
			this.#rejoinTimer = null;
			void this.#join(renew);
		}, delay);
	}

	#setStatus(status: InboxStatus): void {
		if (this.#status === status) return;
		this.#status = status;
		this.#options.onStatus(status);
	}

	#call(handler: AnyHandler, change: InboxEvents[InboxEventName]): void {
		this.#safely(() => handler(change));
	}

	#safely(run: () => void): void {
		try {
			run();
		} catch (error) {
			// One page's broken handler must not stop the others from hearing the event.
			console.error('inbox handler failed', error);
		}
	}
}
