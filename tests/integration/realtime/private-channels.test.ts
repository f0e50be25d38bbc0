import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settle, startRealtimeStack } from './realtime-stack.ts';
import type { Member, RealtimeStack } from './realtime-stack.ts';

// The fixture's policies on realtime.messages let members of `room:<name>` (room_members) read,
// and only those with can_write send; Realtime must run them as the joining user.
describe('private channels authorised by RLS on realtime.messages', () => {
	let stack: RealtimeStack;
	let writer: Member;
	let reader: Member;
	let outsider: Member;

	beforeAll(async () => {
		stack = await startRealtimeStack();
		writer = stack.member();
		reader = stack.member();
		outsider = stack.member();
		await stack.db.query(
			`insert into public.room_members (room, user_id, can_write) values
			 ('lobby', $1, true), ('lobby', $2, false)`,
			[writer.id, reader.id]
		);
	});
	afterEach(async () => {
		await stack.reset();
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('a room member joins the private channel', async () => {
		const joined = await stack.join(reader, 'room:lobby', { private: true });
		expect(joined.status).toBe('SUBSCRIBED');
	});

	it('someone the policies do not allow is refused with the real server reason', async () => {
		const joined = await stack.join(outsider, 'room:lobby', { private: true });
		expect(joined.status).toBe('CHANNEL_ERROR');
		expect(joined.error?.message).toBe(
			'Unauthorized: You do not have permissions to read from this Channel topic: room:lobby'
		);
	});

	it('an anonymous client is refused too, the anon role having no policy', async () => {
		const joined = await stack.join(stack.anon(), 'room:lobby', { private: true });
		expect(joined.status).toBe('CHANNEL_ERROR');
		expect(joined.error?.message).toMatch(/^Unauthorized: /);
	});

	it('a writer broadcast with ack is acknowledged and reaches the other members', async () => {
		const listener = await stack.join(reader, 'room:lobby', { private: true });
		const sender = await stack.join(writer, 'room:lobby', { private: true, ack: true });
		const status = await sender.channel.send({
			type: 'broadcast',
			event: 'wave',
			payload: { n: 1 }
		});
		expect(status).toBe('ok');
		const got = await eventually(() => listener.broadcasts.find((b) => b.event === 'wave'));
		expect(got).toEqual({ event: 'wave', payload: { n: 1 } });
		// Without `self`, the sender does not get its own message back.
		await settle(200);
		expect(sender.broadcasts).toEqual([]);
	});

	it('with self the sender receives its own broadcast', async () => {
		const sender = await stack.join(writer, 'room:lobby', { private: true, self: true });
		await sender.channel.send({ type: 'broadcast', event: 'echo', payload: { text: 'é🙂' } });
		expect(await eventually(() => sender.broadcasts.find((b) => b.event === 'echo'))).toEqual({
			event: 'echo',
			payload: { text: 'é🙂' }
		});
	});

	it('a member without write permission has their broadcast dropped, unacknowledged', async () => {
		const listener = await stack.join(writer, 'room:lobby', { private: true });
		const sender = await stack.join(reader, 'room:lobby', { private: true, ack: true });
		const status = await sender.channel.send(
			{ type: 'broadcast', event: 'sneaky', payload: {} },
			{ timeout: 1_500 }
		);
		expect(status).toBe('timed out');
		await settle(300);
		expect(listener.broadcasts.filter((b) => b.event === 'sneaky')).toEqual([]);
	});

	it('public and private channels of the same name are separate', async () => {
		const privateListener = await stack.join(reader, 'room:lobby', { private: true });
		const publicSender = await stack.join(outsider, 'room:lobby', { ack: true });
		expect(publicSender.status).toBe('SUBSCRIBED');
		expect(
			await publicSender.channel.send({ type: 'broadcast', event: 'public', payload: {} })
		).toBe('ok');
		await settle(300);
		expect(privateListener.broadcasts.filter((b) => b.event === 'public')).toEqual([]);
	});

	it('public channels are open to anonymous clients, as on Supabase', async () => {
		const anonymous = stack.anon();
		const listener = await stack.join(anonymous, 'square', {});
		const sender = await stack.join(outsider, 'square', { ack: true });
		expect([listener.status, sender.status]).toEqual(['SUBSCRIBED', 'SUBSCRIBED']);
		await sender.channel.send({ type: 'broadcast', event: 'hello', payload: { from: 'outsider' } });
		expect(
			await eventually(() => listener.broadcasts.find((b) => b.event === 'hello'))
		).toBeDefined();
	});

	it('access granted after a refusal is picked up by the next join (nothing is cached across joins)', async () => {
		const late = stack.member();
		expect((await stack.join(late, 'room:garden', { private: true })).status).toBe('CHANNEL_ERROR');
		await late.client.removeAllChannels();
		await stack.db.query(`insert into public.room_members (room, user_id) values ('garden', $1)`, [
			late.id
		]);
		expect((await stack.join(late, 'room:garden', { private: true })).status).toBe('SUBSCRIBED');
	});
});
