// Expertise domains: reference data read by signed-in users, written by administrators
// (service role) only.
import { all, runMatrix, uuid } from './matrix.ts';

const domain = () => {
	const tag = uuid().slice(0, 8);
	return { slug: `domaine-${tag}`, name: `Domaine ${tag}` };
};

runMatrix({
	table: 'expertise_domains',
	subject: 'expertise domains',
	actors: {
		anonymous: (w) => w.anonymous,
		member: (w) => w.member,
		coach: (w) => w.coach,
		'company owner': (w) => w.companyOwner,
		'the service role': (w) => ({ id: null, email: null, accessToken: null, client: w.service })
	},
	createRow: async (w) => {
		const { data, error } = await w.service
			.from('expertise_domains')
			.insert(domain())
			.select('id')
			.single();
		if (error) throw new Error(error.message);
		return { id: data.id };
	},
	newRow: () => ({ id: uuid(), ...domain() }),
	patch: () => ({ description: `Description ${uuid().slice(0, 8)}` }),
	cells: [
		...all('anonymous', 'denied'),
		['member', 'select', 'allowed'],
		...all('member', 'denied', ['insert', 'update', 'delete']),
		['coach', 'select', 'allowed'],
		...all('coach', 'denied', ['insert', 'update', 'delete']),
		['company owner', 'select', 'allowed'],
		...all('company owner', 'denied', ['insert', 'update', 'delete']),
		...all('the service role', 'allowed')
	]
});
