// The reads of the messages pages, shared by the server loads (the user's SSR client) and the
// browser (older pages, refetch after a reconnection): the same filters either way, under RLS.
import type { PostgrestError } from '@supabase/postgrest-js';
import { olderThan } from '#lib/keyset.ts';
import type { Cursor } from '#lib/keyset.ts';
import type { DataClient } from '#lib/supabase/clients.ts';
import type { Database } from '#lib/supabase/database.types.ts';
import { MESSAGE_COLUMNS, MESSAGE_PAGE_SIZE } from './thread.ts';
import type { Message } from './thread.ts';

type Client = DataClient;

export type ConversationPage = { messages: Message[]; hasOlder: boolean };

/**
 * The `limit` latest messages between the viewer and the counterpart (older than `before`
 * when given), returned oldest first. Ids must be valid uuids (checked by the callers), as
 * they go into the filter text.
 */
export async function fetchConversationPage(
	supabase: Client,
	viewerId: string,
	counterpartId: string,
	options: { before?: Cursor | null; limit?: number } = {}
): Promise<{ data: ConversationPage; error: null } | { data: null; error: PostgrestError }> {
	const limit = options.limit ?? MESSAGE_PAGE_SIZE;
	let query = supabase
		.from('messages')
		.select(MESSAGE_COLUMNS)
		.or(
			`and(sender_id.eq.${viewerId},recipient_id.eq.${counterpartId}),and(sender_id.eq.${counterpartId},recipient_id.eq.${viewerId})`
		);
	if (options.before) query = query.or(olderThan('sent_at', options.before));
	const { data, error } = await query
		.order('sent_at', { ascending: false })
		.order('id', { ascending: false })
		.limit(limit + 1);
	if (error) return { data: null, error };
	const rows = data ?? [];
	return {
		data: { messages: rows.slice(0, limit).reverse(), hasOlder: rows.length > limit },
		error: null
	};
}

export type Counterpart = {
	id: string;
	firstName: string;
	lastName: string;
	name: string;
	role: Database['public']['Enums']['user_role'];
	avatarPath: string | null;
};

export const PROFILE_COLUMNS = 'id, first_name, last_name, role, avatar_path';

export function toCounterpart(row: {
	id: string;
	first_name: string;
	last_name: string;
	role: Database['public']['Enums']['user_role'];
	avatar_path: string | null;
}): Counterpart {
	return {
		id: row.id,
		firstName: row.first_name,
		lastName: row.last_name,
		name: `${row.first_name} ${row.last_name}`.trim(),
		role: row.role,
		avatarPath: row.avatar_path
	};
}

export type ConversationSummary = {
	counterpart: Counterpart | null;
	counterpartId: string;
	lastMessageId: string;
	lastMessageSenderId: string;
	lastMessageBody: string;
	lastMessageAt: string;
	unreadCount: number;
};

/** The viewer's conversations, most recent first, with each counterpart's profile. */
export async function fetchConversations(
	supabase: Client,
	viewerId: string
): Promise<{ data: ConversationSummary[]; error: null } | { data: null; error: PostgrestError }> {
	const { data: rows, error } = await supabase
		.from('conversations')
		.select(
			'counterpart_id, last_message_id, last_message_sender_id, last_message_body, last_message_at, unread_count'
		)
		.eq('profile_id', viewerId)
		.order('last_message_at', { ascending: false });
	if (error) return { data: null, error };
	const ids = [
		...new Set((rows ?? []).map((row) => row.counterpart_id).filter(Boolean))
	] as string[];
	const profiles = new Map<string, Counterpart>();
	if (ids.length > 0) {
		const { data: people, error: peopleError } = await supabase
			.from('profiles')
			.select(PROFILE_COLUMNS)
			.in('id', ids);
		if (peopleError) return { data: null, error: peopleError };
		for (const person of people ?? []) profiles.set(person.id, toCounterpart(person));
	}
	return {
		data: (rows ?? []).map((row) => ({
			counterpart: profiles.get(row.counterpart_id ?? '') ?? null,
			counterpartId: row.counterpart_id ?? '',
			lastMessageId: row.last_message_id ?? '',
			lastMessageSenderId: row.last_message_sender_id ?? '',
			lastMessageBody: row.last_message_body ?? '',
			lastMessageAt: row.last_message_at ?? '',
			unreadCount: row.unread_count ?? 0
		})),
		error: null
	};
}
