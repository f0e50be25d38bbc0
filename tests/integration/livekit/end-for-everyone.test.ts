// "Terminer pour tous" ($lib/server/livekit/end-session.ts, the room page's `end` action): only
// the session's coach may; the database marks the video session ended, then LiveKit's
// DeleteRoom is called (asserted against the Twirp fake, which checks the call's grants).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endForEveryone } from '../../../src/lib/server/livekit/end-session.ts';
import { grantRoomAccess } from '../../../src/lib/server/livekit/join.ts';
import { createSession, createWorld } from '../rls/actors.ts';
import type { User, World } from '../rls/actors.ts';
import { participantState, startLiveKit, videoState } from './context.ts';

describe('ending a video session for everyone', () => {
	let w: World;
	let lk: Awaited<ReturnType<typeof startLiveKit>>;
	beforeAll(async () => {
		w = await createWorld();
		lk = await startLiveKit();
	}, 120_000);
	afterAll(async () => {
		await lk.fake.stop();
	});

	const end = (user: User, videoSessionId: string) =>
		endForEveryone({ supabase: user.client, rooms: lk.rooms }, videoSessionId);

	async function openRoom() {
		const session = await createSession(w);
		const room = `coaching-${session.sessionId}`;
		lk.fake.rooms.add(room);
		await w.service.from('video_participants').insert([
			{ video_session_id: session.videoSessionId, profile_id: w.member.id, status: 'connected' },
			{ video_session_id: session.videoSessionId, profile_id: w.coach.id, status: 'connected' }
		]);
		return { ...session, room };
	}

	it('the coach ends it: DeleteRoom is called with a roomCreate grant, the session is ended, everyone disconnected', async () => {
		const { videoSessionId, room } = await openRoom();
		const calls = lk.fake.calls.length;
		expect(await end(w.coach, videoSessionId)).toEqual({ ok: true, room: 'deleted' });

		const made = lk.fake.calls.slice(calls);
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({ method: 'DeleteRoom', status: 200, body: { room } });
		expect(made[0].grants?.iss).toBe(lk.livekit.apiKey);
		expect(made[0].grants?.video?.roomCreate).toBe(true);
		expect(lk.fake.rooms.has(room)).toBe(false);

		const video = await videoState(w.service, videoSessionId);
		expect(video.status).toBe('ended');
		expect(video.ended_at).not.toBeNull();
		for (const party of [w.member, w.coach]) {
			expect((await participantState(w.service, videoSessionId, party.id))?.status).toBe(
				'disconnected'
			);
		}
	});

	it('after the end, nobody gets a token any more', async () => {
		const { videoSessionId } = await openRoom();
		await end(w.coach, videoSessionId);
		const again = await grantRoomAccess(
			{ supabase: w.member.client, admin: w.service, livekit: lk.livekit },
			w.member.id,
			videoSessionId
		);
		expect(again).toMatchObject({ ok: false, status: 409 });
	});

	it('the member cannot end it for everyone: 403, no LiveKit call, nothing changes', async () => {
		const { videoSessionId, room } = await openRoom();
		const calls = lk.fake.calls.length;
		expect(await end(w.member, videoSessionId)).toEqual({
			ok: false,
			status: 403,
			message: 'Seul le coach peut terminer la séance vidéo pour tous.'
		});
		expect(lk.fake.calls.length).toBe(calls);
		expect(lk.fake.rooms.has(room)).toBe(true);
		// Both parties connected made it live; it stays so.
		expect((await videoState(w.service, videoSessionId)).status).toBe('live');
	});

	it('another coach cannot end it either', async () => {
		const { videoSessionId } = await openRoom();
		expect(await end(w.otherCoach, videoSessionId)).toEqual({
			ok: false,
			status: 403,
			message: 'Cette séance vidéo est introuvable ou ne vous concerne pas.'
		});
	});

	it('a room LiveKit no longer has still ends the session', async () => {
		const { videoSessionId, room } = await openRoom();
		lk.fake.rooms.delete(room);
		expect(await end(w.coach, videoSessionId)).toEqual({ ok: true, room: 'absent' });
		expect((await videoState(w.service, videoSessionId)).status).toBe('ended');
	});

	it('when LiveKit fails, the coach is told and can retry until the room is closed', async () => {
		const { videoSessionId, room } = await openRoom();
		lk.fake.failNext(503, 'unavailable');
		expect(await end(w.coach, videoSessionId)).toEqual({
			ok: false,
			status: 502,
			message:
				'La séance est marquée terminée, mais la salle n’a pas pu être fermée : le serveur vidéo ne répond pas. Réessayez.'
		});
		expect((await videoState(w.service, videoSessionId)).status).toBe('ended');
		expect(lk.fake.rooms.has(room)).toBe(true);

		expect(await end(w.coach, videoSessionId)).toEqual({ ok: true, room: 'deleted' });
		expect(lk.fake.rooms.has(room)).toBe(false);
	});
});
