// Companies: directory data read by signed-in users, written by the company's owner.
import { companyActors, companyCells, insertAsService } from './company-rows.ts';
import { runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'companies',
	subject: "the company owner's companies",
	actors: companyActors,
	createRow: (w) =>
		insertAsService(w, 'companies', { owner_id: w.companyOwner.id, name: 'Atelier Lumen' }),
	newRow: (w) => ({ id: uuid(), owner_id: w.companyOwner.id, name: 'GreenLoop' }),
	patch: () => ({ description: `Présentation ${uuid().slice(0, 8)}` }),
	cells: companyCells
});
