// How verified events reach the database: only followed events, and a join into an ended
// session closes the room again. The database side (apply_livekit_event) has its own pgTAP and
// integration suites; here the admin client is a stand-in that records its calls.
import { describe, expect, it } from 'vitest';
import {
	applyLiveKitEvent,
	EventApplicationError
} from '../../../../../src/lib/server/livekit/events.ts';
import type { AdminClient } from '../../../../../src/lib/server/supabase-admin.ts';
import type { RoomService } from '../../../../../src/lib/server/livekit/room-service.ts';
import type { LiveKitEvent } from '../../../../../src/lib/server/livekit/webhook.ts';

type Row = {
	outcome: string;
	video_session_id: string | null;
	video_session_status: string | null;
};

function stubs(answer: { data?: Row[]; error?: { message: string } }) {
	const rpcCalls: { fn: string; args: Record<string, unknown> }[] = [];
	const deleted: string[] = [];
	const admin = {
		rpc: async (fn: string, args: Record<string, unknown>) => {
			rpcCalls.push({ fn, args });
			return { data: answer.data ?? null, error: answer.error ?? null };
		}
	} as unknown as AdminClient;
	const rooms: RoomService = {
		deleteRoom: async (room) => {
			deleted.push(room);
			return 'deleted';
		}
	};
	return { deps: { admin, rooms }, rpcCalls, deleted };
}

const event = (overrides: Partial<LiveKitEvent> = {}): LiveKitEvent => ({
	id: 'EV_1',
	event: 'participant_joined',
	roomName: 'coaching-x',
	identity: '6f1d1a2e-0c1f-4d7a-9a51-5d6f3f0b9c11',
	occurredAt: new Date('2026-09-14T09:30:00Z'),
	...overrides
});

describe('applying LiveKit events', () => {
	it('hands a followed event to apply_livekit_event with its id, room, identity and time', async () => {
		const { deps, rpcCalls } = stubs({
			data: [{ outcome: 'applied', video_session_id: 'v1', video_session_status: 'live' }]
		});
		expect(await applyLiveKitEvent(deps, event())).toEqual({
			outcome: 'applied',
			videoSessionId: 'v1',
			closedAgain: false
		});
		expect(rpcCalls).toEqual([
			{
				fn: 'apply_livekit_event',
				args: {
					event_id: 'EV_1',
					event: 'participant_joined',
					room_name: 'coaching-x',
					participant_identity: '6f1d1a2e-0c1f-4d7a-9a51-5d6f3f0b9c11',
					occurred_at: '2026-09-14T09:30:00.000Z'
				}
			}
		]);
	});

	it('acknowledges events the platform does not follow without touching the database', async () => {
		const { deps, rpcCalls } = stubs({});
		expect((await applyLiveKitEvent(deps, event({ event: 'track_published' }))).outcome).toBe(
			'ignored'
		);
		expect(
			(await applyLiveKitEvent(deps, event({ event: 'egress_started', roomName: null }))).outcome
		).toBe('ignored');
		expect(rpcCalls).toEqual([]);
	});

	it('closes the room again when someone joins a session that has ended', async () => {
		const { deps, deleted } = stubs({
			data: [{ outcome: 'applied', video_session_id: 'v1', video_session_status: 'ended' }]
		});
		expect((await applyLiveKitEvent(deps, event())).closedAgain).toBe(true);
		expect(deleted).toEqual(['coaching-x']);
	});

	it('does not close the room when a participant leaves an ended session', async () => {
		const { deps, deleted } = stubs({
			data: [{ outcome: 'applied', video_session_id: 'v1', video_session_status: 'ended' }]
		});
		await applyLiveKitEvent(deps, event({ event: 'participant_left' }));
		expect(deleted).toEqual([]);
	});

	it('reports a database failure so the endpoint answers 5xx and LiveKit retries', async () => {
		const { deps } = stubs({ error: { message: 'connection refused' } });
		await expect(applyLiveKitEvent(deps, event())).rejects.toThrow(EventApplicationError);
	});
});
