// Conversations and mark_conversation_read through supabase-js: the summary view, the read
// state only the recipient changes, and the notification of each new message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorld, deleteUsers } from '../rls/actors.ts';
import type { User, World } from '../rls/actors.ts';

describe('messages', () => {
	// Two people of their own, so the counts below are theirs alone.
	let w: World & { member: User; otherMember: User };
	beforeAll(async () => {
		const shared = await createWorld();
		w = {
			...shared,
			member: await createUser('messagerie-camille', 'member', {
				first_name: 'Camille',
				last_name: 'Martin'
			}),
			otherMember: await createUser('messagerie-ines', 'member', {
				first_name: 'Inès',
				last_name: 'Bernard'
			})
		};
		const sent = await w.member.client
			.from('messages')
			.insert([{ sender_id: w.member.id, recipient_id: w.otherMember.id, body: 'Bonjour Inès !' }]);
		if (sent.error) throw new Error(sent.error.message);
		const reply = await w.otherMember.client.from('messages').insert({
			sender_id: w.otherMember.id,
			recipient_id: w.member.id,
			body: 'Bonjour Camille, tu vas bien ?'
		});
		if (reply.error) throw new Error(reply.error.message);
		const more = await w.otherMember.client.from('messages').insert({
			sender_id: w.otherMember.id,
			recipient_id: w.member.id,
			body: 'On se voit au salon ?'
		});
		if (more.error) throw new Error(more.error.message);
	}, 120_000);
	afterAll(async () => deleteUsers([w?.member, w?.otherMember]), 120_000);

	it('the conversation summary shows each counterpart with the unread count', async () => {
		const { data, error } = await w.member.client
			.from('conversations')
			.select('counterpart_id, last_message_body, unread_count')
			.eq('profile_id', w.member.id);
		expect(error).toBeNull();
		expect(data).toEqual([
			{ counterpart_id: w.otherMember.id, last_message_body: expect.any(String), unread_count: 2 }
		]);
	});

	it('nobody else sees the conversation', async () => {
		const { data } = await w.coach.client
			.from('conversations')
			.select('*')
			.eq('profile_id', w.member.id);
		expect(data).toEqual([]);
	});

	it('the recipient is notified of each message, with a link to the conversation', async () => {
		const { data } = await w.member.client
			.from('notifications')
			.select('kind, title, link')
			.eq('kind', 'message_received');
		expect(data).toHaveLength(2);
		expect(data![0]).toMatchObject({
			title: 'Nouveau message de Inès Bernard',
			link: `/messages/${w.otherMember.id}`
		});
	});

	it('marking a conversation read only touches messages received from that counterpart', async () => {
		const bySender = await w.otherMember.client.rpc('mark_conversation_read', {
			counterpart_id: w.member.id
		});
		expect(bySender).toMatchObject({ data: 1, error: null });
		const { data, error } = await w.member.client.rpc('mark_conversation_read', {
			counterpart_id: w.otherMember.id
		});
		expect(error).toBeNull();
		expect(data).toBe(2);
		const summary = await w.member.client
			.from('conversations')
			.select('unread_count')
			.eq('profile_id', w.member.id)
			.single();
		expect(summary.data?.unread_count).toBe(0);
	});

	it('anonymous visitors cannot mark anything read', async () => {
		const { error } = await w.anonymous.client.rpc('mark_conversation_read', {
			counterpart_id: w.member.id
		});
		expect(error?.code).toBe('42501');
	});

	it('the sender cannot mark their own message read', async () => {
		const { data: message } = await w.member.client
			.from('messages')
			.insert({ sender_id: w.member.id, recipient_id: w.otherMember.id, body: 'Lu ?' })
			.select('id')
			.single();
		await w.member.client
			.from('messages')
			.update({ read_at: new Date().toISOString() })
			.eq('id', message!.id);
		const stored = await w.service
			.from('messages')
			.select('read_at')
			.eq('id', message!.id)
			.single();
		expect(stored.data?.read_at).toBeNull();
	});

	it('the recipient cannot rewrite a message', async () => {
		const { data: message } = await w.member.client
			.from('messages')
			.insert({ sender_id: w.member.id, recipient_id: w.otherMember.id, body: 'Original' })
			.select('id')
			.single();
		const { error } = await w.otherMember.client
			.from('messages')
			.update({ body: 'Falsifié' })
			.eq('id', message!.id);
		expect(error).toMatchObject({
			code: '42501',
			message: 'Modification refusée : le champ « body » ne peut pas être changé.'
		});
	});
});
