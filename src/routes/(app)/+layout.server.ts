// Everything under (app) is for signed-in users (hooks.server.ts redirects the others): load the
// viewer's profile once for the shell and every page below.
import { error, redirect } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { UNSEEN_QUERY_COLUMNS, UNSEEN_SNAPSHOT_LIMIT } from '#lib/notifications/unseen.ts';
import { signInPath } from '#lib/navigation.ts';
import type { Role } from '#lib/navigation.ts';
import { avatarUrl } from '#lib/storage.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const claims = locals.claims;
	if (!claims) redirect(303, signInPath(url));
	const [{ data: profile, error: failure }, unseen] = await Promise.all([
		locals.supabase
			.from('profiles')
			.select('id, first_name, last_name, role, avatar_path')
			.eq('id', claims.sub)
			.maybeSingle(),
		// The bell's first count; the inbox keeps it live from there.
		locals.supabase
			.from('notifications')
			.select(UNSEEN_QUERY_COLUMNS)
			.is('seen_at', null)
			.order('created_at', { ascending: false })
			.limit(UNSEEN_SNAPSHOT_LIMIT)
	]);
	if (failure) error(503, messages.common.errors.generic);
	if (!profile) redirect(303, '/login');
	return {
		viewer: {
			id: profile.id,
			firstName: profile.first_name,
			lastName: profile.last_name,
			name: `${profile.first_name} ${profile.last_name}`.trim(),
			role: profile.role as Role,
			email: typeof claims.email === 'string' ? claims.email : '',
			avatarUrl: avatarUrl(profile.avatar_path)
		},
		timeZone: locals.timeZone,
		// A failed count is not worth a failed page: the bell starts empty and refetches once live.
		unseenNotifications: unseen.data ?? []
	};
};
