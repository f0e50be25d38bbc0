// Innovations: read by signed-in users, written by the owner of their company.
import { companyActors, companyCells, insertAsService } from './company-rows.ts';
import { runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'innovations',
	subject: "the innovations of the company owner's company",
	actors: companyActors,
	createRow: (w) =>
		insertAsService(w, 'innovations', {
			company_id: w.companyId,
			title: 'Kit LED',
			kind: 'product'
		}),
	newRow: (w) => ({
		id: uuid(),
		company_id: w.companyId,
		title: 'Diagnostic gratuit',
		kind: 'service'
	}),
	patch: () => ({ title: `Procédé ${uuid().slice(0, 8)}` }),
	cells: companyCells
});
