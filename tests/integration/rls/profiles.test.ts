// Profiles: every signed-in user reads them; only the owner edits theirs; nobody creates or
// deletes them through the API (Auth does).
import { all, runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'profiles',
	subject: "the owner's profile",
	actors: {
		anonymous: (w) => w.anonymous,
		owner: (w) => w.member,
		'another member': (w) => w.otherMember,
		coach: (w) => w.coach,
		'company owner': (w) => w.companyOwner
	},
	createRow: async (w) => ({ id: w.member.id }),
	newRow: () => ({ id: uuid(), first_name: 'Fantôme' }),
	patch: () => ({ headline: `Accroche ${uuid().slice(0, 8)}` }),
	cells: [
		...all('anonymous', 'denied'),
		['owner', 'select', 'allowed'],
		['owner', 'insert', 'denied'],
		['owner', 'update', 'allowed'],
		['owner', 'delete', 'denied'],
		['another member', 'select', 'allowed'],
		...all('another member', 'denied', ['insert', 'update', 'delete']),
		['coach', 'select', 'allowed'],
		...all('coach', 'denied', ['insert', 'update', 'delete']),
		['company owner', 'select', 'allowed'],
		...all('company owner', 'denied', ['insert', 'update', 'delete'])
	]
});
