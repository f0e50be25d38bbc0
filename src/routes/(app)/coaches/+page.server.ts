// The coach directory: the coach_directory view filtered in PostgREST by domain
// (domain_ids=cs.{…}), maximum hourly rate and weekday (weekly_availability=cs.[{"weekday":n}]),
// sorted by rating or rate. The part of the day cannot be expressed as a PostgREST filter on
// the JSON slots: when it is asked for, the matching rows are read once and filtered and paged
// here (the directory holds at most a few hundred coaches).
import { error } from '@sveltejs/kit';
import { matchesAvailability } from '#lib/coaching/availability.ts';
import type { AvailabilitySlot } from '#lib/coaching/availability.ts';
import { messages } from '#lib/i18n/index.ts';
import { DIRECTORY_PAGE_SIZE, parseDirectoryFilters } from '#lib/schemas/coaches.ts';
import { avatarUrl } from '#lib/storage.ts';
import type { PageServerLoad } from './$types';

const IN_APP_FILTER_LIMIT = 1000;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { filters, errors } = parseDirectoryFilters(url.searchParams);
	const filterInApp = filters.period !== null;
	const from = (filters.page - 1) * DIRECTORY_PAGE_SIZE;

	let query = locals.supabase
		.from('coach_directory')
		.select(
			'id, first_name, last_name, headline, avatar_path, hourly_rate, rating_average, rating_count, domain_names, weekly_availability',
			{ count: 'exact' }
		);
	if (filters.domain) query = query.contains('domain_ids', [filters.domain]);
	if (filters.maxRate !== null) query = query.lte('hourly_rate', filters.maxRate);
	if (filters.weekday) {
		query = query.contains('weekly_availability', JSON.stringify([{ weekday: filters.weekday }]));
	}
	if (filters.sort === 'rating') {
		query = query
			.order('rating_average', { ascending: false, nullsFirst: false })
			.order('rating_count', { ascending: false })
			.order('hourly_rate', { ascending: true });
	} else {
		query = query
			.order('hourly_rate', { ascending: filters.sort === 'rate_asc' })
			.order('rating_average', { ascending: false, nullsFirst: false });
	}
	query = query.order('last_name').order('id');
	query = filterInApp
		? query.range(0, IN_APP_FILTER_LIMIT - 1)
		: query.range(from, from + DIRECTORY_PAGE_SIZE - 1);

	const [coaches, domains] = await Promise.all([
		query,
		locals.supabase.from('expertise_domains').select('id, name').order('name')
	]);
	// Past the last page PostgREST answers 416: show an empty page, not an error.
	const outOfRange = coaches.error?.code === 'PGRST103';
	if ((coaches.error && !outOfRange) || domains.error) {
		error(503, messages.common.errors.generic);
	}

	let rows = coaches.data ?? [];
	let total = outOfRange ? 0 : (coaches.count ?? rows.length);
	if (filterInApp) {
		rows = rows.filter((row) =>
			matchesAvailability(row.weekly_availability as AvailabilitySlot[], filters)
		);
		total = rows.length;
		rows = rows.slice(from, from + DIRECTORY_PAGE_SIZE);
	}

	return {
		filters,
		errors,
		domains: domains.data,
		total,
		pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
		coaches: rows.map((row) => ({
			id: row.id!,
			firstName: row.first_name ?? '',
			lastName: row.last_name ?? '',
			headline: row.headline,
			avatarUrl: avatarUrl(row.avatar_path),
			hourlyRate: row.hourly_rate,
			ratingAverage: row.rating_average,
			ratingCount: row.rating_count ?? 0,
			domainNames: row.domain_names ?? [],
			availability: (row.weekly_availability ?? []) as AvailabilitySlot[]
		}))
	};
};
