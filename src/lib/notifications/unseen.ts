// The set behind the bell's live count: unseen notifications by id, so a notification counted by
// the SSR snapshot, a realtime event and a refetch counts once. A notification seen once stays
// seen (tombstone), whichever version arrives last; a snapshot (SSR load, refetch after a
// reconnection) replaces the set but keeps what events added while it was being fetched.
import type { Notification } from './links.ts';

export type UnseenEntry = Pick<Notification, 'id' | 'kind' | 'link'>;

/** The bell shows « 99+ » past 99; the layout and the refetch load at most this many. */
export const UNSEEN_SNAPSHOT_LIMIT = 100;
/** Unseen notifications, newest first, as the layout and the refetch read them. */
export const UNSEEN_QUERY_COLUMNS = 'id, kind, link';

/** Events newer than this are kept when a snapshot arrives: it may have been read before them. */
export const SNAPSHOT_GRACE_MS = 10_000;

export class UnseenSet {
	#items = new Map<string, UnseenEntry>();
	#seen = new Set<string>();
	#addedAt = new Map<string, number>();
	#now: () => number;
	#onChange: () => void;

	constructor(options: { now?: () => number; onChange?: () => void } = {}) {
		this.#now = options.now ?? (() => Date.now());
		this.#onChange = options.onChange ?? (() => undefined);
	}

	get size(): number {
		return this.#items.size;
	}

	has(id: string): boolean {
		return this.#items.has(id);
	}

	entries(): UnseenEntry[] {
		return [...this.#items.values()];
	}

	/** A notification arrived unseen; false when it was already counted or already seen. */
	add(entry: UnseenEntry): boolean {
		if (this.#seen.has(entry.id) || this.#items.has(entry.id)) return false;
		this.#items.set(entry.id, entry);
		this.#addedAt.set(entry.id, this.#now());
		this.#onChange();
		return true;
	}

	markSeen(ids: Iterable<string>): void {
		let changed = false;
		for (const id of ids) {
			this.#seen.add(id);
			changed = this.#items.delete(id) || changed;
			this.#addedAt.delete(id);
		}
		if (changed) this.#onChange();
	}

	markAllSeen(): void {
		this.markSeen([...this.#items.keys()]);
	}

	reset(snapshot: UnseenEntry[]): void {
		const since = this.#now() - SNAPSHOT_GRACE_MS;
		const next = new Map<string, UnseenEntry>();
		for (const entry of snapshot) if (!this.#seen.has(entry.id)) next.set(entry.id, entry);
		for (const [id, at] of this.#addedAt) {
			const entry = this.#items.get(id);
			if (at >= since && entry && !next.has(id)) next.set(id, entry);
			if (at < since) this.#addedAt.delete(id);
		}
		this.#items = next;
		this.#onChange();
	}
}
