// Video sessions: visible to the two parties of their coaching session; written by triggers
// and the server (service role) only.
import { coachingActors, coachingCells } from './coaching-rows.ts';
import { createSession, freshSlot } from './actors.ts';
import { runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'video_sessions',
	subject: 'the video sessions of the member and the coach',
	actors: coachingActors,
	createRow: async (w) => ({ id: (await createSession(w)).videoSessionId }),
	newRow: async (w) => {
		const { sessionId, videoSessionId } = await createSession(w);
		// The trigger already made one; a second for the same session is what an actor tries.
		await w.service.from('video_sessions').delete().eq('id', videoSessionId);
		return {
			id: uuid(),
			coaching_session_id: sessionId,
			room_name: `salle-${uuid()}`,
			...freshSlot()
		};
	},
	patch: () => ({ status: 'live' }),
	cells: coachingCells
});
