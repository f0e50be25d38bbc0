// The participants panel, live: the video session's records arrive on its private Realtime
// topic video:<uuid> (database broadcasts participant_changed and video_session_changed, with
// { record, old_record, operation }), joined after realtime.setAuth so RLS lets only the two
// parties in. Merging keeps the newest version of each record, whatever order they arrive in.
import type { RealtimeChannel } from '@supabase/realtime-js';
import type { RealtimeAccess } from '#lib/supabase/clients.ts';
import type { Database } from '#lib/supabase/database.types.ts';

type Tables = Database['public']['Tables'];
export type ParticipantRecord = Pick<
	Tables['video_participants']['Row'],
	'profile_id' | 'status' | 'joined_at' | 'left_at' | 'updated_at'
>;
export type VideoSessionRecord = Pick<
	Tables['video_sessions']['Row'],
	'id' | 'status' | 'started_at' | 'ended_at' | 'updated_at'
>;

/** The list with `record` in it: added, or replacing an older version of the same profile. */
export function mergeParticipant(
	list: ParticipantRecord[],
	record: ParticipantRecord
): ParticipantRecord[] {
	const index = list.findIndex((item) => item.profile_id === record.profile_id);
	if (index === -1) return [...list, record];
	if (Date.parse(list[index].updated_at) > Date.parse(record.updated_at)) return list;
	return list.map((item, at) => (at === index ? record : item));
}

export function videoTopic(videoSessionId: string): string {
	return `video:${videoSessionId}`;
}

export type WatchState = 'live' | 'offline';

type Broadcast<T> = { payload?: { record?: T | null; operation?: string } };

export async function watchVideoSession(
	supabase: RealtimeAccess,
	videoSessionId: string,
	handlers: {
		onParticipant: (record: ParticipantRecord) => void;
		onSession: (record: VideoSessionRecord) => void;
		onState: (state: WatchState) => void;
	}
): Promise<() => void> {
	// Private channels are authorised with the user's JWT, not the publishable key.
	await supabase.realtime.setAuth();
	const channel: RealtimeChannel = supabase
		.channel(videoTopic(videoSessionId), { config: { private: true } })
		.on('broadcast', { event: 'participant_changed' }, (message) => {
			const record = (message as Broadcast<ParticipantRecord>).payload?.record;
			if (record?.profile_id) handlers.onParticipant(record);
		})
		.on('broadcast', { event: 'video_session_changed' }, (message) => {
			const record = (message as Broadcast<VideoSessionRecord>).payload?.record;
			if (record?.id === videoSessionId) handlers.onSession(record);
		})
		.subscribe((status) => {
			handlers.onState(status === 'SUBSCRIBED' ? 'live' : 'offline');
		});
	return () => {
		void supabase.removeChannel(channel);
	};
}
