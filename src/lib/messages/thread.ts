// A conversation's messages in the browser: ordered by (sent_at, id) like the database's keyset,
// merged by id so a message seen through SSR, a realtime event, a refetch and its own send shows
// once; the typing topic of a pair; lengths as Postgres counts them.
import { compareKeys } from '#lib/keyset.ts';
import type { Cursor } from '#lib/keyset.ts';
import type { Tables } from '#lib/supabase/database.types.ts';

export type Message = Pick<
	Tables<'messages'>,
	'id' | 'sender_id' | 'recipient_id' | 'body' | 'sent_at' | 'read_at'
>;

/** pending: sent, no answer yet; failed: the send did not reach the database; sent: stored. */
export type Delivery = 'pending' | 'sent' | 'failed';
export type ThreadMessage = Message & { delivery: Delivery; error?: string };

export const MESSAGE_MAX_LENGTH = 4000;
export const MESSAGE_PAGE_SIZE = 30;
export const MESSAGE_COLUMNS = 'id, sender_id, recipient_id, body, sent_at, read_at';

/**
 * Characters as Postgres' char_length counts them (code points), so the counter and the zod
 * rule agree with the database's 1–4000 check: an emoji is one character, not two.
 */
export function bodyLength(body: string): number {
	let count = 0;
	for (const _ of body) count++;
	return count;
}

export function compareMessages(
	a: Pick<Message, 'sent_at' | 'id'>,
	b: Pick<Message, 'sent_at' | 'id'>
) {
	return compareKeys({ at: a.sent_at, id: a.id }, { at: b.sent_at, id: b.id });
}

/**
 * `list` with `incoming` merged in, oldest first. A stored row replaces a pending or failed copy
 * of itself (same id: the client chose it); read_at never goes back to null, whatever order
 * the versions arrive in.
 */
export function mergeMessages(
	list: ThreadMessage[],
	incoming: (Message | ThreadMessage)[]
): ThreadMessage[] {
	const byId = new Map(list.map((message) => [message.id, message]));
	for (const message of incoming) {
		const known = byId.get(message.id);
		const delivery = 'delivery' in message ? message.delivery : 'sent';
		if (known && known.delivery === 'sent' && delivery !== 'sent') continue;
		const next: ThreadMessage = { ...known, ...message, delivery };
		if (delivery === 'sent') delete next.error;
		next.read_at = message.read_at ?? known?.read_at ?? null;
		byId.set(message.id, next);
	}
	return [...byId.values()].sort(compareMessages);
}

/** Whether a message belongs to the conversation between these two people. */
export function isBetween(
	message: Pick<Message, 'sender_id' | 'recipient_id'>,
	a: string,
	b: string
) {
	return (
		(message.sender_id === a && message.recipient_id === b) ||
		(message.sender_id === b && message.recipient_id === a)
	);
}

/** The cursor of "older than this message". */
export function cursorOf(message: Pick<Message, 'sent_at' | 'id'>): Cursor {
	return { at: message.sent_at, id: message.id };
}

/**
 * The private topic of a pair's typing signals: both ids lowercase, the smaller first, as the
 * realtime policy (private.is_conversation_topic_member) requires.
 */
export function conversationTopic(a: string, b: string): string {
	const [first, second] = [a.toLowerCase(), b.toLowerCase()].sort();
	return `conversation:${first}:${second}`;
}
