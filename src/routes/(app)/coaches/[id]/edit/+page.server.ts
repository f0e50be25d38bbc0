// A coach edits their own coach profile: presentation, rate and LinkedIn (`update`), domains
// (`addDomain`, `removeDomain` on coach_domains) and weekly availability (`addSlot`,
// `removeSlot`). Availability edits send the list the page showed and its version (updated_at):
// the one UPDATE only applies if nobody changed it in between, so another tab's edit is never
// silently overwritten.
import { error, fail } from '@sveltejs/kit';
import type { AvailabilitySlot } from '#lib/coaching/availability.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import {
	addSlotSchema,
	coachDomainSchema,
	coachProfileSchema,
	removeSlotSchema
} from '#lib/schemas/coaches.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.coaching.coaches;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	if (viewer.id !== params.id || viewer.role !== 'coach') error(403, t.errors.notCoach);
	const [coach, offered, domains] = await Promise.all([
		locals.supabase
			.from('coaches')
			.select('id, bio, hourly_rate, linkedin_url, weekly_availability, updated_at')
			.eq('id', viewer.id)
			.maybeSingle(),
		locals.supabase
			.from('coach_domains')
			.select('domain_id, domain:expertise_domains(name)')
			.eq('coach_id', viewer.id),
		locals.supabase.from('expertise_domains').select('id, name').order('name')
	]);
	if (coach.error || offered.error || domains.error) error(503, messages.common.errors.generic);
	if (!coach.data) error(404, t.notFound);
	const offeredIds = new Set(offered.data.map((row) => row.domain_id));
	return {
		coach: {
			id: coach.data.id,
			bio: coach.data.bio ?? '',
			hourlyRate: String(coach.data.hourly_rate).replace('.', ','),
			linkedinUrl: coach.data.linkedin_url ?? '',
			availability: coach.data.weekly_availability as AvailabilitySlot[],
			version: coach.data.updated_at
		},
		offered: offered.data
			.map((row) => ({ id: row.domain_id, name: row.domain?.name ?? '' }))
			.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		available: domains.data.filter((domain) => !offeredIds.has(domain.id))
	};
};

/** The signed-in coach editing their own page, or null. */
function coachOf(locals: App.Locals, id: string): string | null {
	const me = locals.claims?.sub;
	return me && me === id ? me : null;
}

export const actions: Actions = {
	update: async ({ locals, params, request }) => {
		const me = coachOf(locals, params.id);
		if (!me) return fail(403, { action: 'update', ...formFailure(t.errors.notCoach) });
		const parsed = parseForm(coachProfileSchema, await request.formData());
		if (!parsed.ok) return fail(400, { action: 'update', ...parsed });
		const { data, error: failure } = await locals.supabase
			.from('coaches')
			.update(parsed.data)
			.eq('id', me)
			.select('id');
		if (failure) return fail(400, { action: 'update', ...formFailure(dbErrorMessage(failure)) });
		if (data.length === 0)
			return fail(403, { action: 'update', ...formFailure(t.errors.notCoach) });
		return { action: 'update', saved: true };
	},

	addDomain: async ({ locals, params, request }) => {
		const me = coachOf(locals, params.id);
		if (!me) return fail(403, { action: 'addDomain', ...formFailure(t.errors.notCoach) });
		const parsed = parseForm(coachDomainSchema, await request.formData());
		if (!parsed.ok) return fail(400, { action: 'addDomain', ...parsed });
		const { error: failure } = await locals.supabase
			.from('coach_domains')
			.insert({ coach_id: me, domain_id: parsed.data.domain_id });
		if (failure) {
			const message = failure.code === '23505' ? t.errors.domainAlready : dbErrorMessage(failure);
			return fail(400, {
				action: 'addDomain',
				...formFailure(message, {}, { domain_id: message })
			});
		}
		return { action: 'addDomain', saved: true };
	},

	removeDomain: async ({ locals, params, request }) => {
		const me = coachOf(locals, params.id);
		if (!me) return fail(403, { action: 'removeDomain', ...formFailure(t.errors.notCoach) });
		const parsed = parseForm(coachDomainSchema, await request.formData());
		if (!parsed.ok) return fail(400, { action: 'removeDomain', ...parsed });
		const { error: failure } = await locals.supabase
			.from('coach_domains')
			.delete()
			.eq('coach_id', me)
			.eq('domain_id', parsed.data.domain_id);
		if (failure) {
			return fail(400, { action: 'removeDomain', ...formFailure(dbErrorMessage(failure)) });
		}
		return { action: 'removeDomain', saved: true };
	},

	addSlot: async ({ locals, params, request }) => {
		const me = coachOf(locals, params.id);
		if (!me) return fail(403, { action: 'addSlot', ...formFailure(t.errors.notCoach) });
		const parsed = parseForm(addSlotSchema, await request.formData());
		if (!parsed.ok) return fail(400, { action: 'addSlot', ...parsed });
		return saveAvailability(locals, me, 'addSlot', parsed.data);
	},

	removeSlot: async ({ locals, params, request }) => {
		const me = coachOf(locals, params.id);
		if (!me) return fail(403, { action: 'removeSlot', ...formFailure(t.errors.notCoach) });
		const parsed = parseForm(removeSlotSchema, await request.formData());
		if (!parsed.ok) {
			return fail(400, { action: 'removeSlot', ...formFailure(t.errors.slotsInvalid) });
		}
		return saveAvailability(locals, me, 'removeSlot', parsed.data);
	}
};

async function saveAvailability(
	locals: App.Locals,
	me: string,
	action: 'addSlot' | 'removeSlot',
	change: { availability: AvailabilitySlot[]; version: string }
) {
	const { data, error: failure } = await locals.supabase
		.from('coaches')
		.update({ weekly_availability: change.availability })
		.eq('id', me)
		.eq('updated_at', change.version)
		.select('id');
	if (failure) return fail(400, { action, ...formFailure(dbErrorMessage(failure)) });
	if (data.length === 0) return fail(409, { action, ...formFailure(t.edit.stale) });
	return { action, saved: true };
}
