// Presence of one topic as Phoenix.Presence keeps it: per key a list of metas, each the tracked
// map plus a `phx_ref` (and `phx_ref_prev` after an update); every change yields the
// `presence_diff` `{joins, leaves}` the clients merge. Pure bookkeeping, no I/O.
import { randomBytes } from 'node:crypto';

export type Meta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };
export type PresenceMap = Record<string, { metas: Meta[] }>;
export type PresenceDiff = { joins: PresenceMap; leaves: PresenceMap };

type Entry = { owner: number; meta: Meta };

/** Phoenix.Tracker refs: short random url-safe strings. */
export const newRef = () => randomBytes(12).toString('base64url');

function add(map: PresenceMap, key: string, meta: Meta) {
	(map[key] ??= { metas: [] }).metas.push(meta);
}

export class PresenceTopic {
	private entries = new Map<string, Entry[]>();
	private makeRef: () => string;

	constructor(makeRef: () => string = newRef) {
		this.makeRef = makeRef;
	}

	get size(): number {
		return this.entries.size;
	}

	/** The presence_state payload. */
	state(): PresenceMap {
		const state: PresenceMap = {};
		for (const [key, list] of this.entries) state[key] = { metas: list.map((e) => e.meta) };
		return state;
	}

	/**
	 * Tracks `owner` (a channel) under `key`; tracking again replaces the meta (Presence.update:
	 * the old meta leaves, the new one joins with `phx_ref_prev`). The caller skips a track whose
	 * payload did not change, as upstream does.
	 */
	track(owner: number, key: string, payload: Record<string, unknown>): PresenceDiff {
		const list = this.entries.get(key) ?? [];
		const index = list.findIndex((entry) => entry.owner === owner);
		const diff: PresenceDiff = { joins: {}, leaves: {} };
		const meta: Meta = { ...payload, phx_ref: this.makeRef() };
		if (index >= 0) {
			const previous = list[index].meta;
			meta.phx_ref_prev = previous.phx_ref;
			add(diff.leaves, key, previous);
			list[index] = { owner, meta };
		} else {
			list.push({ owner, meta });
		}
		this.entries.set(key, list);
		add(diff.joins, key, meta);
		return diff;
	}

	/** Removes what `owner` tracked under `key`; null when it tracked nothing there. */
	untrack(owner: number, key: string): PresenceDiff | null {
		const list = this.entries.get(key);
		if (!list) return null;
		const index = list.findIndex((entry) => entry.owner === owner);
		if (index < 0) return null;
		const [removed] = list.splice(index, 1);
		if (list.length === 0) this.entries.delete(key);
		const diff: PresenceDiff = { joins: {}, leaves: {} };
		add(diff.leaves, key, removed.meta);
		return diff;
	}

	/** Everything `owner` tracked, gone at once (channel left, socket died). */
	untrackAll(owner: number): PresenceDiff | null {
		const diff: PresenceDiff = { joins: {}, leaves: {} };
		let changed = false;
		for (const key of [...this.entries.keys()]) {
			const one = this.untrack(owner, key);
			if (!one) continue;
			changed = true;
			for (const meta of one.leaves[key].metas) add(diff.leaves, key, meta);
		}
		return changed ? diff : null;
	}
}
