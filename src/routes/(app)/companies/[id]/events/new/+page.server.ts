// The owner creates an event of the company, with an optional picture (see events.server.ts).
import { fail, redirect } from '@sveltejs/kit';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { eventFormSchema } from '#lib/schemas/events.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { loadOwnedCompany } from '../../company.server.ts';
import { createEvent } from '../events.server.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	return { company: await loadOwnedCompany(locals.supabase, params.id, viewer.id) };
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(eventFormSchema(locals.timeZone), form);
		if (!parsed.ok) return fail(400, parsed);
		if (!uuid.safeParse(params.id).success) {
			return fail(404, formFailure(messages.companies.errors.notFound));
		}
		const failure = await createEvent(locals.supabase, params.id, parsed.data, formValues(form));
		if (failure) return failure;
		redirect(303, `/companies/${params.id}`);
	}
};
