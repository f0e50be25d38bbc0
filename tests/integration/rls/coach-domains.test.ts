// Coach domains: read by signed-in users; each coach adds and removes the domains of their own
// offer (a pair has nothing to update).
import type { World } from './actors.ts';
import { all, runMatrix, uuid } from './matrix.ts';

async function newDomain(w: World) {
	const tag = uuid().slice(0, 8);
	const { data, error } = await w.service
		.from('expertise_domains')
		.insert({ slug: `offre-${tag}`, name: `Offre ${tag}` })
		.select('id')
		.single();
	if (error) throw new Error(error.message);
	return data.id;
}

runMatrix({
	table: 'coach_domains',
	subject: "the domains of the owner's coaching offer",
	actors: {
		anonymous: (w) => w.anonymous,
		owner: (w) => w.coach,
		'another coach': (w) => w.otherCoach,
		member: (w) => w.member
	},
	createRow: async (w) => {
		const row = { coach_id: w.coach.id, domain_id: await newDomain(w) };
		const { error } = await w.service.from('coach_domains').insert(row);
		if (error) throw new Error(error.message);
		return row;
	},
	newRow: async (w) => ({ coach_id: w.coach.id, domain_id: await newDomain(w) }),
	keyOf: (row) => ({ coach_id: row.coach_id, domain_id: row.domain_id }),
	patch: () => ({ created_at: new Date(Date.now() - 86_400_000).toISOString() }),
	cells: [
		...all('anonymous', 'denied'),
		['owner', 'select', 'allowed'],
		['owner', 'insert', 'allowed'],
		['owner', 'update', 'denied'],
		['owner', 'delete', 'allowed'],
		['another coach', 'select', 'allowed'],
		...all('another coach', 'denied', ['insert', 'update', 'delete']),
		['member', 'select', 'allowed'],
		...all('member', 'denied', ['insert', 'update', 'delete'])
	]
});
