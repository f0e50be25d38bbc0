// Notifications made by triggers (new request for the coach, answer for the member, session
// changes for the other party) and mark_notifications_seen, through supabase-js.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, createWorld, freshSlot } from '../rls/actors.ts';
import type { World } from '../rls/actors.ts';

describe('notifications', () => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld();
	}, 120_000);

	/** The latest notification of a kind about one object (its link), as its user sees it. */
	const latest = async (who: World['member'], kind: string, link: string) => {
		const { data, error } = await who.client
			.from('notifications')
			.select('kind, title, body, link, seen_at')
			.eq('kind', kind as never)
			.eq('link', link)
			.order('created_at', { ascending: false })
			.limit(1)
			.maybeSingle();
		if (error) throw new Error(error.message);
		return data;
	};

	it('a new request notifies the coach, its answer notifies the member', async () => {
		const sent = await w.member.client.rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: freshSlot().starts_at
		});
		expect(
			await latest(w.coach, 'coaching_request_received', `/coaching-requests/${sent.data!.id}`)
		).toMatchObject({
			title: 'Nouvelle demande de coaching',
			body: expect.stringMatching(
				/^Camille Martin souhaite une séance « .+ » le \d\d\/\d\d\/\d{4} à \d\dh\d\d\.$/
			),
			link: `/coaching-requests/${sent.data!.id}`,
			seen_at: null
		});

		await w.coach.client.rpc('answer_coaching_request', {
			request_id: sent.data!.id,
			accept: true
		});
		const session = await w.member.client
			.from('coaching_sessions')
			.select('id')
			.eq('request_id', sent.data!.id)
			.single();
		const link = `/coaching-sessions/${session.data!.id}`;
		expect(await latest(w.member, 'coaching_request_accepted', link)).toMatchObject({
			title: 'Demande de coaching acceptée',
			link: `/coaching-sessions/${session.data!.id}`
		});
	});

	it('a declined request notifies the member with the coach comment', async () => {
		const sent = await w.member.client.rpc('send_coaching_request', {
			coach_id: w.coach.id,
			domain_id: w.domainId,
			desired_at: freshSlot().starts_at
		});
		await w.coach.client.rpc('answer_coaching_request', {
			request_id: sent.data!.id,
			accept: false,
			comment: 'Complet ce mois-ci'
		});
		const notification = await latest(
			w.member,
			'coaching_request_declined',
			`/coaching-requests/${sent.data!.id}`
		);
		expect(notification?.title).toBe('Demande de coaching refusée');
		expect(notification?.body).toContain('« Complet ce mois-ci »');
	});

	it('a cancellation notifies the other party only', async () => {
		const { sessionId } = await createSession(w);
		await w.coach.client.rpc('cancel_coaching_session', {
			session_id: sessionId,
			reason: 'Malade'
		});
		const link = `/coaching-sessions/${sessionId}`;
		expect(await latest(w.member, 'coaching_session_cancelled', link)).toMatchObject({
			title: 'Séance annulée',
			body: expect.stringContaining('Sophie Lefèvre a annulé la séance du'),
			link: `/coaching-sessions/${sessionId}`
		});
		expect(await latest(w.coach, 'coaching_session_cancelled', link)).toBeNull();
	});

	it('completing asks the member for a rating; rating tells the coach', async () => {
		const { sessionId } = await createSession(w, { past: true });
		await w.coach.client.rpc('complete_coaching_session', { session_id: sessionId });
		const link = `/coaching-sessions/${sessionId}`;
		expect(await latest(w.member, 'coaching_session_completed', link)).toMatchObject({
			title: 'Séance terminée : donnez votre avis'
		});
		await w.member.client.rpc('rate_coaching_session', { session_id: sessionId, rating: 5 });
		expect(await latest(w.coach, 'coaching_session_rated', link)).toMatchObject({
			title: 'Nouvelle note reçue',
			body: expect.stringContaining(': 5/5.')
		});
	});

	it('users mark given notifications, then all of them, as seen', async () => {
		const { data: mine } = await w.member.client
			.from('notifications')
			.select('id')
			.is('seen_at', null);
		expect(mine!.length).toBeGreaterThan(1);
		const one = await w.member.client.rpc('mark_notifications_seen', {
			notification_ids: [mine![0].id]
		});
		expect(one).toMatchObject({ data: 1, error: null });
		const rest = await w.member.client.rpc('mark_notifications_seen', {});
		expect(rest).toMatchObject({ data: mine!.length - 1, error: null });
		const { count } = await w.member.client
			.from('notifications')
			.select('id', { count: 'exact', head: true })
			.is('seen_at', null);
		expect(count).toBe(0);
	});

	it("users cannot mark someone else's notifications as seen", async () => {
		const { data: theirs } = await w.coach.client
			.from('notifications')
			.select('id')
			.is('seen_at', null)
			.limit(1);
		const { data } = await w.member.client.rpc('mark_notifications_seen', {
			notification_ids: [theirs![0].id]
		});
		expect(data).toBe(0);
	});
});
