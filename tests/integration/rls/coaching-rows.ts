// Actors and cells shared by the coaching tables (requests, sessions, video sessions,
// participants): the two parties read them; writes go through RPCs and the server only.
import type { World } from './actors.ts';
import type { Cell } from './matrix.ts';
import { all } from './matrix.ts';

export const coachingActors = {
	anonymous: (w: World) => w.anonymous,
	'the member party': (w: World) => w.member,
	'the coach party': (w: World) => w.coach,
	'a non-party member': (w: World) => w.otherMember,
	'a non-party coach': (w: World) => w.otherCoach,
	'a company owner': (w: World) => w.companyOwner
};

export const coachingCells: Cell[] = [
	...all('anonymous', 'denied'),
	['the member party', 'select', 'allowed'],
	...all('the member party', 'denied', ['insert', 'update', 'delete']),
	['the coach party', 'select', 'allowed'],
	...all('the coach party', 'denied', ['insert', 'update', 'delete']),
	...all('a non-party member', 'denied'),
	...all('a non-party coach', 'denied'),
	...all('a company owner', 'denied')
];
