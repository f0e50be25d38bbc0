// A coach's page: their directory row (bio, domains, rate, weekly availability, rating) and the
// latest rated comments the viewer may read. Sessions are visible to their two parties only, so
// a coach sees every comment they received and a member only their own.
import { error } from '@sveltejs/kit';
import type { AvailabilitySlot } from '#lib/coaching/availability.ts';
import { fullName } from '#lib/coaching/format.ts';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { avatarUrl } from '#lib/storage.ts';
import type { PageServerLoad } from './$types';

const t = messages.coaching.coaches;

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!uuid.safeParse(params.id).success) error(404, t.notFound);
	const [coach, reviews] = await Promise.all([
		locals.supabase
			.from('coach_directory')
			.select(
				'id, first_name, last_name, headline, avatar_path, bio, hourly_rate, weekly_availability, linkedin_url, rating_average, rating_count, domain_ids, domain_names'
			)
			.eq('id', params.id)
			.maybeSingle(),
		locals.supabase
			.from('coaching_sessions')
			.select(
				'id, starts_at, member_rating, member_comment, rated_at, member:profiles!member_id(first_name, last_name)'
			)
			.eq('coach_id', params.id)
			.not('member_rating', 'is', null)
			.order('rated_at', { ascending: false })
			.limit(5)
	]);
	if (coach.error || reviews.error) error(503, messages.common.errors.generic);
	if (!coach.data) error(404, t.notFound);
	const row = coach.data;
	return {
		coach: {
			id: row.id!,
			name: fullName(row),
			headline: row.headline,
			avatarUrl: avatarUrl(row.avatar_path),
			bio: row.bio,
			hourlyRate: row.hourly_rate ?? 0,
			availability: (row.weekly_availability ?? []) as AvailabilitySlot[],
			linkedinUrl: row.linkedin_url,
			ratingAverage: row.rating_average,
			ratingCount: row.rating_count ?? 0,
			domainNames: row.domain_names ?? []
		},
		reviews: reviews.data.map((review) => ({
			id: review.id,
			startsAt: review.starts_at,
			rating: review.member_rating!,
			comment: review.member_comment,
			author: fullName(review.member)
		}))
	};
};
