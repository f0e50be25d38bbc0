// Typing signals on conversation:<a>:<b>: sent at most every two seconds while typing, one
// "stopped" after a send, shown for a few seconds after the last signal of the other person only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	joinTyping,
	TYPING_SEND_INTERVAL_MS,
	TYPING_SHOW_MS
} from '../../../../src/lib/messages/typing.ts';
import type { RealtimeAccess, SessionAccess } from '../../../../src/lib/supabase/clients.ts';

const ME = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER = 'bbbbbbbb-0000-4000-8000-000000000002';

function fakeClient() {
	const sent: unknown[] = [];
	let receive: (message: { payload: unknown }) => void = () => undefined;
	let status: (status: string) => void = () => undefined;
	const names: string[] = [];
	const removed = vi.fn();
	const channel = {
		on(_type: string, _filter: unknown, handler: typeof receive) {
			receive = handler;
			return channel;
		},
		subscribe(callback: typeof status) {
			status = callback;
			return channel;
		},
		send: async (message: unknown) => {
			sent.push(message);
			return 'ok';
		}
	};
	const client = {
		session: { getAccessToken: async () => 'jwt', onSessionChange: () => () => undefined },
		realtime: { setAuth: async () => undefined },
		channel: (name: string) => {
			names.push(name);
			return channel;
		},
		removeChannel: removed
	};
	return {
		client: client as unknown as RealtimeAccess & SessionAccess,
		sent,
		names,
		removed,
		receive: (payload: unknown) => receive({ payload }),
		status: (value: string) => status(value)
	};
}

describe('typing signals', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	async function joined() {
		const fake = fakeClient();
		const shown: boolean[] = [];
		const link = joinTyping(fake.client, ME, OTHER, (typing) => shown.push(typing));
		await vi.waitFor(() => expect(fake.names).toHaveLength(1));
		fake.status('SUBSCRIBED');
		return { fake, shown, link };
	}

	it('joins the pair’s sorted topic', async () => {
		const { fake } = await joined();
		expect(fake.names).toEqual([`conversation:${ME}:${OTHER}`]);
	});

	it('sends at most one signal every two seconds while the viewer types', async () => {
		const { fake, link } = await joined();
		link.typed();
		link.typed();
		vi.advanceTimersByTime(TYPING_SEND_INTERVAL_MS - 1);
		link.typed();
		expect(fake.sent).toHaveLength(1);
		vi.advanceTimersByTime(1);
		link.typed();
		expect(fake.sent).toHaveLength(2);
		expect(fake.sent[0]).toEqual({
			type: 'broadcast',
			event: 'typing',
			payload: { profile_id: ME, typing: true }
		});
	});

	it('says once that the viewer stopped, after a send', async () => {
		const { fake, link } = await joined();
		link.typed();
		link.stopped();
		link.stopped();
		expect(fake.sent.at(-1)).toMatchObject({ payload: { profile_id: ME, typing: false } });
		expect(fake.sent).toHaveLength(2);
	});

	it('shows the other person typing for a while after their last signal, ignoring anyone else', async () => {
		const { fake, shown } = await joined();
		fake.receive({ profile_id: 'someone-else', typing: true });
		expect(shown).toEqual([]);
		fake.receive({ profile_id: OTHER, typing: true });
		expect(shown).toEqual([true]);
		vi.advanceTimersByTime(TYPING_SHOW_MS);
		expect(shown).toEqual([true, false]);
		fake.receive({ profile_id: OTHER, typing: true });
		fake.receive({ profile_id: OTHER, typing: false });
		expect(shown).toEqual([true, false, true, false]);
	});

	it('sends nothing before the channel is joined, and leaves it when stopped', async () => {
		const fake = fakeClient();
		const link = joinTyping(fake.client, ME, OTHER, () => undefined);
		await vi.waitFor(() => expect(fake.names).toHaveLength(1));
		link.typed();
		expect(fake.sent).toHaveLength(0);
		link.stop();
		expect(fake.removed).toHaveBeenCalledOnce();
	});
});
