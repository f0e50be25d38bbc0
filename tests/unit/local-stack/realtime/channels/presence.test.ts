import { describe, expect, it } from 'vitest';
import { PresenceTopic } from '../../../../../local-stack/realtime/channels/presence.ts';

function topic() {
	let n = 0;
	return new PresenceTopic(() => `ref${++n}`);
}

describe('presence bookkeeping', () => {
	it('a track joins the key with the payload plus a phx_ref', () => {
		const presence = topic();
		expect(presence.track(1, 'alice', { mood: 'ok' })).toEqual({
			joins: { alice: { metas: [{ mood: 'ok', phx_ref: 'ref1' }] } },
			leaves: {}
		});
		expect(presence.state()).toEqual({ alice: { metas: [{ mood: 'ok', phx_ref: 'ref1' }] } });
	});

	it('several channels under one key each have their meta', () => {
		const presence = topic();
		presence.track(1, 'alice', { device: 'phone' });
		presence.track(2, 'alice', { device: 'laptop' });
		expect(presence.state().alice.metas.map((m) => m.device)).toEqual(['phone', 'laptop']);
	});

	it('tracking again is an update: the old meta leaves, the new one joins with phx_ref_prev', () => {
		const presence = topic();
		presence.track(1, 'alice', { step: 1 });
		expect(presence.track(1, 'alice', { step: 2 })).toEqual({
			joins: { alice: { metas: [{ step: 2, phx_ref: 'ref2', phx_ref_prev: 'ref1' }] } },
			leaves: { alice: { metas: [{ step: 1, phx_ref: 'ref1' }] } }
		});
		expect(presence.state().alice.metas).toHaveLength(1);
	});

	it('untrack leaves with the meta, and a key with no meta disappears', () => {
		const presence = topic();
		presence.track(1, 'alice', {});
		expect(presence.untrack(1, 'alice')).toEqual({
			joins: {},
			leaves: { alice: { metas: [{ phx_ref: 'ref1' }] } }
		});
		expect(presence.state()).toEqual({});
		expect(presence.size).toBe(0);
	});

	it('untrack of something never tracked changes nothing', () => {
		const presence = topic();
		presence.track(1, 'alice', {});
		expect(presence.untrack(2, 'alice')).toBeNull();
		expect(presence.untrack(1, 'bob')).toBeNull();
	});

	it('a channel that goes away leaves every key it tracked at once', () => {
		const presence = topic();
		presence.track(1, 'alice', { a: 1 });
		presence.track(2, 'bob', { b: 1 });
		presence.track(1, 'carol', { c: 1 });
		expect(presence.untrackAll(1)).toEqual({
			joins: {},
			leaves: {
				alice: { metas: [{ a: 1, phx_ref: 'ref1' }] },
				carol: { metas: [{ c: 1, phx_ref: 'ref3' }] }
			}
		});
		expect(Object.keys(presence.state())).toEqual(['bob']);
		expect(presence.untrackAll(1)).toBeNull();
	});
});
