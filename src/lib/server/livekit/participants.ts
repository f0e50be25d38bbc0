// What the server writes about participants with the service role, since clients have no write
// grant on video_participants: a party who asked for a token is waiting (pre-join) until
// LiveKit's webhook says they joined. Also tells an unknown video session from one the caller
// may not see (RLS hides both the same way).
import type { AdminClient } from '../supabase-admin.ts';

export class ParticipantRecordError extends Error {
	readonly code: string | undefined;

	constructor(message: string, code?: string) {
		super(message);
		this.name = 'ParticipantRecordError';
		this.code = code;
	}
}

/**
 * Records the party as waiting: a new participant, or one who had left and comes back. A party
 * already in the room (another tab or device) stays connected.
 */
export async function recordWaiting(
	admin: AdminClient,
	videoSessionId: string,
	profileId: string
): Promise<void> {
	const created = await admin
		.from('video_participants')
		.upsert(
			{ video_session_id: videoSessionId, profile_id: profileId, status: 'waiting' },
			{ onConflict: 'video_session_id,profile_id', ignoreDuplicates: true }
		);
	if (created.error) {
		throw new ParticipantRecordError(
			`recording participant ${profileId} of video session ${videoSessionId} as waiting: ${created.error.message}`,
			created.error.code
		);
	}
	const returning = await admin
		.from('video_participants')
		.update({ status: 'waiting' })
		.eq('video_session_id', videoSessionId)
		.eq('profile_id', profileId)
		.eq('status', 'disconnected');
	if (returning.error) {
		throw new ParticipantRecordError(
			`marking participant ${profileId} of video session ${videoSessionId} as waiting again: ${returning.error.message}`,
			returning.error.code
		);
	}
}

/** Whether a video session with that id exists at all (the caller could not see it). */
export async function videoSessionExists(admin: AdminClient, videoSessionId: string) {
	const { count, error } = await admin
		.from('video_sessions')
		.select('id', { count: 'exact', head: true })
		.eq('id', videoSessionId);
	if (error) {
		throw new ParticipantRecordError(
			`checking that video session ${videoSessionId} exists: ${error.message}`,
			error.code
		);
	}
	return (count ?? 0) > 0;
}
