// The LiveKit webhook (POST /api/livekit/webhook's logic): verified with the key pair, applied
// once to the video session and its participants with the service role, broadcast on
// video:<uuid>; forged or tampered deliveries change nothing; a replay changes nothing.
import type { RealtimeChannel } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLiveKitEvent } from '../../../src/lib/server/livekit/events.ts';
import { WebhookRejection } from '../../../src/lib/server/livekit/webhook.ts';
import { signWebhook } from '../../support/livekit/webhooks.ts';
import { createSession, createWorld } from '../rls/actors.ts';
import type { World } from '../rls/actors.ts';
import {
	delivery,
	instant,
	participantState,
	startLiveKit,
	videoState,
	wholeSecondsAgo
} from './context.ts';

describe('LiveKit webhook', () => {
	let w: World;
	let lk: Awaited<ReturnType<typeof startLiveKit>>;
	beforeAll(async () => {
		w = await createWorld();
		lk = await startLiveKit();
	}, 120_000);
	afterAll(async () => {
		await lk.fake.stop();
	});

	/** What the endpoint does with a delivery: verify, then apply. */
	async function deliver(sent: { body: string; authorization: string | null }) {
		const event = await lk.verify(sent.body, sent.authorization);
		return applyLiveKitEvent({ admin: w.service, rooms: lk.rooms }, event);
	}

	async function refusal(sent: { body: string; authorization: string | null }) {
		const error = await deliver(sent).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(WebhookRejection);
		return (error as WebhookRejection).status;
	}

	describe('status transitions', () => {
		it('room_started makes the video session live at the time LiveKit gives', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const at = wholeSecondsAgo(60);
			const result = await deliver(
				await delivery({ event: 'room_started', room: `coaching-${sessionId}`, at })
			);
			expect(result).toMatchObject({ outcome: 'applied', videoSessionId });
			const video = await videoState(w.service, videoSessionId);
			expect(video.status).toBe('live');
			expect(instant(video.started_at)).toBe(at.getTime());
		});

		it('participant_joined then participant_left connect and disconnect the participant, with their times', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const room = `coaching-${sessionId}`;
			const joinedAt = wholeSecondsAgo(120);
			const leftAt = wholeSecondsAgo(30);
			await deliver(
				await delivery({ event: 'participant_joined', room, identity: w.member.id, at: joinedAt })
			);
			expect(await participantState(w.service, videoSessionId, w.member.id)).toMatchObject({
				status: 'connected',
				left_at: null
			});
			expect(
				instant((await participantState(w.service, videoSessionId, w.member.id))?.joined_at)
			).toBe(joinedAt.getTime());
			// The first join opens the video session too.
			expect((await videoState(w.service, videoSessionId)).status).toBe('live');

			await deliver(
				await delivery({ event: 'participant_left', room, identity: w.member.id, at: leftAt })
			);
			const left = await participantState(w.service, videoSessionId, w.member.id);
			expect(left?.status).toBe('disconnected');
			expect(instant(left?.left_at)).toBe(leftAt.getTime());
		});

		it('room_finished ends the video session and disconnects whoever was still in', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const room = `coaching-${sessionId}`;
			await deliver(
				await delivery({
					event: 'participant_joined',
					room,
					identity: w.coach.id,
					at: wholeSecondsAgo(90)
				})
			);
			const finishedAt = wholeSecondsAgo(10);
			await deliver(await delivery({ event: 'room_finished', room, at: finishedAt }));
			const video = await videoState(w.service, videoSessionId);
			expect(video.status).toBe('ended');
			expect(instant(video.ended_at)).toBe(finishedAt.getTime());
			expect((await participantState(w.service, videoSessionId, w.coach.id))?.status).toBe(
				'disconnected'
			);
		});

		it('a participant who is not a party of the session is not recorded', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const result = await deliver(
				await delivery({
					event: 'participant_joined',
					room: `coaching-${sessionId}`,
					identity: w.otherMember.id
				})
			);
			expect(result.outcome).toBe('ignored');
			expect(await participantState(w.service, videoSessionId, w.otherMember.id)).toBeNull();
		});

		it('events of rooms the platform does not know, and events it does not follow, are acknowledged and ignored', async () => {
			const { sessionId } = await createSession(w);
			expect(
				(await deliver(await delivery({ event: 'room_started', room: 'another-app-room' }))).outcome
			).toBe('ignored');
			expect(
				(
					await deliver(
						await delivery({
							event: 'track_published',
							room: `coaching-${sessionId}`,
							identity: w.member.id
						})
					)
				).outcome
			).toBe('ignored');
		});

		it('a participant change reaches the other party on the video session topic', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			await w.coach.client.realtime.setAuth(w.coach.accessToken);
			const received: { event: string; payload: Record<string, unknown> }[] = [];
			const channel: RealtimeChannel = w.coach.client
				.channel(`video:${videoSessionId}`, { config: { private: true } })
				.on('broadcast', { event: 'participant_changed' }, (message) =>
					received.push({
						event: message.event,
						payload: message.payload as Record<string, unknown>
					})
				);
			try {
				const status = await new Promise<string>((done) => {
					const timer = setTimeout(() => done('TIMED_OUT'), 15_000);
					channel.subscribe((state) => {
						if (state === 'SUBSCRIBED' || state === 'CHANNEL_ERROR' || state === 'TIMED_OUT') {
							clearTimeout(timer);
							done(state);
						}
					});
				});
				expect(status).toBe('SUBSCRIBED');
				await deliver(
					await delivery({
						event: 'participant_joined',
						room: `coaching-${sessionId}`,
						identity: w.member.id
					})
				);
				const deadline = Date.now() + 10_000;
				while (Date.now() < deadline && received.length === 0) {
					await new Promise((done) => setTimeout(done, 100));
				}
				expect(received[0]?.payload).toMatchObject({
					record: { profile_id: w.member.id, status: 'connected', video_session_id: videoSessionId }
				});
			} finally {
				await w.coach.client.removeChannel(channel);
			}
		});
	});

	describe('verification and idempotency', () => {
		it('a replayed delivery is accepted but changes nothing', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const sent = await delivery({
				event: 'participant_joined',
				room: `coaching-${sessionId}`,
				identity: w.member.id,
				at: wholeSecondsAgo(60)
			});
			expect((await deliver(sent)).outcome).toBe('applied');
			const before = await participantState(w.service, videoSessionId, w.member.id);
			// The participant left in between: the replayed join must not bring them back.
			await deliver(
				await delivery({
					event: 'participant_left',
					room: `coaching-${sessionId}`,
					identity: w.member.id
				})
			);
			const afterLeave = await participantState(w.service, videoSessionId, w.member.id);

			expect((await deliver(sent)).outcome).toBe('duplicate');
			expect(await participantState(w.service, videoSessionId, w.member.id)).toEqual(afterLeave);
			expect(before?.status).toBe('connected');
			expect(afterLeave?.status).toBe('disconnected');
		});

		it('a delivery signed with another secret is refused with 401 and changes nothing', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const sent = await delivery({ event: 'room_finished', room: `coaching-${sessionId}` });
			const forged = await signWebhook(
				{ apiKey: 'APIintegration', apiSecret: 'not-the-secret-livekit-signs-with-32' },
				sent.body
			);
			expect(await refusal({ body: sent.body, authorization: forged })).toBe(401);
			expect((await videoState(w.service, videoSessionId)).status).toBe('scheduled');
		});

		it('a body that is not the one signed is refused with 401 and changes nothing', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const sent = await delivery({ event: 'room_started', room: `coaching-${sessionId}` });
			const tampered = sent.body.replace('room_started', 'room_finished');
			expect(await refusal({ body: tampered, authorization: sent.authorization })).toBe(401);
			expect((await videoState(w.service, videoSessionId)).status).toBe('scheduled');
		});

		it('an unsigned delivery is refused with 401', async () => {
			const { sessionId } = await createSession(w);
			const sent = await delivery({ event: 'room_finished', room: `coaching-${sessionId}` });
			expect(await refusal({ body: sent.body, authorization: null })).toBe(401);
		});

		it('someone joining a session that has ended gets the room closed again', async () => {
			const { sessionId, videoSessionId } = await createSession(w);
			const room = `coaching-${sessionId}`;
			await deliver(await delivery({ event: 'room_finished', room }));
			lk.fake.rooms.add(room);
			const result = await deliver(
				await delivery({ event: 'participant_joined', room, identity: w.member.id })
			);
			expect(result.closedAgain).toBe(true);
			expect(lk.fake.calls.at(-1)).toMatchObject({
				method: 'DeleteRoom',
				status: 200,
				body: { room }
			});
			expect((await videoState(w.service, videoSessionId)).status).toBe('ended');
		});
	});
});
