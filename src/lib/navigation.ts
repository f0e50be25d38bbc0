// Where links lead: sign-in with a way back, safe internal redirects, and the navigation each
// role sees (a link only appears for those who can use it).
import { messages } from '#lib/i18n/index.ts';

export type Role = 'member' | 'company' | 'coach';

export function signInPath(from: URL): string {
	const back = `${from.pathname}${from.search}`;
	return back === '/' || back === '/dashboard'
		? '/login'
		: `/login?redirectTo=${encodeURIComponent(back)}`;
}

/** Only same-site paths are followed after sign-in, so the link cannot send users elsewhere. */
export function safeRedirect(target: string | null | undefined, fallback = '/dashboard'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
		return fallback;
	return target;
}

export type NavItem = { href: string; label: string; icon: string };

const nav = messages.common.nav;

export function navigationFor(role: Role): NavItem[] {
	const items: NavItem[] = [{ href: '/dashboard', label: nav.dashboard, icon: 'home' }];
	if (role === 'coach') {
		items.push(
			{ href: '/coaching-requests', label: nav.coachingRequests, icon: 'inbox' },
			{ href: '/coaching-sessions', label: nav.coachingSessions, icon: 'calendar-check' }
		);
	}
	if (role === 'member') {
		items.push(
			{ href: '/coaches', label: nav.coaches, icon: 'compass' },
			{ href: '/coaching-requests', label: nav.coachingRequests, icon: 'inbox' },
			{ href: '/coaching-sessions', label: nav.coachingSessions, icon: 'calendar-check' }
		);
	}
	// Company accounts present their own companies; everyone browses the directory.
	if (role === 'company') {
		items.push({ href: '/companies?mine=1', label: nav.myCompanies, icon: 'building' });
	}
	items.push(
		{ href: '/messages', label: nav.messages, icon: 'chat' },
		{ href: '/companies', label: nav.companies, icon: 'building' },
		{ href: '/contacts', label: nav.contacts, icon: 'users' },
		{ href: '/documents', label: nav.documents, icon: 'file' },
		{ href: '/plans', label: nav.plans, icon: 'calendar' }
	);
	if (role === 'coach') items.push({ href: '/coaches', label: nav.coaches, icon: 'compass' });
	return items;
}
