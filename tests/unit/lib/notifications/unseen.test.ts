// The bell's count: each unseen notification once, whichever of the SSR snapshot, the realtime
// event or the refetch brings it; seen stays seen.
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_GRACE_MS, UnseenSet } from '../../../../src/lib/notifications/unseen.ts';

const entry = (id: string) => ({ id, kind: 'system' as const, link: null });

describe('unseen notifications', () => {
	it('counts a notification once when the snapshot and the event both bring it', () => {
		const set = new UnseenSet();
		set.reset([entry('n1')]);
		expect(set.add(entry('n1'))).toBe(false);
		expect(set.add(entry('n2'))).toBe(true);
		expect(set.size).toBe(2);
	});

	it('keeps a notification seen even when an older snapshot still lists it', () => {
		const set = new UnseenSet();
		set.reset([entry('n1'), entry('n2')]);
		set.markSeen(['n1']);
		set.reset([entry('n1'), entry('n2')]);
		expect(set.size).toBe(1);
		expect(set.add(entry('n1'))).toBe(false);
	});

	it('keeps what an event just added when a snapshot read before it arrives', () => {
		let now = 1_000_000;
		const set = new UnseenSet({ now: () => now });
		set.reset([]);
		set.add(entry('fresh'));
		set.reset([]);
		expect(set.has('fresh')).toBe(true);
		now += SNAPSHOT_GRACE_MS + 1;
		set.reset([]);
		expect(set.has('fresh')).toBe(false);
	});

	it('drops what a newer snapshot no longer lists (seen in another tab while offline)', () => {
		const set = new UnseenSet();
		set.reset([entry('n1'), entry('n2')]);
		set.reset([entry('n2')]);
		expect(set.entries().map((e) => e.id)).toEqual(['n2']);
	});

	it('marks everything seen at once', () => {
		const changes: number[] = [];
		const set = new UnseenSet({ onChange: () => changes.push(set.size) });
		set.reset([entry('n1'), entry('n2')]);
		set.markAllSeen();
		expect(set.size).toBe(0);
		expect(changes.at(-1)).toBe(0);
	});
});
