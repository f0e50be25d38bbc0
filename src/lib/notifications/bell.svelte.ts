// The bell in the top bar: the live count of unseen notifications (SSR snapshot, then inbox
// events, refetched after each reconnection) and a toast when one arrives. A page showing what a
// notification is about (an open conversation) may claim it: no toast, the page marks it seen.
//
//   bell.count                      reactive
//   bell.unseenFor(predicate)       unseen entries matching, e.g. the open conversation's
//   bell.markSeen(ids) / markAllSeen()   local update after the RPC
//   claimNotifications(predicate)   in a component: notifications it handles (returns nothing)
//   startBell(snapshot)             by the (app) layout; returns stop()
import { onMount } from 'svelte';
import { browser } from '$app/env';
import { showToast } from '#lib/components/toasts.svelte.ts';
import { onInboxEvent, onInboxResync } from '#lib/realtime/inbox.svelte.ts';
import { getBrowserClient } from '#lib/supabase/browser.ts';
import { notificationHref } from './links.ts';
import type { Notification } from './links.ts';
import { UNSEEN_QUERY_COLUMNS, UNSEEN_SNAPSHOT_LIMIT, UnseenSet } from './unseen.ts';
import type { UnseenEntry } from './unseen.ts';

let version = $state(0);
const unseen = new UnseenSet({ onChange: () => version++ });
type Claim = (notification: Notification) => boolean;
// Not reactive on purpose: claims are consulted when a notification arrives, never rendered.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const claims = new Set<Claim>();

export const bell = {
	get count(): number {
		void version;
		return unseen.size;
	},
	unseenFor(predicate: (entry: UnseenEntry) => boolean): UnseenEntry[] {
		void version;
		return unseen.entries().filter(predicate);
	},
	markSeen(ids: string[]) {
		unseen.markSeen(ids);
	},
	markAllSeen() {
		unseen.markAllSeen();
	},
	reset(snapshot: UnseenEntry[]) {
		unseen.reset(snapshot);
	}
};

async function refetch() {
	const { data, error } = await getBrowserClient()
		.from('notifications')
		.select(UNSEEN_QUERY_COLUMNS)
		.is('seen_at', null)
		.order('created_at', { ascending: false })
		.limit(UNSEEN_SNAPSHOT_LIMIT);
	// A failed refetch keeps the live count; the next reconnection tries again.
	if (!error && data) unseen.reset(data);
}

export function startBell(): () => void {
	if (!browser) return () => undefined;
	const offs = [
		onInboxEvent(
			'notification_created',
			({ record }) => {
				if (record.seen_at) return;
				if (!unseen.add({ id: record.id, kind: record.kind, link: record.link })) return;
				if ([...claims].some((claim) => claim(record))) return;
				showToast(record.title, { tone: 'info', href: notificationHref(record.link) ?? undefined });
			},
			// Live only: a replayed notification must not pop up a second toast.
			{ replay: false }
		),
		onInboxEvent('notification_updated', ({ record }) => {
			if (record.seen_at) unseen.markSeen([record.id]);
		}),
		onInboxResync(() => void refetch())
	];
	return () => offs.forEach((off) => off());
}

export function claimNotifications(claim: Claim): void {
	onMount(() => {
		claims.add(claim);
		return () => claims.delete(claim);
	});
}
