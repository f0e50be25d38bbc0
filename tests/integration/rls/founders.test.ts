// Founders: read by signed-in users, written by the owner of their company.
import { companyActors, companyCells, insertAsService } from './company-rows.ts';
import { runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'founders',
	subject: "the founders of the company owner's company",
	actors: companyActors,
	createRow: (w) =>
		insertAsService(w, 'founders', {
			company_id: w.companyId,
			first_name: 'Aïcha',
			last_name: 'Traoré'
		}),
	newRow: (w) => ({
		id: uuid(),
		company_id: w.companyId,
		first_name: 'Romain',
		last_name: 'Gautier'
	}),
	patch: () => ({ position: `Directeur ${uuid().slice(0, 8)}` }),
	cells: companyCells
});
