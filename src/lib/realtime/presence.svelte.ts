// Who is online: Realtime presence on the private `online` topic (any signed-in user may read and
// track it, supabase/README.md), one channel per tab, keyed by profile id so several tabs of one
// person count once. Started by src/routes/(app)/+layout.svelte next to the inbox.
//
//   presence.isOnline(profileId)   reactive
//   startPresence(viewerId)        joins and tracks the viewer; returns stop()
import type { RealtimeChannel } from '@supabase/realtime-js';
import { SvelteSet } from 'svelte/reactivity';
import { browser } from '$app/env';
import { getBrowserClient } from '#lib/supabase/browser.ts';
import type { RealtimeAccess, SessionAccess } from '#lib/supabase/clients.ts';

export const PRESENCE_TOPIC = 'online';
const REJOIN_DELAY_MS = 3000;

/** The profile ids present in a presence state (its keys are profile ids). */
export function onlineIds(state: Record<string, unknown[]>): string[] {
	return Object.entries(state)
		.filter(([, metas]) => Array.isArray(metas) && metas.length > 0)
		.map(([key]) => key);
}

type Client = RealtimeAccess & SessionAccess;

const online = new SvelteSet<string>();
let current: {
	channel: RealtimeChannel;
	client: Client;
	viewerId: string;
} | null = null;
let rejoinTimer: ReturnType<typeof setTimeout> | null = null;
/** Bumped by every start/stop, so a join still awaiting its token gives up when outdated. */
let generation = 0;
let activeViewer: string | null = null;

export const presence = {
	isOnline(profileId: string): boolean {
		return online.has(profileId);
	}
};

function sync(channel: RealtimeChannel) {
	const ids = new Set(onlineIds(channel.presenceState()));
	for (const id of [...online]) if (!ids.has(id)) online.delete(id);
	for (const id of ids) online.add(id);
}

/** `renew`: the server closed the last channel, perhaps for a token that only looked valid. */
async function join(client: Client, viewerId: string, run: number, renew = false) {
	const token = await client.session.getAccessToken({ force: renew });
	if (run !== generation || !token) return;
	await client.realtime.setAuth(token);
	if (run !== generation) return;
	const channel = client.channel(PRESENCE_TOPIC, {
		config: { private: true, presence: { key: viewerId } }
	});
	current = { channel, client, viewerId };
	channel
		.on('presence', { event: 'sync' }, () => {
			if (current?.channel === channel) sync(channel);
		})
		.subscribe((status) => {
			if (current?.channel !== channel) return;
			if (status === 'SUBSCRIBED') {
				// The server forgets a socket's presence when it dies: track again on every join.
				void channel.track({ online_at: new Date().toISOString() });
			} else if (status === 'CLOSED') {
				current = null;
				online.clear();
				void client.removeChannel(channel);
				rejoinTimer = setTimeout(() => {
					rejoinTimer = null;
					void join(client, viewerId, run, true);
				}, REJOIN_DELAY_MS);
			}
		});
}

export function startPresence(viewerId: string): () => void {
	if (!browser) return () => undefined;
	if (activeViewer === viewerId) return stopPresence;
	stopPresence();
	activeViewer = viewerId;
	void join(getBrowserClient(), viewerId, generation);
	return stopPresence;
}

export function stopPresence(): void {
	generation++;
	activeViewer = null;
	if (rejoinTimer) clearTimeout(rejoinTimer);
	rejoinTimer = null;
	if (current) void current.client.removeChannel(current.channel);
	current = null;
	online.clear();
}
