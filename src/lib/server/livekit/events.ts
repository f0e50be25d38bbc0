// Applies a verified LiveKit event to the video session and its participants, once: the
// database function apply_livekit_event records the event id in the same transaction as its
// effect, so a replay (LiveKit retries until it gets a 2xx) changes nothing. A join into a
// session that is already ended (a token minted before the coach ended it) closes the room again.
import type { AdminClient } from '../supabase-admin.ts';
import type { RoomService } from './room-service.ts';
import { isFollowed } from './webhook.ts';
import type { LiveKitEvent } from './webhook.ts';

export type EventDeps = { admin: AdminClient; rooms: RoomService };

export type EventOutcome = {
	outcome: 'applied' | 'ignored' | 'duplicate';
	videoSessionId: string | null;
	/** The room was deleted again because the session had ended. */
	closedAgain: boolean;
};

export class EventApplicationError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EventApplicationError';
	}
}

const OPENING_EVENTS = new Set(['room_started', 'participant_joined']);

export async function applyLiveKitEvent(
	deps: EventDeps,
	event: LiveKitEvent
): Promise<EventOutcome> {
	// Tracks, egress, ingress…: acknowledged without touching the database.
	if (!isFollowed(event.event) || !event.roomName) {
		return { outcome: 'ignored', videoSessionId: null, closedAgain: false };
	}
	const { data, error } = await deps.admin.rpc('apply_livekit_event', {
		event_id: event.id,
		event: event.event,
		room_name: event.roomName,
		participant_identity: event.identity ?? undefined,
		occurred_at: event.occurredAt.toISOString()
	});
	if (error) {
		throw new EventApplicationError(
			`LiveKit event ${event.id} (${event.event}, room ${event.roomName}) could not be applied: ${error.message}`
		);
	}
	const row = data?.[0];
	const outcome = (row?.outcome ?? 'ignored') as EventOutcome['outcome'];
	let closedAgain = false;
	if (row?.video_session_status === 'ended' && OPENING_EVENTS.has(event.event)) {
		// Also on a replay: a failed deletion made LiveKit retry, and this is the retry.
		await deps.rooms.deleteRoom(event.roomName);
		closedAgain = true;
	}
	return { outcome, videoSessionId: row?.video_session_id ?? null, closedAgain };
}
