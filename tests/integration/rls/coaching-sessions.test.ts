// Coaching sessions: visible to the member and the coach; written only through the RPCs.
import { coachingActors, coachingCells } from './coaching-rows.ts';
import { createSession, freshSlot } from './actors.ts';
import { runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'coaching_sessions',
	subject: 'coaching sessions between the member and the coach',
	actors: coachingActors,
	createRow: async (w) => ({ id: (await createSession(w)).sessionId }),
	newRow: async (w) => {
		// An accepted request still without its session: what an actor would try to fill in.
		const slot = freshSlot();
		const { data, error } = await w.service
			.from('coaching_requests')
			.insert({
				member_id: w.member.id,
				coach_id: w.coach.id,
				domain_id: w.domainId,
				desired_at: slot.starts_at,
				status: 'accepted',
				responded_at: new Date().toISOString()
			})
			.select('id')
			.single();
		if (error) throw new Error(error.message);
		return {
			id: uuid(),
			request_id: data.id,
			member_id: w.member.id,
			coach_id: w.coach.id,
			...slot
		};
	},
	patch: () => ({ cancellation_reason: `Annulée ${uuid().slice(0, 8)}` }),
	cells: coachingCells
});
