// send_coaching_request and answer_coaching_request through supabase-js: the allowed
// transitions and every refusal, by SQLSTATE and exact French message.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, freshSlot } from '../rls/actors.ts';
import type { World } from '../rls/actors.ts';

describe('coaching requests', () => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld();
	}, 120_000);

	const send = (overrides: Record<string, unknown> = {}, who = () => w.member.client) =>
		who().rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: freshSlot().starts_at,
			duration_minutes: 60,
			message: 'Pouvez-vous relire mon business plan ?',
			...overrides
		} as never);

	describe('sending', () => {
		it('a member sends a pending request to a coach in one of their domains', async () => {
			const { data, error } = await send();
			expect(error).toBeNull();
			expect(data).toMatchObject({
				member_id: w.member.id,
				coach_id: w.coach.id,
				status: 'pending'
			});
		});

		it('anonymous visitors cannot send requests', async () => {
			const { error } = await w.anonymous.client.rpc('send_coaching_request', {
				coach_id: w.coach.id,
				domain_id: w.domainId,
				desired_at: freshSlot().starts_at
			});
			expect(error?.code).toBe('42501');
		});

		it.each([
			[
				'a past date',
				{ desired_at: new Date(Date.now() - 3_600_000).toISOString() },
				'22023',
				'La date souhaitée doit être dans le futur.'
			],
			[
				'a duration under 15 minutes',
				{ duration_minutes: 10 },
				'22023',
				'La durée doit être comprise entre 15 et 480 minutes.'
			],
			[
				'a domain the coach does not offer',
				{ domain_id: '00000000-0000-4000-8000-000000000000' },
				'22023',
				"Ce coach ne propose pas ce domaine d'expertise."
			],
			[
				'someone who is not a coach',
				{ coach_id: 'other-member' },
				'22023',
				'Ce coach est introuvable.'
			],
			[
				'a message over 2000 characters',
				{ message: 'x'.repeat(2001) },
				'22023',
				'Le message ne doit pas dépasser 2000 caractères.'
			]
		])('a request with %s is refused', async (_, overrides, code, message) => {
			const resolved = { ...overrides } as Record<string, unknown>;
			if (resolved.coach_id === 'other-member') resolved.coach_id = w.otherMember.id;
			const { data, error } = await send(resolved);
			expect(data).toBeNull();
			expect(error).toMatchObject({ code, message });
		});

		it('a coach cannot send a request to themselves', async () => {
			const { error } = await send({}, () => w.coach.client);
			expect(error).toMatchObject({
				code: '22023',
				message: 'Vous ne pouvez pas vous adresser une demande de coaching à vous-même.'
			});
		});
	});

	describe('answering', () => {
		it('the coach accepts: the session and its video session exist in the same step', async () => {
			const sent = await send();
			const { data, error } = await w.coach.client.rpc('answer_coaching_request', {
				request_id: sent.data!.id,
				accept: true,
				comment: 'Avec plaisir'
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({ status: 'accepted', coach_comment: 'Avec plaisir' });
			const session = await w.member.client
				.from('coaching_sessions')
				.select('status, starts_at, video_sessions(status, room_name)')
				.eq('request_id', sent.data!.id)
				.single();
			expect(session.error).toBeNull();
			expect(session.data).toMatchObject({ status: 'planned' });
			expect(Date.parse(session.data!.starts_at)).toBe(Date.parse(sent.data!.desired_at));
			expect(session.data!.video_sessions).toMatchObject({ status: 'scheduled' });
		});

		it('the coach declines with a comment, and no session is created', async () => {
			const sent = await send();
			const { data, error } = await w.coach.client.rpc('answer_coaching_request', {
				request_id: sent.data!.id,
				accept: false,
				comment: 'Je suis en congés ce jour-là.'
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({
				status: 'declined',
				coach_comment: 'Je suis en congés ce jour-là.'
			});
			expect(data!.responded_at).not.toBeNull();
			const sessions = await w.service
				.from('coaching_sessions')
				.select('id')
				.eq('request_id', sent.data!.id);
			expect(sessions.data).toEqual([]);
		});

		it('a request is answered only once', async () => {
			const sent = await send();
			await w.coach.client.rpc('answer_coaching_request', {
				request_id: sent.data!.id,
				accept: false
			});
			const { error } = await w.coach.client.rpc('answer_coaching_request', {
				request_id: sent.data!.id,
				accept: true
			});
			expect(error).toMatchObject({
				code: 'PT409',
				message: 'Cette demande a déjà reçu une réponse.'
			});
		});

		it.each([
			['the member who sent it', () => w.member.client],
			['another coach', () => w.otherCoach.client],
			['another member', () => w.otherMember.client]
		])('%s cannot answer a request', async (_, who) => {
			const sent = await send();
			const { error } = await who().rpc('answer_coaching_request', {
				request_id: sent.data!.id,
				accept: true
			});
			expect(error).toMatchObject({
				code: '42501',
				message: 'Cette demande de coaching est introuvable ou ne vous est pas adressée.'
			});
			const request = await w.service
				.from('coaching_requests')
				.select('status')
				.eq('id', sent.data!.id)
				.single();
			expect(request.data?.status).toBe('pending');
		});

		it('a request whose date has passed can no longer be accepted', async () => {
			const { data: request } = await w.service
				.from('coaching_requests')
				.insert({
					member_id: w.member.id,
					coach_id: w.coach.id,
					domain_id: w.domainId,
					desired_at: new Date(Date.now() - 3_600_000).toISOString()
				})
				.select('id')
				.single();
			const { error } = await w.coach.client.rpc('answer_coaching_request', {
				request_id: request!.id,
				accept: true
			});
			expect(error).toMatchObject({
				code: 'PT409',
				message: 'La date souhaitée est passée : cette demande ne peut plus être acceptée.'
			});
		});
	});
});
