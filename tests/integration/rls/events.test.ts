// Events: read by signed-in users, written by the owner of their company.
import { companyActors, companyCells, insertAsService } from './company-rows.ts';
import { runMatrix, uuid } from './matrix.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

runMatrix({
	table: 'events',
	subject: "the events of the company owner's company",
	actors: companyActors,
	createRow: (w) =>
		insertAsService(w, 'events', {
			company_id: w.companyId,
			title: 'Portes ouvertes',
			starts_at: inDays(10),
			location: 'Lyon'
		}),
	newRow: (w) => ({
		id: uuid(),
		company_id: w.companyId,
		title: 'Webinaire',
		starts_at: inDays(12),
		location: 'En ligne'
	}),
	patch: () => ({ location: `Salle ${uuid().slice(0, 8)}` }),
	cells: companyCells
});
