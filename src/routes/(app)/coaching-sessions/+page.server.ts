// The viewer's coaching sessions, as member or as coach (RLS returns exactly those): upcoming (planned and not over, soonest
// first) and past or cancelled (newest first, paged). Re-run when the inbox says a session
// changed (depends app:coaching-sessions).
import { error } from '@sveltejs/kit';
import { COACHING_SESSIONS } from '#lib/coaching/live.ts';
import { messages } from '#lib/i18n/index.ts';
import { SESSION_PAGE_SIZE } from '#lib/schemas/coaching-sessions.ts';
import { SESSION_SELECT, toSession } from './sessions.server.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url, depends }) => {
	depends(COACHING_SESSIONS);
	const { viewer } = await parent();
	const page = Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
	const from = (page - 1) * SESSION_PAGE_SIZE;
	const now = new Date().toISOString();

	const [upcoming, past] = await Promise.all([
		locals.supabase
			.from('coaching_sessions')
			.select(SESSION_SELECT)
			.eq('status', 'planned')
			.gte('ends_at', now)
			.order('starts_at', { ascending: true })
			.limit(100),
		locals.supabase
			.from('coaching_sessions')
			.select(SESSION_SELECT, { count: 'exact' })
			.or(`status.neq.planned,ends_at.lt.${now}`)
			.order('starts_at', { ascending: false })
			.order('id')
			.range(from, from + SESSION_PAGE_SIZE - 1)
	]);
	if (upcoming.error || (past.error && past.error.code !== 'PGRST103')) {
		error(503, messages.common.errors.generic);
	}
	return {
		page,
		pages: Math.max(1, Math.ceil((past.count ?? 0) / SESSION_PAGE_SIZE)),
		upcoming: upcoming.data.map((row) => toSession(row, viewer.id)),
		past: (past.data ?? []).map((row) => toSession(row, viewer.id))
	};
};
