// Participants: visible to the two parties of the video session; written by the server
// (service role, LiveKit webhooks) only.
import { coachingActors, coachingCells } from './coaching-rows.ts';
import { createSession } from './actors.ts';
import { runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'video_participants',
	subject: 'the participants of the video session of the member and the coach',
	actors: coachingActors,
	createRow: async (w) => {
		const { videoSessionId } = await createSession(w);
		const { data, error } = await w.service
			.from('video_participants')
			.insert({ video_session_id: videoSessionId, profile_id: w.member.id, status: 'waiting' })
			.select('id')
			.single();
		if (error) throw new Error(error.message);
		return { id: data.id };
	},
	newRow: async (w) => ({
		id: uuid(),
		video_session_id: (await createSession(w)).videoSessionId,
		profile_id: w.coach.id,
		status: 'connected'
	}),
	patch: () => ({ status: 'connected' }),
	cells: coachingCells
});
