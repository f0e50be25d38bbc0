// "Terminer pour tous": the coach ends the video session for everyone. The database decides
// who may (end_video_session through the coach's own client: 42501 for anyone else) and marks
// the session ended, then the LiveKit room is deleted, which disconnects everyone in it. Both
// steps may be repeated, so a failed deletion is retried by asking again.
import type { SupabaseClient } from '@supabase/supabase-js';
import { dbErrorMessage } from '#lib/errors.ts';
import { messages } from '#lib/i18n/index.ts';
import type { Database } from '#lib/supabase/database.types.ts';
import type { RoomService } from './room-service.ts';

const t = messages.video.errors;

export type EndDeps = {
	/** The coach's own client. */
	supabase: SupabaseClient<Database>;
	rooms: RoomService;
};

export type EndResult =
	| { ok: true; room: 'deleted' | 'absent' }
	| { ok: false; status: 401 | 403 | 502 | 503; message: string };

export async function endForEveryone(deps: EndDeps, videoSessionId: string): Promise<EndResult> {
	const { data: video, error } = await deps.supabase.rpc('end_video_session', {
		video_session_id: videoSessionId
	});
	if (error) {
		if (error.code === '42501') {
			const signedOut = /connexion requise/i.test(error.message);
			return {
				ok: false,
				status: signedOut ? 401 : 403,
				message: signedOut ? t.signedOut : dbErrorMessage(error)
			};
		}
		console.error(`end_video_session ${videoSessionId} failed: ${error.code} ${error.message}`);
		return { ok: false, status: 503, message: t.unavailable };
	}
	try {
		return { ok: true, room: await deps.rooms.deleteRoom(video.room_name) };
	} catch (failure) {
		console.error((failure as Error).message);
		return { ok: false, status: 502, message: t.endFailed };
	}
}
