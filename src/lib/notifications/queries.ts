// The notifications list, newest first, by keyset pages on (created_at, id): the same read for
// the server load and the browser's « Charger plus » / refetch after a reconnection.
import type { PostgrestError } from '@supabase/postgrest-js';
import { compareKeys, olderThan } from '#lib/keyset.ts';
import type { Cursor } from '#lib/keyset.ts';
import type { DataClient } from '#lib/supabase/clients.ts';
import { NOTIFICATION_COLUMNS, NOTIFICATION_PAGE_SIZE } from './links.ts';
import type { Notification } from './links.ts';

export type NotificationPage = { notifications: Notification[]; hasMore: boolean };

export async function fetchNotifications(
	supabase: DataClient,
	options: { before?: Cursor | null; limit?: number } = {}
): Promise<{ data: NotificationPage; error: null } | { data: null; error: PostgrestError }> {
	const limit = options.limit ?? NOTIFICATION_PAGE_SIZE;
	let query = supabase.from('notifications').select(NOTIFICATION_COLUMNS);
	if (options.before) query = query.or(olderThan('created_at', options.before));
	const { data, error } = await query
		.order('created_at', { ascending: false })
		.order('id', { ascending: false })
		.limit(limit + 1);
	if (error) return { data: null, error };
	const rows = data ?? [];
	return {
		data: { notifications: rows.slice(0, limit), hasMore: rows.length > limit },
		error: null
	};
}

/** `list` with `incoming` merged by id, newest first; seen_at never goes back to null. */
export function mergeNotifications(list: Notification[], incoming: Notification[]): Notification[] {
	const byId = new Map(list.map((item) => [item.id, item]));
	for (const item of incoming) {
		const known = byId.get(item.id);
		byId.set(item.id, { ...known, ...item, seen_at: item.seen_at ?? known?.seen_at ?? null });
	}
	return [...byId.values()].sort(
		(a, b) => -compareKeys({ at: a.created_at, id: a.id }, { at: b.created_at, id: b.id })
	);
}
