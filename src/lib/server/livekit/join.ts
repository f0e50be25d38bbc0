// Decides whether the signed-in caller may join a video session's room and, if so, gives them a
// LiveKit token. The decision is made by row-level security through the caller's own Supabase
// client (they see the video session only when they are its member or its coach); the service
// role only records them as waiting and tells "unknown" (404) from "not yours" (403).
import type { SupabaseClient } from '@supabase/supabase-js';
import { messages } from '#lib/i18n/index.ts';
import type { Database } from '#lib/supabase/database.types.ts';
import type { LiveKitConfig } from '../env.ts';
import type { AdminClient } from '../supabase-admin.ts';
import { recordWaiting, videoSessionExists } from './participants.ts';
import { mintJoinToken } from './token.ts';
import type { PartyRole } from './token.ts';

const t = messages.video.errors;

export type JoinDeps = {
	/** The caller's own client: what it can read is what RLS lets them read. */
	supabase: SupabaseClient<Database>;
	admin: AdminClient;
	livekit: LiveKitConfig;
};

export type JoinGrant = { ok: true; token: string; url: string; role: PartyRole };
export type JoinRefusal = { ok: false; status: 401 | 403 | 404 | 409 | 503; message: string };

const refuse = (status: JoinRefusal['status'], message: string): JoinRefusal => ({
	ok: false,
	status,
	message
});

export async function grantRoomAccess(
	deps: JoinDeps,
	userId: string | null | undefined,
	videoSessionId: string
): Promise<JoinGrant | JoinRefusal> {
	if (!userId) return refuse(401, t.signedOut);

	const { data: video, error } = await deps.supabase
		.from('video_sessions')
		.select('id, room_name, status, coaching_session_id')
		.eq('id', videoSessionId)
		.maybeSingle();
	if (error) {
		console.error(`video session ${videoSessionId} could not be read: ${error.message}`);
		return refuse(503, t.unavailable);
	}
	if (!video) {
		try {
			return (await videoSessionExists(deps.admin, videoSessionId))
				? refuse(403, t.forbidden)
				: refuse(404, t.notFound);
		} catch (failure) {
			console.error((failure as Error).message);
			return refuse(503, t.unavailable);
		}
	}

	const [{ data: session, error: sessionError }, { data: profile, error: profileError }] =
		await Promise.all([
			deps.supabase
				.from('coaching_sessions')
				.select('member_id, coach_id, status')
				.eq('id', video.coaching_session_id)
				.maybeSingle(),
			deps.supabase.from('profiles').select('first_name, last_name').eq('id', userId).maybeSingle()
		]);
	if (sessionError || profileError || !session || !profile) {
		console.error(
			`coaching session of video session ${videoSessionId} or profile ${userId} could not be read: ` +
				(sessionError?.message ?? profileError?.message ?? 'not visible')
		);
		return refuse(503, t.unavailable);
	}
	const role: PartyRole | null =
		session.coach_id === userId ? 'coach' : session.member_id === userId ? 'member' : null;
	// RLS already hides other people's sessions; this keeps a policy mistake from minting tokens.
	if (!role) return refuse(403, t.forbidden);
	if (session.status === 'cancelled') return refuse(409, t.cancelled);
	if (video.status === 'ended' || session.status === 'completed') return refuse(409, t.ended);

	try {
		await recordWaiting(deps.admin, video.id, userId);
	} catch (failure) {
		console.error((failure as Error).message);
		return refuse(503, t.unavailable);
	}
	const token = await mintJoinToken(deps.livekit, {
		identity: userId,
		name: displayName(profile),
		room: video.room_name,
		role
	});
	return { ok: true, token, url: deps.livekit.url, role };
}

export function displayName(profile: { first_name: string | null; last_name: string | null }) {
	return (
		`${profile.first_name ?? ''} ${profile.last_name ?? ''}`.replace(/\s+/g, ' ').trim() ||
		messages.video.roles.member
	);
}
