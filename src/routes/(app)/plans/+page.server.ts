// The viewer's agenda (RLS: their own plans only): a week or a month around `date`, bounded by
// local midnights of the viewer's time zone, or the list of upcoming / past items, paged.
import { error } from '@sveltejs/kit';
import { agendaPeriod, dayOf, isDay, startOfDayIn } from '#lib/agenda.ts';
import type { AgendaView } from '#lib/agenda.ts';
import { messages } from '#lib/i18n/index.ts';
import type { PageServerLoad } from './$types';

const LIST_PAGE_SIZE = 20;
// A month shows at most 42 days; more items than this in one period is not a planning.
const PERIOD_LIMIT = 500;
const COLUMNS = 'id, title, starts_at, duration_minutes, location, reminder_minutes_before';

export const load: PageServerLoad = async ({ locals, url }) => {
	const timeZone = locals.timeZone;
	const requested = url.searchParams.get('view');
	const view: AgendaView = requested === 'month' || requested === 'list' ? requested : 'week';
	const today = dayOf(new Date(), timeZone);
	const date = url.searchParams.get('date');
	const anchor = isDay(date) ? date : today;

	if (view === 'list') {
		const when = url.searchParams.get('when') === 'past' ? 'past' : 'upcoming';
		const page = Math.max(
			1,
			Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '', 10) || 1)
		);
		const from = (page - 1) * LIST_PAGE_SIZE;
		const boundary = startOfDayIn(today, timeZone).toISOString();
		let query = locals.supabase.from('plans').select(COLUMNS, { count: 'exact' });
		query =
			when === 'past'
				? query.lt('starts_at', boundary).order('starts_at', { ascending: false })
				: query.gte('starts_at', boundary).order('starts_at', { ascending: true });
		const {
			data,
			count,
			error: failure
		} = await query.order('id').range(from, from + LIST_PAGE_SIZE - 1);
		if (failure && failure.code !== 'PGRST103') error(503, messages.common.errors.generic);
		const total = count ?? 0;
		return {
			view,
			anchor,
			today,
			when,
			items: data ?? [],
			total,
			page,
			pages: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE))
		};
	}

	const period = agendaPeriod(view, anchor, timeZone);
	const { data, error: failure } = await locals.supabase
		.from('plans')
		.select(COLUMNS)
		.gte('starts_at', period.from.toISOString())
		.lt('starts_at', period.to.toISOString())
		.order('starts_at')
		.limit(PERIOD_LIMIT);
	if (failure) error(503, messages.common.errors.generic);
	return {
		view,
		anchor,
		today,
		when: 'upcoming' as const,
		items: data,
		total: data.length,
		page: 1,
		pages: 1
	};
};
