// Contacts: private to their owner.
import { runMatrix, uuid } from './matrix.ts';
import { insertAsService, privateActors, privateCells } from './private-rows.ts';

runMatrix({
	table: 'contacts',
	subject: "the owner's contacts",
	actors: privateActors,
	createRow: (w) =>
		insertAsService(w, 'contacts', {
			owner_id: w.member.id,
			first_name: 'Bernard',
			last_name: 'Lemaire'
		}),
	newRow: (w) => ({ id: uuid(), owner_id: w.member.id, first_name: 'Sylvie', last_name: 'Perrin' }),
	patch: () => ({ notes: `Rappeler ${uuid().slice(0, 8)}` }),
	cells: privateCells
});
