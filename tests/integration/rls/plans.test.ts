// Plans: private to their owner.
import { runMatrix, uuid } from './matrix.ts';
import { insertAsService, privateActors, privateCells } from './private-rows.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

runMatrix({
	table: 'plans',
	subject: "the owner's plans",
	actors: privateActors,
	createRow: (w) =>
		insertAsService(w, 'plans', {
			owner_id: w.member.id,
			title: 'Rendez-vous banque',
			starts_at: inDays(3),
			reminder_minutes_before: 60
		}),
	newRow: (w) => ({
		id: uuid(),
		owner_id: w.member.id,
		title: 'Visite du local',
		starts_at: inDays(4),
		duration_minutes: 45
	}),
	patch: () => ({ title: `Comité ${uuid().slice(0, 8)}` }),
	cells: privateCells
});
