// A conversation in the browser: each message once, in keyset order, whatever path it came by
// (load, realtime, refetch, its own send); lengths counted like Postgres; the typing topic.
import { describe, expect, it } from 'vitest';
import {
	bodyLength,
	conversationTopic,
	isBetween,
	mergeMessages
} from '../../../../src/lib/messages/thread.ts';
import type { Message, ThreadMessage } from '../../../../src/lib/messages/thread.ts';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';

const message = (id: string, sent_at: string, extra: Partial<Message> = {}): Message => ({
	id,
	sender_id: A,
	recipient_id: B,
	body: `Message ${id}`,
	sent_at,
	read_at: null,
	...extra
});
const stored = (m: Message): ThreadMessage => ({ ...m, delivery: 'sent' });

describe('merging messages', () => {
	it('keeps one copy of a message delivered twice', () => {
		const m = message('m1', '2026-09-01T10:00:00+00:00');
		expect(mergeMessages([stored(m)], [m, m])).toHaveLength(1);
	});

	it('orders by sent_at, then id for messages of the same instant', () => {
		const at = '2026-09-01T10:00:00.000001+00:00';
		const list = mergeMessages(
			[],
			[message('c', '2026-09-01T11:00:00Z'), message('b', at), message('a', at)]
		);
		expect(list.map((m) => m.id)).toEqual(['a', 'b', 'c']);
	});

	it('replaces a pending copy with the stored row of the same id', () => {
		const pending: ThreadMessage = {
			...message('m1', '2026-09-01T10:00:05Z'),
			delivery: 'pending'
		};
		const list = mergeMessages([pending], [message('m1', '2026-09-01T10:00:00.123456+00:00')]);
		expect(list).toEqual([
			{ ...message('m1', '2026-09-01T10:00:00.123456+00:00'), delivery: 'sent' }
		]);
	});

	it('never turns a stored message back into a pending or failed one', () => {
		const m = message('m1', '2026-09-01T10:00:00Z');
		const list = mergeMessages([stored(m)], [{ ...m, delivery: 'failed', error: 'réseau' }]);
		expect(list[0].delivery).toBe('sent');
		expect(list[0].error).toBeUndefined();
	});

	it('keeps a read receipt when an older version of the row arrives after it', () => {
		const read = message('m1', '2026-09-01T10:00:00Z', { read_at: '2026-09-01T10:05:00Z' });
		const list = mergeMessages([stored(read)], [message('m1', '2026-09-01T10:00:00Z')]);
		expect(list[0].read_at).toBe('2026-09-01T10:05:00Z');
	});
});

describe('pairs', () => {
	it('tells a message of the pair, in either direction, from others', () => {
		expect(isBetween({ sender_id: A, recipient_id: B }, A, B)).toBe(true);
		expect(isBetween({ sender_id: B, recipient_id: A }, A, B)).toBe(true);
		expect(isBetween({ sender_id: A, recipient_id: 'c' }, A, B)).toBe(false);
	});

	it('names the typing topic with the two ids lowercase, smaller first, from either side', () => {
		const topic = `conversation:${A}:${B}`;
		expect(conversationTopic(B, A)).toBe(topic);
		expect(conversationTopic(A.toUpperCase(), B)).toBe(topic);
	});
});

describe('lengths', () => {
	it('counts characters as Postgres char_length does: an emoji is one', () => {
		expect(bodyLength('café')).toBe(4);
		expect(bodyLength('👋🏽')).toBe(2);
		expect('👋'.length).toBe(2);
		expect(bodyLength('👋')).toBe(1);
	});
});
