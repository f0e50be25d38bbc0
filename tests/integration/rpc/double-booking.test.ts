// A coach cannot be double-booked: two overlapping requests accepted at the same moment give
// one session and one clear refusal (the exclusion constraint decides, not the client).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorld, deleteUsers, freshSlot } from '../rls/actors.ts';
import type { User, World } from '../rls/actors.ts';

describe('double booking', () => {
	let w: World;
	let third: User;
	beforeAll(async () => {
		w = await createWorld();
		third = await createUser('troisieme-membre');
	}, 120_000);
	afterAll(async () => {
		await deleteUsers([third]);
	}, 120_000);

	it('of two overlapping requests accepted concurrently, exactly one becomes a session', async () => {
		const { starts_at } = freshSlot();
		const halfHourLater = new Date(Date.parse(starts_at) + 30 * 60_000).toISOString();
		const first = await w.member.client.rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: starts_at
		});
		const second = await third.client.rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: halfHourLater
		});
		expect(first.error).toBeNull();
		expect(second.error).toBeNull();

		const answers = await Promise.all(
			[first.data!.id, second.data!.id].map((id) =>
				w.coach.client.rpc('answer_coaching_request', { request_id: id, accept: true })
			)
		);
		const accepted = answers.filter((answer) => answer.error === null);
		const refused = answers.filter((answer) => answer.error !== null);
		expect(accepted).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect(refused[0].error).toMatchObject({
			code: '23P01',
			message: "Ce créneau n'est pas disponible : vous avez déjà une séance à ce moment-là."
		});

		const sessions = await w.coach.client
			.from('coaching_sessions')
			.select('id')
			.in('request_id', [first.data!.id, second.data!.id]);
		expect(sessions.data).toHaveLength(1);
		const requests = await w.service
			.from('coaching_requests')
			.select('status')
			.in('id', [first.data!.id, second.data!.id]);
		expect(requests.data!.map((row) => row.status).sort()).toEqual(['accepted', 'pending']);
	});

	it('a member cannot have two sessions at once either', async () => {
		const { starts_at } = freshSlot();
		const withCoach = await w.member.client.rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: starts_at
		});
		const withOtherCoach = await w.member.client.rpc('send_coaching_request', {
			coach_id: w.otherCoach.id,
			domain_id: w.domainId,
			desired_at: starts_at
		});
		expect(
			(
				await w.coach.client.rpc('answer_coaching_request', {
					request_id: withCoach.data!.id,
					accept: true
				})
			).error
		).toBeNull();
		const { error } = await w.otherCoach.client.rpc('answer_coaching_request', {
			request_id: withOtherCoach.data!.id,
			accept: true
		});
		expect(error).toMatchObject({
			code: '23P01',
			message: "Ce créneau n'est pas disponible : le membre a déjà une séance à ce moment-là."
		});
	});
});
