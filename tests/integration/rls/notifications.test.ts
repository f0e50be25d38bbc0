// Notifications: their user reads, marks seen and deletes them; nobody writes one through the
// API (triggers and server code do).
import { all, runMatrix, uuid } from './matrix.ts';
import type { World } from './actors.ts';

const notification = (w: World) => ({
	user_id: w.member.id,
	kind: 'system' as const,
	title: 'Bienvenue',
	body: 'Complétez votre profil.',
	link: '/account'
});

runMatrix({
	table: 'notifications',
	subject: "the owner's notifications",
	actors: {
		anonymous: (w) => w.anonymous,
		owner: (w) => w.member,
		'another member': (w) => w.otherMember,
		coach: (w) => w.coach,
		'company owner': (w) => w.companyOwner
	},
	createRow: async (w) => {
		const { data, error } = await w.service
			.from('notifications')
			.insert(notification(w))
			.select('id')
			.single();
		if (error) throw new Error(error.message);
		return { id: data.id };
	},
	newRow: (w) => ({ id: uuid(), ...notification(w) }),
	patch: () => ({ seen_at: new Date(Date.now() - 60_000).toISOString() }),
	cells: [
		...all('anonymous', 'denied'),
		['owner', 'select', 'allowed'],
		['owner', 'insert', 'denied'],
		['owner', 'update', 'allowed'],
		['owner', 'delete', 'allowed'],
		...all('another member', 'denied'),
		...all('coach', 'denied'),
		...all('company owner', 'denied')
	]
});
