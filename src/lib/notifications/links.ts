// Where a notification leads. The `link` column holds an app path written by the database
// (triggers, reminders, seed); only paths of pages the app has are followed.
import type { Tables } from '#lib/supabase/database.types.ts';

export type Notification = Pick<
	Tables<'notifications'>,
	'id' | 'kind' | 'title' | 'body' | 'link' | 'created_at' | 'seen_at'
>;

export const NOTIFICATION_COLUMNS = 'id, kind, title, body, link, created_at, seen_at';
export const NOTIFICATION_PAGE_SIZE = 20;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Path patterns the database produces, each served by a page of the app. */
const APP_PATHS = [
	new RegExp(`^/coaching-requests/${UUID}$`, 'i'),
	new RegExp(`^/coaching-sessions/${UUID}(/video)?$`, 'i'),
	new RegExp(`^/messages/${UUID}$`, 'i'),
	new RegExp(`^/plans/${UUID}$`, 'i'),
	/^\/(dashboard|profile|notifications|messages|plans|coaching-requests|coaching-sessions|coaches|companies|contacts|documents)$/
];

export function notificationHref(link: string | null | undefined): string | null {
	if (!link) return null;
	const [path, rest = ''] = splitPath(link);
	return APP_PATHS.some((pattern) => pattern.test(path)) ? `${path}${rest}` : null;
}

function splitPath(link: string): [string, string] {
	const at = link.search(/[?#]/);
	return at === -1 ? [link, ''] : [link.slice(0, at), link.slice(at)];
}

/** The conversation a message notification is about, or null. */
export function conversationOf(notification: Pick<Notification, 'kind' | 'link'>): string | null {
	if (notification.kind !== 'message_received' || !notification.link) return null;
	const match = new RegExp(`^/messages/(${UUID})$`, 'i').exec(notification.link);
	return match ? match[1].toLowerCase() : null;
}
