// The owner edits (picture included) or deletes one event; see events.server.ts for how the row
// and its picture stay consistent.
import { error, fail, redirect } from '@sveltejs/kit';
import { formFailure, formValues, isConfirmed, parseForm } from '#lib/forms.ts';
import { toLocalInputs } from '#lib/i18n/format.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { eventFormSchema } from '#lib/schemas/events.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { eventImageUrl } from '#lib/storage.ts';
import { loadOwnedCompany, requireItem } from '../../company.server.ts';
import { deleteEvent, updateEvent } from '../events.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer, timeZone } = await parent();
	const company = await loadOwnedCompany(locals.supabase, params.id, viewer.id);
	if (!uuid.safeParse(params.eventId).success) error(404, t.itemNotFound);
	const { data, error: failure } = await locals.supabase
		.from('events')
		.select('id, title, description, location, starts_at, ends_at, image_path')
		.eq('id', params.eventId)
		.eq('company_id', company.id)
		.maybeSingle();
	const event = requireItem(data, !!failure);
	const start = toLocalInputs(event.starts_at, timeZone);
	const end = event.ends_at ? toLocalInputs(event.ends_at, timeZone) : null;
	return {
		company,
		event: {
			id: event.id,
			title: event.title,
			description: event.description,
			location: event.location,
			start_date: start.date,
			start_time: start.time,
			end_date: end?.date ?? '',
			end_time: end?.time ?? '',
			imageUrl: eventImageUrl(event.image_path)
		}
	};
};

function ids(params: { id: string; eventId: string }) {
	return uuid.safeParse(params.id).success && uuid.safeParse(params.eventId).success;
}

export const actions: Actions = {
	update: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(eventFormSchema(locals.timeZone), form);
		if (!parsed.ok) return fail(400, parsed);
		if (!ids(params)) return fail(404, formFailure(t.itemNotFound));
		const failure = await updateEvent(
			locals.supabase,
			params.id,
			params.eventId,
			parsed.data,
			formValues(form)
		);
		if (failure) return failure;
		redirect(303, `/companies/${params.id}`);
	},

	delete: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		if (!ids(params)) return fail(404, formFailure(t.itemNotFound));
		if (!isConfirmed(await request.formData())) return fail(400, { confirm: params.eventId });
		const failure = await deleteEvent(locals.supabase, params.id, params.eventId);
		if (failure) return failure;
		redirect(303, `/companies/${params.id}`);
	}
};
