// Coaches: directory data read by signed-in users; each coach edits their own row; rows are
// made by the database when a coach signs up, never through the API.
import { all, runMatrix, uuid } from './matrix.ts';

runMatrix({
	table: 'coaches',
	subject: "the owner's coach profile",
	actors: {
		anonymous: (w) => w.anonymous,
		owner: (w) => w.coach,
		'another coach': (w) => w.otherCoach,
		member: (w) => w.member,
		'company owner': (w) => w.companyOwner
	},
	createRow: async (w) => ({ id: w.coach.id }),
	newRow: (w) => ({ id: w.member.id, bio: 'Je deviens coach' }),
	patch: () => ({ bio: `Quinze ans d'incubateur ${uuid().slice(0, 8)}` }),
	cells: [
		...all('anonymous', 'denied'),
		['owner', 'select', 'allowed'],
		['owner', 'insert', 'denied'],
		['owner', 'update', 'allowed'],
		['owner', 'delete', 'denied'],
		['another coach', 'select', 'allowed'],
		...all('another coach', 'denied', ['insert', 'update', 'delete']),
		['member', 'select', 'allowed'],
		...all('member', 'denied', ['insert', 'update', 'delete']),
		['company owner', 'select', 'allowed'],
		...all('company owner', 'denied', ['insert', 'update', 'delete'])
	]
});
