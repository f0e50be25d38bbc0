import { describe, expect, it, vi } from 'vitest';
import { InboxHub, REPLAY_WINDOW_MS } from '../../../../src/lib/realtime/inbox-hub.ts';
import type { InboxStatus } from '../../../../src/lib/realtime/inbox-hub.ts';
import type { RealtimeAccess, SessionAccess } from '../../../../src/lib/supabase/clients.ts';
import type { SessionEvent } from '../../../../src/lib/supabase/session.ts';

type Broadcast = { event: string; payload: unknown; meta?: { id?: string } };

/** A stand-in for the browser client: records channels, lets the test play the server. */
function fakeClient(token: string | null = 'jwt-1') {
	const channels: {
		name: string;
		options: unknown;
		emit: (message: Broadcast) => void;
		status: (status: string) => void;
		removed: boolean;
		channel?: unknown;
	}[] = [];
	let sessionListener: ((event: SessionEvent, token: string | null) => void) | null = null;
	const setAuth = vi.fn(async () => undefined);
	const client = {
		session: {
			getAccessToken: vi.fn(async (options?: { force?: boolean }) => {
				void options;
				return token;
			}),
			onSessionChange: (listener: NonNullable<typeof sessionListener>) => {
				sessionListener = listener;
				return () => {
					sessionListener = null;
				};
			}
		},
		realtime: { setAuth },
		channel(name: string, options: unknown) {
			const entry: (typeof channels)[number] = {
				name,
				options,
				emit: () => undefined,
				status: () => undefined,
				removed: false
			};
			channels.push(entry);
			const channel = {
				on(_type: string, _filter: unknown, handler: (message: Broadcast) => void) {
					entry.emit = handler;
					return channel;
				},
				subscribe(callback: (status: string) => void) {
					entry.status = callback;
					return channel;
				}
			};
			entry.channel = channel;
			return channel;
		},
		async removeChannel(channel: unknown) {
			const entry = channels.find((candidate) => candidate.channel === channel);
			if (entry) entry.removed = true;
			return 'ok';
		}
	};
	return {
		client: client as unknown as RealtimeAccess & SessionAccess,
		channels,
		setAuth,
		session: client.session,
		sessionEvent: (event: SessionEvent, token: string | null) => sessionListener?.(event, token),
		hasSessionListener: () => sessionListener !== null
	};
}

const flush = () => new Promise((done) => setTimeout(done, 0));

function message(id: string, body = 'Bonjour') {
	return {
		event: 'message_created',
		payload: {
			record: { id, body, sender_id: 'a', recipient_id: 'b', sent_at: '2026-01-01T10:00:00+00:00' },
			old_record: null,
			operation: 'INSERT',
			table: 'messages',
			schema: 'public',
			id: `broadcast-${id}`
		}
	};
}

function timers() {
	const pending: { run: () => void; ms: number }[] = [];
	return {
		pending,
		setTimer: (run: () => void, ms: number) => {
			const timer = { run, ms };
			pending.push(timer);
			return timer;
		},
		clearTimer: (timer: unknown) => {
			const index = pending.indexOf(timer as (typeof pending)[number]);
			if (index >= 0) pending.splice(index, 1);
		},
		fire: () => pending.splice(0).forEach((timer) => timer.run())
	};
}

