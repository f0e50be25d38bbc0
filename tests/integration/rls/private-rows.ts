// Actors and cells shared by the private tables (contacts, documents, plans): the owner does
// everything, nobody else anything.
import type { World } from './actors.ts';
import type { Cell } from './matrix.ts';
import { all } from './matrix.ts';

export const privateActors = {
	anonymous: (w: World) => w.anonymous,
	owner: (w: World) => w.member,
	'another member': (w: World) => w.otherMember,
	coach: (w: World) => w.coach,
	'company owner': (w: World) => w.companyOwner
};

export const privateCells: Cell[] = [
	...all('anonymous', 'denied'),
	...all('owner', 'allowed'),
	...all('another member', 'denied'),
	...all('coach', 'denied'),
	...all('company owner', 'denied')
];

export async function insertAsService(
	w: World,
	table: 'contacts' | 'documents' | 'plans',
	row: Record<string, unknown>
) {
	const { data, error } = await w.service
		.from(table)
		.insert(row as never)
		.select('id')
		.single();
	if (error) throw new Error(`${table}: ${error.message}`);
	return { id: (data as { id: string }).id };
}
