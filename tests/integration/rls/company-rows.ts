// Actors and cells shared by the company tables (companies, founders, innovations, events):
// every signed-in user reads them, only the company's owner writes them.
import type { Cell } from './matrix.ts';
import { all } from './matrix.ts';
import type { World } from './actors.ts';

export const companyActors = {
	anonymous: (w: World) => w.anonymous,
	'company owner': (w: World) => w.companyOwner,
	'another company owner': (w: World) => w.otherCompanyOwner,
	member: (w: World) => w.member,
	coach: (w: World) => w.coach
};

export const companyCells: Cell[] = [
	...all('anonymous', 'denied'),
	...all('company owner', 'allowed'),
	['another company owner', 'select', 'allowed'],
	...all('another company owner', 'denied', ['insert', 'update', 'delete']),
	['member', 'select', 'allowed'],
	...all('member', 'denied', ['insert', 'update', 'delete']),
	['coach', 'select', 'allowed'],
	...all('coach', 'denied', ['insert', 'update', 'delete'])
];

export async function insertAsService(
	w: World,
	table: 'companies' | 'founders' | 'innovations' | 'events',
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
