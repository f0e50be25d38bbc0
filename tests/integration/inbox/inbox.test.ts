// Realtime delivery of what the database broadcasts (Broadcast from Database) on private
// channels, with supabase-js: user:<uuid> reaches its owner only, video:<uuid> the two parties;
// conversation:<a>:<b> and online carry client broadcasts and presence for signed-in users.
import type { RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createUser, createWorld, deleteUsers, freshSlot } from '../rls/actors.ts';
import type { User, World } from '../rls/actors.ts';

type Broadcast = { event: string; payload: Record<string, unknown> };

const opened: { user: User; channel: RealtimeChannel }[] = [];

/** Joins a private channel as the user; resolves with the outcome of the join. */
async function join(user: User, topic: string, listen = true, presence = false) {
	await user.client.realtime.setAuth(user.accessToken);
	const received: Broadcast[] = [];
	const channel = user.client.channel(topic, {
		config: { private: true, broadcast: { self: false } }
	});
	if (listen) {
		channel.on('broadcast', { event: '*' }, (message) =>
			received.push({ event: message.event, payload: message.payload as Record<string, unknown> })
		);
	}
	// realtime-js enables presence on a channel only when it has presence listeners.
	if (presence) channel.on('presence', { event: 'sync' }, () => undefined);
	opened.push({ user, channel });
	const status = await new Promise<string>((done) => {
		const timer = setTimeout(() => done('TIMED_OUT'), 15_000);
		channel.subscribe((state) => {
			if (state === 'SUBSCRIBED' || state === 'CHANNEL_ERROR' || state === 'TIMED_OUT') {
				clearTimeout(timer);
				done(state);
			}
		});
	});
	return { channel, status, received };
}

/** Waits until `received` holds a broadcast of that event, or gives up after a while. */
async function next(
	received: Broadcast[],
	event: string,
	wait = 10_000
): Promise<Broadcast | undefined> {
	const deadline = Date.now() + wait;
	while (Date.now() < deadline) {
		const found = received.find((message) => message.event === event);
		if (found) return found;
		await new Promise((done) => setTimeout(done, 100));
	}
	return undefined;
}

describe('realtime inbox and rooms', () => {
	let w: World;
	let eve: User;
	beforeAll(async () => {
		w = await createWorld();
		eve = await createUser('ecoute');
	}, 120_000);
	afterEach(async () => {
		for (const { user, channel } of opened.splice(0)) await user.client.removeChannel(channel);
	});
	afterAll(async () => {
		await deleteUsers([eve]);
	}, 120_000);

	it('a new message reaches the recipient and the sender on their own inbox topics', async () => {
		const recipient = await join(w.otherMember, `user:${w.otherMember.id}`);
		const sender = await join(w.member, `user:${w.member.id}`);
		expect([recipient.status, sender.status]).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);

		const sent = await w.member.client
			.from('messages')
			.insert({ sender_id: w.member.id, recipient_id: w.otherMember.id, body: 'Bonjour en direct' })
			.select('id')
			.single();
		expect(sent.error).toBeNull();

		const delivered = await next(recipient.received, 'message_created');
		expect(delivered?.payload).toMatchObject({
			operation: 'INSERT',
			table: 'messages',
			record: { id: sent.data!.id, body: 'Bonjour en direct' }
		});
		expect(await next(sender.received, 'message_created')).toBeDefined();
		const notified = await next(recipient.received, 'notification_created');
		expect(notified?.payload).toMatchObject({
			record: { kind: 'message_received', user_id: w.otherMember.id }
		});
	});

	it("nobody else can join someone's inbox", async () => {
		const intruder = await join(eve, `user:${w.otherMember.id}`);
		expect(intruder.status).toBe('CHANNEL_ERROR');
	});

	it('a read receipt reaches the sender', async () => {
		const sender = await join(w.member, `user:${w.member.id}`);
		await w.member.client
			.from('messages')
			.insert({ sender_id: w.member.id, recipient_id: w.otherMember.id, body: 'Tu as lu ?' });
		await w.otherMember.client.rpc('mark_conversation_read', { counterpart_id: w.member.id });
		const receipt = await next(sender.received, 'message_read');
		expect(receipt?.payload).toMatchObject({
			operation: 'UPDATE',
			record: { sender_id: w.member.id }
		});
	});

	it('coaching changes reach both parties, and only them', async () => {
		const coach = await join(w.coach, `user:${w.coach.id}`);
		const member = await join(w.member, `user:${w.member.id}`);
		const outsider = await join(eve, `user:${eve.id}`);
		const sent = await w.member.client.rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: freshSlot().starts_at
		});
		expect(sent.error).toBeNull();
		expect((await next(coach.received, 'coaching_request_changed'))?.payload).toMatchObject({
			operation: 'INSERT',
			record: { id: sent.data!.id, status: 'pending' }
		});
		expect(await next(member.received, 'coaching_request_changed')).toBeDefined();

		await w.coach.client.rpc('answer_coaching_request', {
			request_id: sent.data!.id,
			accept: true
		});
		expect(await next(member.received, 'coaching_session_changed')).toBeDefined();
		expect(outsider.received).toEqual([]);
	});

	it('participant changes reach the parties on the video session topic', async () => {
		const { videoSessionId } = await createSession(w);
		const coach = await join(w.coach, `video:${videoSessionId}`);
		expect(coach.status).toBe('SUBSCRIBED');
		const intruder = await join(eve, `video:${videoSessionId}`);
		expect(intruder.status).toBe('CHANNEL_ERROR');

		const joined = await w.service
			.from('video_participants')
			.insert({ video_session_id: videoSessionId, profile_id: w.member.id, status: 'connected' });
		expect(joined.error).toBeNull();
		expect((await next(coach.received, 'participant_changed'))?.payload).toMatchObject({
			record: { profile_id: w.member.id, status: 'connected' }
		});
		expect((await next(coach.received, 'video_session_changed'))?.payload).toMatchObject({
			record: { id: videoSessionId, status: 'live' }
		});
	});

	it('the two users of a conversation exchange typing signals; a third cannot listen', async () => {
		const [low, high] = [w.member.id, w.otherMember.id].sort();
		const topic = `conversation:${low}:${high}`;
		const listener = await join(w.otherMember, topic);
		const typist = await join(w.member, topic, false);
		expect([listener.status, typist.status]).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);
		expect((await join(eve, topic)).status).toBe('CHANNEL_ERROR');

		await typist.channel.send({
			type: 'broadcast',
			event: 'typing',
			payload: { user_id: w.member.id }
		});
		expect((await next(listener.received, 'typing'))?.payload).toMatchObject({
			user_id: w.member.id
		});
	});

	it('signed-in users share presence on the online topic', async () => {
		const watcher = await join(w.coach, 'online', false, true);
		const present = await join(w.member, 'online', false, true);
		expect([watcher.status, present.status]).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);
		await present.channel.track({ user_id: w.member.id });
		const deadline = Date.now() + 10_000;
		let keys: string[] = [];
		while (Date.now() < deadline && keys.length === 0) {
			await new Promise((done) => setTimeout(done, 100));
			keys = Object.values(watcher.channel.presenceState())
				.flat()
				.map((meta) => String((meta as { user_id?: string }).user_id));
		}
		expect(keys).toContain(w.member.id);
	});
});
