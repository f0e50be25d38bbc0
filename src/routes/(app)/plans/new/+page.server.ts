// Planning an item in the viewer's own agenda; the form's date and time are read in the viewer's
// time zone.
import { fail, redirect } from '@sveltejs/kit';
import { dayOf, isDay } from '#lib/agenda.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { planFormSchema } from '#lib/schemas/plans.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const date = url.searchParams.get('date');
	return { date: isDay(date) ? date : dayOf(new Date(), locals.timeZone) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		const form = await request.formData();
		const parsed = parseForm(planFormSchema(locals.timeZone), form);
		if (!parsed.ok) return fail(400, parsed);
		const { data, error } = await locals.supabase
			.from('plans')
			.insert({ ...parsed.data, owner_id: locals.claims.sub })
			.select('id, starts_at')
			.single();
		if (error) return fail(400, formFailure(dbErrorMessage(error), formValues(form)));
		redirect(303, `/plans?view=week&date=${dayOf(data.starts_at, locals.timeZone)}`);
	}
};
