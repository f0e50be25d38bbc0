// /coaches/me: a coach's shortcut to their own coach profile editor (a stable link for menus and
// dashboards); anyone else lands on the directory. A page route (not an endpoint) so client-side
// navigation resolves it here rather than as /coaches/[id].
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { viewer } = await parent();
	redirect(303, viewer.role === 'coach' ? `/coaches/${viewer.id}/edit` : '/coaches');
};
