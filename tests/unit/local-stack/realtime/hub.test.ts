import { describe, expect, it } from 'vitest';
import { Hub, tenantTopic } from '../../../../local-stack/realtime/hub.ts';
import type { Subscriber } from '../../../../local-stack/realtime/hub.ts';
import type { Encoded, Vsn } from '../../../../local-stack/realtime/protocol/frames.ts';

let ids = 0;
function subscriber(
	vsn: Vsn,
	options: { broadcast?: boolean; presence?: boolean; replayed?: string[] } = {}
) {
	const sent: Encoded[] = [];
	const sub: Subscriber & { sent: Encoded[] } = {
		id: ++ids,
		topic: 'realtime:room',
		vsn,
		sent,
		send: (frame) => sent.push(frame),
		canReadBroadcast: () => options.broadcast ?? true,
		canReadPresence: () => options.presence ?? true,
		alreadyReplayed: (id) => (options.replayed ?? []).includes(id)
	};
	return sub;
}

const userMessage = (id?: string) => ({
	kind: 'user' as const,
	message: {
		userEvent: 'e',
		encoding: 'json' as const,
		payload: Buffer.from('{"a":1}'),
		meta: id ? { id } : null
	},
	id
});

describe('the hub', () => {
	it('names tenant topics like Realtime: public and private channels are separate', () => {
		expect(tenantTopic('room', false)).toBe('realtime-dev:room');
		expect(tenantTopic('room', true)).toBe('realtime-dev-private:room');
	});

	it('encodes a broadcast once per protocol version and sends the same frame to each', () => {
		const hub = new Hub();
		const [a, b, c] = [subscriber('2.0.0'), subscriber('2.0.0'), subscriber('1.0.0')];
		for (const s of [a, b, c]) hub.subscribe('t', s);
		expect(hub.broadcast('t', userMessage())).toBe(3);
		expect(a.sent[0]).toBe(b.sent[0]);
		expect(Buffer.isBuffer(a.sent[0])).toBe(true);
		expect(typeof c.sent[0]).toBe('string');
	});

	it('skips the sender, readers without broadcast.read, and messages already replayed', () => {
		const hub = new Hub();
		const sender = subscriber('2.0.0');
		const blind = subscriber('2.0.0', { broadcast: false });
		const replayed = subscriber('2.0.0', { replayed: ['m1'] });
		const reader = subscriber('2.0.0');
		for (const s of [sender, blind, replayed, reader]) hub.subscribe('t', s);
		hub.broadcast('t', userMessage('m1'), sender);
		expect([sender, blind, replayed, reader].map((s) => s.sent.length)).toEqual([0, 0, 0, 1]);
	});

	it('sends presence diffs only to presence readers, and forgets an empty presence', () => {
		const hub = new Hub();
		const reader = subscriber('2.0.0');
		const denied = subscriber('2.0.0', { presence: false });
		hub.subscribe('t', reader);
		hub.subscribe('t', denied);
		hub.presenceDiff('t', hub.presence('t').track(reader.id, 'k', { x: 1 }));
		expect(JSON.parse(reader.sent[0] as string)[3]).toBe('presence_diff');
		expect(denied.sent).toEqual([]);
		hub.presenceDiff('t', hub.untrackAll('t', reader.id)!);
		expect(hub.presenceState('t')).toEqual({});
	});

	it('stops delivering to an unsubscribed channel', () => {
		const hub = new Hub();
		const s = subscriber('2.0.0');
		hub.subscribe('t', s);
		hub.unsubscribe('t', s);
		expect(hub.broadcast('t', userMessage())).toBe(0);
		expect(hub.subscribers('t').size).toBe(0);
	});
});
