// One item of the viewer's agenda, where reminder notifications lead (/plans/<id>). RLS returns
// nothing for someone else's item: the same 404 as an unknown id.
import { error, fail, redirect } from '@sveltejs/kit';
import { dayOf } from '#lib/agenda.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, isConfirmed, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { planFormSchema } from '#lib/schemas/plans.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.plans;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!uuid.safeParse(params.id).success) error(404, t.errors.notFound);
	const { data: plan, error: failure } = await locals.supabase
		.from('plans')
		.select(
			'id, title, description, location, starts_at, duration_minutes, reminder_minutes_before, reminder_at, reminded_at'
		)
		.eq('id', params.id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!plan) error(404, t.errors.notFound);
	return {
		plan,
		day: dayOf(plan.starts_at, locals.timeZone),
		editing: url.searchParams.has('edit')
	};
};

export const actions: Actions = {
	update: async ({ locals, params, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		const form = await request.formData();
		const parsed = parseForm(planFormSchema(locals.timeZone), form);
		if (!parsed.ok) return fail(400, parsed);
		const { data, error: failure } = await locals.supabase
			.from('plans')
			.update(parsed.data)
			.eq('id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure), formValues(form)));
		if (data.length === 0) return fail(404, formFailure(t.errors.notFound, formValues(form)));
		redirect(303, `/plans/${params.id}`);
	},

	delete: async ({ locals, params, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		if (!isConfirmed(await request.formData())) return fail(400, { confirm: params.id });
		const { data, error: failure } = await locals.supabase
			.from('plans')
			.delete()
			.eq('id', params.id)
			.select('starts_at');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure)));
		if (data.length === 0) return fail(404, formFailure(t.errors.notFound));
		redirect(303, `/plans?view=week&date=${dayOf(data[0].starts_at, locals.timeZone)}`);
	}
};
