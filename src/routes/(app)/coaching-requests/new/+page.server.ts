// A member asks a coach for a session (/coaching-requests/new?coach=<id>): a domain among the
// coach's, a start time taken from the coach's weekly availability (proposed in the member's
// zone, checked again here because the RPC does not know about availability), a duration and a
// message; then one send_coaching_request call. Without JavaScript, « Afficher les heures » reloads
// this page with the chosen day and duration in the query string.
import { error, fail, redirect } from '@sveltejs/kit';
import { fitsAvailability } from '#lib/coaching/availability.ts';
import type { AvailabilitySlot } from '#lib/coaching/availability.ts';
import { fullName } from '#lib/coaching/format.ts';
import { refusalStatus } from '#lib/coaching/errors.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { DEFAULT_DURATION, DURATIONS, sendRequestSchema } from '#lib/schemas/coaching-requests.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { avatarUrl } from '#lib/storage.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.coaching.requests;

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { viewer } = await parent();
	if (viewer.role !== 'member') error(403, t.new.onlyMembers);
	const coachId = url.searchParams.get('coach');
	if (!coachId || !uuid.safeParse(coachId).success) error(404, messages.coaching.coaches.notFound);
	if (coachId === viewer.id) error(403, t.new.self);
	const { data: coach, error: failure } = await locals.supabase
		.from('coach_directory')
		.select(
			'id, first_name, last_name, headline, avatar_path, hourly_rate, weekly_availability, domain_ids, domain_names'
		)
		.eq('id', coachId)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!coach) error(404, messages.coaching.coaches.notFound);

	const duration = Number(url.searchParams.get('duration_minutes'));
	const ids = coach.domain_ids ?? [];
	return {
		coach: {
			id: coach.id!,
			name: fullName(coach),
			headline: coach.headline,
			avatarUrl: avatarUrl(coach.avatar_path),
			hourlyRate: coach.hourly_rate ?? 0,
			availability: (coach.weekly_availability ?? []) as AvailabilitySlot[],
			domains: ids.map((id, index) => ({ id, name: coach.domain_names?.[index] ?? '' }))
		},
		now: new Date().toISOString(),
		initial: {
			domainId: url.searchParams.get('domain_id') ?? (ids.length === 1 ? ids[0] : ''),
			durationMinutes: (DURATIONS as readonly number[]).includes(duration)
				? duration
				: DEFAULT_DURATION,
			date: url.searchParams.get('date') ?? '',
			message: url.searchParams.get('message') ?? ''
		}
	};
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		const form = await request.formData();
		const parsed = parseForm(sendRequestSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const input = parsed.data;
		const values = formValues(form);
		if (input.starts_at.getTime() <= Date.now()) {
			return fail(400, formFailure('', values, { starts_at: t.errors.slotPast }));
		}
		const { data: coach, error: readFailure } = await locals.supabase
			.from('coaches')
			.select('weekly_availability')
			.eq('id', input.coach_id)
			.maybeSingle();
		if (readFailure) return fail(503, formFailure(messages.common.errors.generic, values));
		if (!coach) return fail(404, formFailure(messages.coaching.coaches.notFound, values));
		const slots = coach.weekly_availability as AvailabilitySlot[];
		if (!fitsAvailability(slots, input.starts_at, input.duration_minutes)) {
			return fail(400, formFailure('', values, { starts_at: t.errors.slotUnavailable }));
		}
		const { data, error: failure } = await locals.supabase.rpc('send_coaching_request', {
			coach_id: input.coach_id,
			domain_id: input.domain_id,
			desired_at: input.starts_at.toISOString(),
			duration_minutes: input.duration_minutes,
			message: input.message ?? undefined
		});
		if (failure || !data) {
			return fail(
				failure ? refusalStatus(failure.code) : 503,
				formFailure(failure ? dbErrorMessage(failure) : messages.common.errors.generic, values)
			);
		}
		redirect(303, `/coaching-requests/${data.id}`);
	}
};
