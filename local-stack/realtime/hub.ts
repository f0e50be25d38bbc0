// The in-process PubSub of Realtime: channels subscribe to their tenant topic
// (`realtime-dev:<topic>` or `realtime-dev-private:<topic>`), and a message is encoded once per
// protocol version and written to every subscriber allowed to read it (MessageDispatcher).
import type { PresenceDiff } from './channels/presence.ts';
import { PresenceTopic } from './channels/presence.ts';
import {
	encodeBroadcast,
	encodeUserBroadcastBinary,
	encodeUserBroadcastJson
} from './protocol/frames.ts';
import type { Encoded, UserBroadcast, Vsn } from './protocol/frames.ts';

/** The tenant id of the CLI's Realtime. */
export const TENANT = 'realtime-dev';

export function tenantTopic(subTopic: string, isPrivate: boolean): string {
	return isPrivate ? `${TENANT}-private:${subTopic}` : `${TENANT}:${subTopic}`;
}

/** What the hub needs from a joined channel. */
export interface Subscriber {
	readonly id: number;
	/** The topic the client joined (`realtime:<topic>`): frames carry it, not the tenant topic. */
	readonly topic: string;
	readonly vsn: Vsn;
	send(frame: Encoded): void;
	/** broadcast.read: always on public channels, the RLS verdict on private ones. */
	canReadBroadcast(): boolean;
	/** presence.read: always on public channels; on private ones only once authorised. */
	canReadPresence(): boolean;
	/** Database messages already sent by a replay at join are not sent again. */
	alreadyReplayed(messageId: string): boolean;
}

export type HubMessage =
	/** A user broadcast: binary frame on vsn 2, JSON on vsn 1 (unless its payload is binary). */
	| { kind: 'user'; message: Omit<UserBroadcast, 'topic'>; id?: string }
	/** A JSON broadcast whose payload is already serialised. */
	| { kind: 'json'; event: string; payloadJson: string; id?: string };

function encode(message: HubMessage, topic: string, vsn: Vsn): Encoded | null {
	if (message.kind === 'json')
		return encodeBroadcast(vsn, topic, message.event, message.payloadJson);
	const full = { ...message.message, topic };
	return vsn === '2.0.0' ? encodeUserBroadcastBinary(full) : encodeUserBroadcastJson(full);
}

export class Hub {
	private topics = new Map<string, Set<Subscriber>>();
	private presences = new Map<string, PresenceTopic>();

	subscribe(topic: string, subscriber: Subscriber): void {
		let set = this.topics.get(topic);
		if (!set) this.topics.set(topic, (set = new Set()));
		set.add(subscriber);
	}

	unsubscribe(topic: string, subscriber: Subscriber): void {
		const set = this.topics.get(topic);
		if (!set) return;
		set.delete(subscriber);
		if (set.size === 0) this.topics.delete(topic);
	}

	subscribers(topic: string): ReadonlySet<Subscriber> {
		return this.topics.get(topic) ?? new Set();
	}

	/** Sends a broadcast to the topic's readers; `from` (the sender without `self`) is skipped. */
	broadcast(topic: string, message: HubMessage, from?: Subscriber): number {
		const set = this.topics.get(topic);
		if (!set) return 0;
		const cache = new Map<string, Encoded | null>();
		let delivered = 0;
		for (const subscriber of set) {
			if (subscriber === from || !subscriber.canReadBroadcast()) continue;
			if (message.id !== undefined && subscriber.alreadyReplayed(message.id)) continue;
			const key = `${subscriber.vsn}\u0000${subscriber.topic}`;
			let frame = cache.get(key);
			if (frame === undefined) {
				frame = encode(message, subscriber.topic, subscriber.vsn);
				cache.set(key, frame);
			}
			if (frame === null) continue;
			subscriber.send(frame);
			delivered++;
		}
		return delivered;
	}

	/** The presence of a tenant topic, created on first use. */
	presence(topic: string): PresenceTopic {
		let presence = this.presences.get(topic);
		if (!presence) this.presences.set(topic, (presence = new PresenceTopic()));
		return presence;
	}

	/** The presence_state payload of a topic. */
	presenceState(topic: string): Record<string, unknown> {
		return this.presences.get(topic)?.state() ?? {};
	}

	/** Drops everything a channel tracked on the topic; the diff, or null when it tracked nothing. */
	untrackAll(topic: string, owner: number): PresenceDiff | null {
		const presence = this.presences.get(topic);
		return presence ? presence.untrackAll(owner) : null;
	}

	/** Sends a presence_diff to every presence reader, the tracking channel included. */
	presenceDiff(topic: string, diff: PresenceDiff): void {
		const presence = this.presences.get(topic);
		if (presence && presence.size === 0) this.presences.delete(topic);
		const set = this.topics.get(topic);
		if (!set) return;
		const payloadJson = JSON.stringify(diff);
		const cache = new Map<string, Encoded>();
		for (const subscriber of set) {
			if (!subscriber.canReadPresence()) continue;
			const key = `${subscriber.vsn}\u0000${subscriber.topic}`;
			let frame = cache.get(key);
			if (frame === undefined) {
				frame = encodeBroadcast(subscriber.vsn, subscriber.topic, 'presence_diff', payloadJson);
				cache.set(key, frame);
			}
			subscriber.send(frame);
		}
	}
}