describe('InboxHub', () => {
	it('joins the private channel user:<viewer id> with the session token', async () => {
		const fake = fakeClient('jwt-viewer');
		const hub = new InboxHub();
		hub.start(fake.client, 'viewer-1');
		await flush();
		expect(fake.setAuth).toHaveBeenCalledWith('jwt-viewer');
		expect(fake.channels).toHaveLength(1);
		expect(fake.channels[0].name).toBe('user:viewer-1');
		expect(fake.channels[0].options).toEqual({ config: { private: true } });
	});

	it('starting twice for the same viewer keeps one channel', async () => {
		const fake = fakeClient();
		const hub = new InboxHub();
		hub.start(fake.client, 'viewer-1');
		hub.start(fake.client, 'viewer-1');
		await flush();
		expect(fake.channels).toHaveLength(1);
	});

	it('reports connecting, then live once subscribed, then interrupted on a channel error', async () => {
		const fake = fakeClient();
		const statuses: InboxStatus[] = [];
		const hub = new InboxHub({ onStatus: (status) => statuses.push(status) });
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].status('SUBSCRIBED');
		fake.channels[0].status('CHANNEL_ERROR');
		fake.channels[0].status('SUBSCRIBED');
		expect(statuses).toEqual(['connecting', 'live', 'interrupted', 'live']);
	});

	it('hands each event to the listeners of its name only', async () => {
		const fake = fakeClient();
		const hub = new InboxHub();
		const created = vi.fn();
		const read = vi.fn();
		hub.on('message_created', created);
		hub.on('message_read', read);
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].emit(message('m1'));
		expect(created).toHaveBeenCalledOnce();
		expect(created.mock.calls[0][0].record.id).toBe('m1');
		expect(read).not.toHaveBeenCalled();
	});

	it('drops a broadcast delivered twice and ignores unknown events', async () => {
		const fake = fakeClient();
		const hub = new InboxHub();
		const created = vi.fn();
		hub.on('message_created', created);
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].emit(message('m1'));
		fake.channels[0].emit(message('m1'));
		fake.channels[0].emit({ event: 'something_else', payload: { record: {} } });
		expect(created).toHaveBeenCalledOnce();
	});

	it('replays recent events to a listener registered after they arrived, not older ones', async () => {
		let now = 1_000_000;
		const fake = fakeClient();
		const hub = new InboxHub({ now: () => now });
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].emit(message('old'));
		now += REPLAY_WINDOW_MS + 1;
		fake.channels[0].emit(message('recent'));
		const late = vi.fn();
		hub.on('message_created', late);
		expect(late.mock.calls.map(([change]) => change.record.id)).toEqual(['recent']);
		const noReplay = vi.fn();
		hub.on('message_created', noReplay, { replay: false });
		expect(noReplay).not.toHaveBeenCalled();
	});

	it('asks listeners to resync on the first join and after every rejoin', async () => {
		const fake = fakeClient();
		const hub = new InboxHub();
		const resync = vi.fn();
		hub.onResync(resync);
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].status('SUBSCRIBED');
		expect(resync).toHaveBeenCalledTimes(1);
		fake.channels[0].status('TIMED_OUT');
		fake.channels[0].status('SUBSCRIBED');
		expect(resync).toHaveBeenCalledTimes(2);
		expect(hub.joins).toBe(2);
	});

	it('makes a new channel with a fresh token when the server closes the channel', async () => {
		const fake = fakeClient();
		const clock = timers();
		const hub = new InboxHub(clock);
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].status('SUBSCRIBED');
		fake.channels[0].status('CLOSED');
		expect(hub.status).toBe('interrupted');
		expect(fake.channels[0].removed).toBe(true);
		expect(clock.pending).toHaveLength(1);
		clock.fire();
		await flush();
		expect(fake.channels).toHaveLength(2);
		expect(fake.setAuth).toHaveBeenCalledTimes(2);
		// The closed channel's token may have only looked valid (a browser clock behind): renewed.
		expect(fake.session.getAccessToken.mock.calls.map(([options]) => options)).toEqual([
			{ force: false },
			{ force: true }
		]);
		const late = vi.fn();
		hub.on('message_created', late);
		// Events of the closed channel no longer count; the new one delivers.
		fake.channels[0].emit(message('stale'));
		fake.channels[1].emit(message('fresh'));
		expect(late.mock.calls.map(([change]) => change.record.id)).toEqual(['fresh']);
	});

	it('waits and retries when there is no session yet', async () => {
		const fake = fakeClient(null);
		const clock = timers();
		const hub = new InboxHub(clock);
		hub.start(fake.client, 'viewer-1');
		await flush();
		expect(fake.channels).toHaveLength(0);
		expect(hub.status).toBe('interrupted');
		expect(clock.pending[0].ms).toBe(1000);
	});

	it('passes every refreshed token to Realtime and stops on sign-out', async () => {
		const fake = fakeClient();
		const hub = new InboxHub();
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.sessionEvent('TOKEN_REFRESHED', 'jwt-2');
		expect(fake.setAuth).toHaveBeenLastCalledWith('jwt-2');
		fake.sessionEvent('SIGNED_OUT', null);
		expect(hub.status).toBe('idle');
		expect(hub.viewerId).toBeNull();
		expect(fake.channels[0].removed).toBe(true);
		expect(fake.hasSessionListener()).toBe(false);
	});

	it('keeps delivering to other listeners when one of them throws', async () => {
		const fake = fakeClient();
		const hub = new InboxHub();
		const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const good = vi.fn();
		hub.on('message_created', () => {
			throw new Error('broken page');
		});
		hub.on('message_created', good);
		hub.start(fake.client, 'viewer-1');
		await flush();
		fake.channels[0].emit(message('m1'));
		expect(good).toHaveBeenCalledOnce();
		expect(error).toHaveBeenCalled();
		error.mockRestore();
	});
});
