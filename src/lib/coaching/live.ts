// Keeps a coaching page in step with what the other party does: the coaching events of the
// viewer's realtime inbox (user:<id>, see #lib/realtime/inbox.svelte.ts) and every rejoin after
// a lost connection re-run the page's loads that depend on `key`. Refetching instead of patching
// rows means nothing is lost or shown twice; a burst of events (or replayed ones) is coalesced
// into one refetch.
import { invalidate } from '$app/navigation';
import { watchInbox } from '#lib/realtime/inbox.svelte.ts';
import type { InboxEvents } from '#lib/realtime/inbox.svelte.ts';

export const COACHING_REQUESTS = 'app:coaching-requests';
export const COACHING_SESSIONS = 'app:coaching-sessions';

type Change = InboxEvents['coaching_request_changed'] | InboxEvents['coaching_session_changed'];

export function refreshOnCoachingChanges(options: {
	key: string;
	requests?: boolean | ((change: InboxEvents['coaching_request_changed']) => boolean);
	sessions?: boolean | ((change: InboxEvents['coaching_session_changed']) => boolean);
}): void {
	let queued = false;
	const refresh = () => {
		if (queued) return;
		queued = true;
		queueMicrotask(() => {
			queued = false;
			void invalidate(options.key);
		});
	};
	const when =
		<C extends Change>(wanted: boolean | ((change: C) => boolean) | undefined) =>
		(change: C) => {
			if (wanted === true || (typeof wanted === 'function' && wanted(change))) refresh();
		};
	watchInbox({
		coaching_request_changed: when(options.requests),
		coaching_session_changed: when(options.sessions),
		resync: refresh
	});
}
