// Messages: visible to sender and recipient; sent in one's own name; only the recipient marks
// them read; never deleted through the API.
import { all, runMatrix, uuid } from './matrix.ts';
import type { World } from './actors.ts';

const message = (w: World) => ({
	sender_id: w.member.id,
	recipient_id: w.otherMember.id,
	body: 'Bonjour !'
});

runMatrix({
	table: 'messages',
	subject: 'messages from the sender to the recipient',
	actors: {
		anonymous: (w) => w.anonymous,
		'the sender': (w) => w.member,
		'the recipient': (w) => w.otherMember,
		'another member': (w) => w.companyOwner,
		coach: (w) => w.coach
	},
	createRow: async (w) => {
		const { data, error } = await w.service
			.from('messages')
			.insert(message(w))
			.select('id')
			.single();
		if (error) throw new Error(error.message);
		return { id: data.id };
	},
	newRow: (w) => ({ id: uuid(), ...message(w) }),
	patch: () => ({ read_at: new Date(Date.now() - 60_000).toISOString() }),
	cells: [
		...all('anonymous', 'denied'),
		['the sender', 'select', 'allowed'],
		['the sender', 'insert', 'allowed'],
		['the sender', 'update', 'denied'],
		['the sender', 'delete', 'denied'],
		['the recipient', 'select', 'allowed'],
		['the recipient', 'insert', 'denied'],
		['the recipient', 'update', 'allowed'],
		['the recipient', 'delete', 'denied'],
		...all('another member', 'denied'),
		...all('coach', 'denied')
	]
});
