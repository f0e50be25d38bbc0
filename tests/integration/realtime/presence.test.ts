import type { RealtimePresenceState } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, rawSocket, startRealtimeStack } from './realtime-stack.ts';
import type { Member, RealtimeStack } from './realtime-stack.ts';

type Meta = { presence_ref: string; [key: string]: unknown };

const keys = (state: RealtimePresenceState) => Object.keys(state).sort();

describe('presence', () => {
	let stack: RealtimeStack;
	let alice: Member;
	let bob: Member;
	let carol: Member;

	beforeAll(async () => {
		stack = await startRealtimeStack();
		alice = stack.member();
		bob = stack.member();
		carol = stack.member();
		await stack.db.query(
			`insert into public.room_members (room, user_id, can_write) values
			 ('salon', $1, true), ('salon', $2, true), ('salon', $3, false)`,
			[alice.id, bob.id, carol.id]
		);
	});
	afterEach(async () => {
		await stack.reset();
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('a tracked presence shows under its key for every listener, with its metas', async () => {
		const watcher = await stack.join(bob, 'hall', { presence: true, presenceKey: 'bob' });
		const tracker = await stack.join(alice, 'hall', { presence: true, presenceKey: 'alice' });
		expect(await tracker.channel.track({ mood: 'happy' })).toBe('ok');
		const state = await eventually(() => {
			const s = watcher.channel.presenceState<{ mood: string }>();
			return s.alice ? s : undefined;
		});
		expect(state?.alice).toHaveLength(1);
		expect(state?.alice[0]).toMatchObject({ mood: 'happy' });
		expect(typeof (state?.alice[0] as Meta).presence_ref).toBe('string');
		// The tracker sees itself too: presence diffs go to every listener of the topic.
		expect(await eventually(() => tracker.channel.presenceState().alice)).toBeDefined();
	});

	it('a late joiner gets the current state in presence_state', async () => {
		const tracker = await stack.join(alice, 'hall', { presence: true, presenceKey: 'alice' });
		await tracker.channel.track({ here: true });
		await new Promise((done) => setTimeout(done, 200));
		const late = await stack.join(bob, 'hall', { presence: true, presenceKey: 'bob' });
		expect(await eventually(() => keys(late.channel.presenceState()).includes('alice'))).toBe(true);
	});

	it('join and leave events fire, and untrack removes the presence', async () => {
		const events: string[] = [];
		const watcher = await stack.join(bob, 'hall', {
			presence: true,
			presenceKey: 'bob',
			presenceEvents: events
		});
		const tracker = await stack.join(alice, 'hall', { presence: true, presenceKey: 'alice' });
		await tracker.channel.track({ n: 1 });
		await eventually(() => events.includes('join:alice'));
		expect(await tracker.channel.untrack()).toBe('ok');
		await eventually(() => events.includes('leave:alice'));
		expect(watcher.channel.presenceState().alice).toBeUndefined();
	});

	it('tracking again replaces the meta instead of adding one', async () => {
		const watcher = await stack.join(bob, 'hall', { presence: true, presenceKey: 'bob' });
		const tracker = await stack.join(alice, 'hall', { presence: true, presenceKey: 'alice' });
		await tracker.channel.track({ step: 1 });
		await eventually(
			() => watcher.channel.presenceState<{ step: number }>().alice?.[0]?.step === 1
		);
		await tracker.channel.track({ step: 2 });
		const metas = await eventually(() => {
			const list = watcher.channel.presenceState<{ step: number }>().alice;
			return list?.[0]?.step === 2 ? list : undefined;
		});
		expect(metas).toHaveLength(1);
	});

	it('the presence of a socket that dies leaves', async () => {
		const watcher = await stack.join(bob, 'hall', { presence: true, presenceKey: 'bob' });
		const raw = await rawSocket(stack.fixture.apiUrl, {
			apikey: stack.fixture.anonKey,
			vsn: '2.0.0'
		});
		raw.send(['1', '1', 'realtime:hall', 'phx_join', { config: { presence: { key: 'doomed' } } }]);
		await raw.next((f) => Array.isArray(f) && f[3] === 'phx_reply' && f[1] === '1');
		raw.send([
			'1',
			'2',
			'realtime:hall',
			'presence',
			{ type: 'presence', event: 'track', payload: { alive: true } }
		]);
		await eventually(() => watcher.channel.presenceState().doomed);
		// The connection drops without leaving the channel, as a closed tab's would.
		(raw.ws as unknown as { terminate(): void }).terminate();
		expect(await eventually(() => watcher.channel.presenceState().doomed === undefined)).toBe(true);
	});

	it('a server-chosen key is used when the client gives none', async () => {
		const watcher = await stack.join(bob, 'hall', { presence: true, presenceKey: 'bob' });
		const tracker = await stack.join(carol, 'hall', { presence: true });
		await tracker.channel.track({ anonymous: true });
		const key = await eventually(() =>
			keys(watcher.channel.presenceState()).find((k) => k !== 'bob')
		);
		expect(key).toMatch(/^[0-9a-f-]{36}$/);
	});

	describe('on a private channel', () => {
		it('members allowed to write track, and members see each other', async () => {
			const watcher = await stack.join(bob, 'room:salon', {
				private: true,
				presence: true,
				presenceKey: 'bob'
			});
			const tracker = await stack.join(alice, 'room:salon', {
				private: true,
				presence: true,
				presenceKey: 'alice'
			});
			expect([watcher.status, tracker.status]).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);
			expect(await tracker.channel.track({ role: 'host' })).toBe('ok');
			expect(await eventually(() => watcher.channel.presenceState().alice)).toBeDefined();
		});

		it('a member whose policies refuse presence writes cannot track', async () => {
			const tracker = await stack.join(carol, 'room:salon', {
				private: true,
				presence: true,
				presenceKey: 'carol'
			});
			expect(tracker.status).toBe('SUBSCRIBED');
			expect(await tracker.channel.track({ sneaking: true })).toBe('error');
		});

		it('non-members are refused the join, presence or not', async () => {
			const outsider = stack.member();
			const joined = await stack.join(outsider, 'room:salon', { private: true, presence: true });
			expect(joined.status).toBe('CHANNEL_ERROR');
		});
	});
});
