// The realtime inbox of the signed-in user: ONE private channel `user:<viewer id>` per browser
// tab, joined with the user's JWT (realtime.setAuth, renewed on every auth change), started once
// by src/routes/(app)/+layout.svelte and left on sign-out. The database broadcasts on it
// (supabase/README.md, « Notifications and Realtime »); no postgres_changes anywhere.
//
// API (browser only; all functions are no-ops on the server):
//   inbox.status                     'idle' | 'connecting' | 'live' | 'interrupted' (reactive)
//   startInbox(viewerId)             joins user:<viewerId>; returns stop(). Called by the layout.
//   stopInbox()                      leaves the channel (also done on SIGNED_OUT).
//   onInboxEvent(name, handler, { replay? })
//                                    handler({ record, old_record, operation, table, schema })
//                                    for every `name` event; returns an unsubscribe function.
//                                    Names: message_created, message_read, notification_created,
//                                    notification_updated, coaching_request_changed,
//                                    coaching_session_changed. With replay (default) the
//                                    handler first gets the same events received in the last
//                                    two minutes, covering the gap between a page's load and
//                                    its mount: handlers must merge by row id (idempotent).
//   onInboxResync(handler)           handler() each time the channel becomes live: the first
//                                    join and every rejoin after a lost connection. Events sent
//                                    meanwhile are not redelivered: refetch, merge by row id.
//   watchInbox({ message_created?, …, resync? })
//                                    the two above for a component: call it during component
//                                    initialisation; everything is removed when it is destroyed.
//
// Example (a page showing coaching requests):
//   watchInbox({
//     coaching_request_changed: ({ record }) => (requests = upsertById(requests, record)),
//     resync: () => invalidate('app:coaching-requests')
//   });
import { onMount } from 'svelte';
import { browser } from '$app/env';
import { getBrowserClient } from '#lib/supabase/browser.ts';
import { InboxHub } from './inbox-hub.ts';
import type { InboxEventName, InboxHandler, InboxStatus } from './inbox-hub.ts';

export type {
	InboxEventName,
	InboxEvents,
	InboxHandler,
	InboxStatus,
	RowChange
} from './inbox-hub.ts';
export { INBOX_EVENTS, inboxTopic } from './inbox-hub.ts';

const state = $state<{ status: InboxStatus }>({ status: 'idle' });
const hub = new InboxHub({ onStatus: (status) => (state.status = status) });

export const inbox = {
	get status(): InboxStatus {
		return state.status;
	},
	get viewerId(): string | null {
		return hub.viewerId;
	}
};

export function startInbox(viewerId: string): () => void {
	if (!browser) return () => undefined;
	return hub.start(getBrowserClient(), viewerId);
}

export function stopInbox(): void {
	hub.stop();
}

export function onInboxEvent<E extends InboxEventName>(
	event: E,
	handler: InboxHandler<E>,
	options: { replay?: boolean } = {}
): () => void {
	if (!browser) return () => undefined;
	return hub.on(event, handler, options);
}

export function onInboxResync(handler: () => void): () => void {
	if (!browser) return () => undefined;
	return hub.onResync(handler);
}

export type InboxWatchers = { [E in InboxEventName]?: InboxHandler<E> } & { resync?: () => void };

export function watchInbox(watchers: InboxWatchers): void {
	// onMount runs untracked: handlers that read state do not re-register on every change.
	onMount(() => {
		const offs: (() => void)[] = [];
		for (const [name, handler] of Object.entries(watchers)) {
			if (name === 'resync') offs.push(onInboxResync(handler as () => void));
			else if (handler)
				offs.push(onInboxEvent(name as InboxEventName, handler as InboxHandler<InboxEventName>));
		}
		return () => offs.forEach((off) => off());
	});
}
