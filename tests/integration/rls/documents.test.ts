// Documents (metadata of files in the private bucket): private to their owner.
import { runMatrix, uuid } from './matrix.ts';
import { insertAsService, privateActors, privateCells } from './private-rows.ts';
import type { World } from './actors.ts';

const document = (w: World) => ({
	owner_id: w.member.id,
	name: 'Prévisionnel financier.pdf',
	storage_path: `${w.member.id}/${uuid().slice(0, 8)}-previsionnel-financier.pdf`,
	mime_type: 'application/pdf',
	size_bytes: 1024
});

runMatrix({
	table: 'documents',
	subject: "the owner's documents",
	actors: privateActors,
	createRow: (w) => insertAsService(w, 'documents', document(w)),
	newRow: (w) => ({ id: uuid(), ...document(w) }),
	patch: () => ({ name: `Étude de marché ${uuid().slice(0, 8)}.pdf` }),
	cells: privateCells
});
