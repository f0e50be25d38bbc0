// Coaching requests of the viewer: a coach's inbox (pending first, soonest first, then the
// answered ones, newest answer first) or a member's sent requests with their status. The pages
// re-run this load when the inbox says a request changed (depends app:coaching-requests).
import { error } from '@sveltejs/kit';
import { COACHING_REQUESTS } from '#lib/coaching/live.ts';
import { messages } from '#lib/i18n/index.ts';
import { REQUEST_PAGE_SIZE } from '#lib/schemas/coaching-requests.ts';
import { answer } from './answer.server.ts';
import { REQUEST_SELECT, toRequest } from './requests.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url, depends }) => {
	depends(COACHING_REQUESTS);
	const { viewer } = await parent();
	const page = Math.max(1, Math.floor(Number(url.searchParams.get('page')) || 1));
	const from = (page - 1) * REQUEST_PAGE_SIZE;
	const to = from + REQUEST_PAGE_SIZE - 1;
	const now = Date.now();

	if (viewer.role === 'coach') {
		const [pending, answered] = await Promise.all([
			locals.supabase
				.from('coaching_requests')
				.select(REQUEST_SELECT)
				.eq('coach_id', viewer.id)
				.eq('status', 'pending')
				.order('desired_at', { ascending: true })
				.limit(200),
			locals.supabase
				.from('coaching_requests')
				.select(REQUEST_SELECT, { count: 'exact' })
				.eq('coach_id', viewer.id)
				.neq('status', 'pending')
				.order('responded_at', { ascending: false })
				.order('id')
				.range(from, to)
		]);
		if (pending.error || (answered.error && answered.error.code !== 'PGRST103')) {
			error(503, messages.common.errors.generic);
		}
		const answeredRows = answered.data ?? [];
		return {
			mode: 'coach' as const,
			page,
			pages: Math.max(1, Math.ceil((answered.count ?? 0) / REQUEST_PAGE_SIZE)),
			pending: pending.data.map((row) => toRequest(row, viewer.id, now)),
			history: answeredRows.map((row) => toRequest(row, viewer.id, now))
		};
	}

	const sent = await locals.supabase
		.from('coaching_requests')
		.select(REQUEST_SELECT, { count: 'exact' })
		.eq('member_id', viewer.id)
		.order('created_at', { ascending: false })
		.order('id')
		.range(from, to);
	if (sent.error && sent.error.code !== 'PGRST103') error(503, messages.common.errors.generic);
	return {
		mode: 'member' as const,
		page,
		pages: Math.max(1, Math.ceil((sent.count ?? 0) / REQUEST_PAGE_SIZE)),
		pending: [],
		history: (sent.data ?? []).map((row) => toRequest(row, viewer.id, now))
	};
};

export const actions: Actions = {
	accept: (event) => answer(event, true),
	decline: (event) => answer(event, false)
};
