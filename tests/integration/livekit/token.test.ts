// Token issuing (POST /api/livekit/token's logic, $lib/server/livekit/join.ts): the member and
// the coach of a session get a short-lived grant for its room only, decided by RLS through
// their own client; everyone else is refused with the right status; asking records the party
// as waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRoomAccess } from '../../../src/lib/server/livekit/join.ts';
import { createSession, createWorld } from '../rls/actors.ts';
import type { User, World } from '../rls/actors.ts';
import { decodeToken, participantState, startLiveKit } from './context.ts';

describe('LiveKit tokens', () => {
	let w: World;
	let lk: Awaited<ReturnType<typeof startLiveKit>>;
	beforeAll(async () => {
		w = await createWorld();
		lk = await startLiveKit();
	}, 120_000);
	afterAll(async () => {
		await lk.fake.stop();
	});

	const ask = (user: User | null, videoSessionId: string, client = user?.client) =>
		grantRoomAccess(
			{ supabase: client ?? w.anonymous.client, admin: w.service, livekit: lk.livekit },
			user?.id ?? null,
			videoSessionId
		);

	describe('the parties of the session', () => {
		it('the member gets a token for that room only, with their profile id and name, without admin rights', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const granted = await ask(w.member, videoSessionId);
			expect(granted).toMatchObject({ ok: true, url: lk.livekit.url, role: 'member' });
			if (!granted.ok) return;
			const claims = await decodeToken(granted.token);
			expect(claims.sub).toBe(w.member.id);
			expect(claims.name).toBe('Camille Martin');
			expect(claims.video).toMatchObject({
				room: `coaching-${sessionId}`,
				roomJoin: true,
				roomAdmin: false
			});
			expect(claims.video?.roomCreate).toBeUndefined();
			expect(claims.video?.roomList).toBeUndefined();
			expect(claims.exp! - claims.nbf!).toBe(600);
		});

		it('the coach gets a token that makes them admin of that room', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const granted = await ask(w.coach, videoSessionId);
			expect(granted).toMatchObject({ ok: true, role: 'coach' });
			if (!granted.ok) return;
			const claims = await decodeToken(granted.token);
			expect(claims.sub).toBe(w.coach.id);
			expect(claims.name).toBe('Sophie Lefèvre');
			expect(claims.video).toMatchObject({
				room: `coaching-${sessionId}`,
				roomJoin: true,
				roomAdmin: true
			});
		});

		it('asking for a token records the party as waiting, once', async () => {
			const { videoSessionId } = await createSession(w);
			await ask(w.member, videoSessionId);
			await ask(w.member, videoSessionId);
			expect(await participantState(w.service, videoSessionId, w.member.id)).toMatchObject({
				status: 'waiting',
				joined_at: null
			});
			const { count } = await w.service
				.from('video_participants')
				.select('id', { count: 'exact', head: true })
				.eq('video_session_id', videoSessionId);
			expect(count).toBe(1);
		});

		it('a party who had left is waiting again; one already in the room stays connected', async () => {
			const { videoSessionId } = await createSession(w);
			await w.service.from('video_participants').insert([
				{ video_session_id: videoSessionId, profile_id: w.member.id, status: 'disconnected' },
				{ video_session_id: videoSessionId, profile_id: w.coach.id, status: 'connected' }
			]);
			await ask(w.member, videoSessionId);
			await ask(w.coach, videoSessionId);
			expect((await participantState(w.service, videoSessionId, w.member.id))?.status).toBe(
				'waiting'
			);
			expect((await participantState(w.service, videoSessionId, w.coach.id))?.status).toBe(
				'connected'
			);
		});
	});

	describe('refusals', () => {
		it('a signed-out visitor is refused with 401', async () => {
			const { videoSessionId } = await createSession(w);
			expect(await ask(null, videoSessionId)).toEqual({
				ok: false,
				status: 401,
				message: 'Veuillez vous connecter pour rejoindre la séance vidéo.'
			});
		});

		it('a signed-in user who is not a party is refused with 403 and recorded nowhere', async () => {
			const { videoSessionId } = await createSession(w);
			for (const outsider of [w.otherMember, w.otherCoach, w.companyOwner]) {
				expect(await ask(outsider, videoSessionId)).toEqual({
					ok: false,
					status: 403,
					message:
						'Vous ne participez pas à cette séance : seuls le coach et le membre peuvent la rejoindre.'
				});
			}
			const { count } = await w.service
				.from('video_participants')
				.select('id', { count: 'exact', head: true })
				.eq('video_session_id', videoSessionId);
			expect(count).toBe(0);
		});

		it("claiming a party's id does not help: RLS decides with the caller's own client", async () => {
			const { videoSessionId } = await createSession(w);
			const impostor = { ...w.member, client: w.otherMember.client };
			expect(await ask(impostor, videoSessionId)).toMatchObject({ ok: false, status: 403 });
		});

		it('an unknown video session is refused with 404', async () => {
			expect(await ask(w.member, crypto.randomUUID())).toEqual({
				ok: false,
				status: 404,
				message: 'Cette séance vidéo est introuvable.'
			});
		});

		it('a cancelled session is refused with 409', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const cancelled = await w.member.client.rpc('cancel_coaching_session', {
				session_id: sessionId
			});
			expect(cancelled.error).toBeNull();
			expect(await ask(w.coach, videoSessionId)).toEqual({
				ok: false,
				status: 409,
				message: 'Cette séance a été annulée : sa salle vidéo est fermée.'
			});
		});

		it('an ended session is refused with 409', async () => {
			const { videoSessionId } = await createSession(w, { past: true, status: 'completed' });
			expect(await ask(w.member, videoSessionId)).toEqual({
				ok: false,
				status: 409,
				message: 'Cette séance vidéo est terminée : elle ne peut plus être rejointe.'
			});
		});
	});
});
