// cancel_coaching_session, complete_coaching_session and rate_coaching_session through
// supabase-js: who may do what, in which state, with the exact refusals.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, createWorld } from '../rls/actors.ts';
import type { World } from '../rls/actors.ts';

describe('coaching sessions', () => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld();
	}, 120_000);

	describe('cancelling', () => {
		it('either party cancels a planned session, with a reason', async () => {
			for (const party of [w.member, w.coach]) {
				const { sessionId } = await createSession(w);
				const { data, error } = await party.client.rpc('cancel_coaching_session', {
					session_id: sessionId,
					reason: 'Empêchement'
				});
				expect(error).toBeNull();
				expect(data).toMatchObject({
					status: 'cancelled',
					cancelled_by: party.id,
					cancellation_reason: 'Empêchement'
				});
			}
		});

		it('a cancelled session frees the slot and closes its video session', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			await w.member.client.rpc('cancel_coaching_session', { session_id: sessionId });
			const video = await w.member.client
				.from('video_sessions')
				.select('status')
				.eq('id', videoSessionId)
				.single();
			expect(video.data?.status).toBe('ended');
		});

		it('someone else cannot cancel the session', async () => {
			const { sessionId } = await createSession(w);
			const { error } = await w.otherMember.client.rpc('cancel_coaching_session', {
				session_id: sessionId
			});
			expect(error).toMatchObject({
				code: '42501',
				message: 'Cette séance est introuvable ou ne vous concerne pas.'
			});
		});

		it('a session is cancelled once, and not after it has started', async () => {
			const { sessionId } = await createSession(w);
			await w.member.client.rpc('cancel_coaching_session', { session_id: sessionId });
			const again = await w.coach.client.rpc('cancel_coaching_session', { session_id: sessionId });
			expect(again.error).toMatchObject({
				code: 'PT409',
				message: 'Seule une séance planifiée peut être annulée.'
			});

			const started = await createSession(w, { past: true });
			const late = await w.member.client.rpc('cancel_coaching_session', {
				session_id: started.sessionId
			});
			expect(late.error).toMatchObject({
				code: 'PT409',
				message: 'Une séance déjà commencée ne peut plus être annulée.'
			});
		});
	});

	describe('completing', () => {
		it('the coach completes a session that has started', async () => {
			const { sessionId } = await createSession(w, { past: true });
			const { data, error } = await w.coach.client.rpc('complete_coaching_session', {
				session_id: sessionId
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({ status: 'completed' });
			expect(data!.completed_at).not.toBeNull();
		});

		it('the member cannot complete it', async () => {
			const { sessionId } = await createSession(w, { past: true });
			const { error } = await w.member.client.rpc('complete_coaching_session', {
				session_id: sessionId
			});
			expect(error).toMatchObject({
				code: '42501',
				message: 'Seul le coach peut indiquer que la séance a eu lieu.'
			});
		});

		it('a session that has not started cannot be completed', async () => {
			const { sessionId } = await createSession(w);
			const { error } = await w.coach.client.rpc('complete_coaching_session', {
				session_id: sessionId
			});
			expect(error).toMatchObject({ code: 'PT409', message: "La séance n'a pas encore commencé." });
		});
	});

	describe('rating', () => {
		it('the member rates a completed session once, and the coach directory follows', async () => {
			const directory = () =>
				w.otherMember.client
					.from('coach_directory')
					.select('rating_count')
					.eq('id', w.coach.id)
					.single();
			const before = (await directory()).data!.rating_count;
			const { sessionId } = await createSession(w, { past: true, status: 'completed' });
			const { data, error } = await w.member.client.rpc('rate_coaching_session', {
				session_id: sessionId,
				rating: 4,
				comment: 'Très concret'
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({ member_rating: 4, member_comment: 'Très concret' });
			const again = await w.member.client.rpc('rate_coaching_session', {
				session_id: sessionId,
				rating: 5
			});
			expect(again.error).toMatchObject({
				code: 'PT409',
				message: 'Vous avez déjà noté cette séance.'
			});
			expect((await directory()).data!.rating_count).toBe(before + 1);
		});

		it('a rating is between 1 and 5', async () => {
			const { sessionId } = await createSession(w, { past: true, status: 'completed' });
			const { error } = await w.member.client.rpc('rate_coaching_session', {
				session_id: sessionId,
				rating: 0
			});
			expect(error).toMatchObject({
				code: '22023',
				message: 'La note doit être un nombre entier entre 1 et 5.'
			});
		});

		it('only a completed session is rated, and only by its member', async () => {
			const planned = await createSession(w);
			const early = await w.member.client.rpc('rate_coaching_session', {
				session_id: planned.sessionId,
				rating: 5
			});
			expect(early.error).toMatchObject({
				code: 'PT409',
				message: 'La séance doit être terminée pour être notée.'
			});

			const done = await createSession(w, { past: true, status: 'completed' });
			const byCoach = await w.coach.client.rpc('rate_coaching_session', {
				session_id: done.sessionId,
				rating: 5
			});
			expect(byCoach.error).toMatchObject({
				code: '42501',
				message: 'Seul le membre qui a suivi la séance peut la noter.'
			});
		});
	});
});
