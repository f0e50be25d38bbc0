// Coaching requests: visible to the member and the coach; written only through the RPCs.
import { coachingActors, coachingCells } from './coaching-rows.ts';
import { freshSlot } from './actors.ts';
import { runMatrix, uuid } from './matrix.ts';
import type { World } from './actors.ts';

const request = (w: World) => ({
	member_id: w.member.id,
	coach_id: w.coach.id,
	domain_id: w.domainId,
	desired_at: freshSlot().starts_at,
	message: 'Relire mon business plan'
});

runMatrix({
	table: 'coaching_requests',
	subject: 'coaching requests between the member and the coach',
	actors: coachingActors,
	createRow: async (w) => {
		const { data, error } = await w.service
			.from('coaching_requests')
			.insert(request(w))
			.select('id')
			.single();
		if (error) throw new Error(error.message);
		return { id: data.id };
	},
	newRow: (w) => ({ id: uuid(), ...request(w) }),
	patch: () => ({ message: `Modifié ${uuid().slice(0, 8)}` }),
	cells: coachingCells
});
