// The owner edits or removes one founder. Writes run under RLS: for anyone but the company's
// owner they match no row, which is answered with a French refusal.
import { error, fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, isConfirmed, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { founderSchema } from '#lib/schemas/founders.ts';
import { loadOwnedCompany, requireItem } from '../../company.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	const company = await loadOwnedCompany(locals.supabase, params.id, viewer.id);
	if (!uuid.safeParse(params.founderId).success) error(404, t.itemNotFound);
	const { data, error: failure } = await locals.supabase
		.from('founders')
		.select('id, first_name, last_name, position, bio, email, linkedin_url')
		.eq('id', params.founderId)
		.eq('company_id', company.id)
		.maybeSingle();
	return { company, founder: requireItem(data, !!failure) };
};

function ids(params: { id: string; founderId: string }) {
	return uuid.safeParse(params.id).success && uuid.safeParse(params.founderId).success;
}

export const actions: Actions = {
	update: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(founderSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		if (!ids(params)) return fail(404, formFailure(t.itemNotFound));
		const { data, error: failure } = await locals.supabase
			.from('founders')
			.update(parsed.data)
			.eq('id', params.founderId)
			.eq('company_id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure), formValues(form)));
		if (data.length === 0) return fail(403, formFailure(t.ownerOnly, formValues(form)));
		redirect(303, `/companies/${params.id}`);
	},

	delete: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		if (!ids(params)) return fail(404, formFailure(t.itemNotFound));
		if (!isConfirmed(await request.formData())) return fail(400, { confirm: params.founderId });
		const { data, error: failure } = await locals.supabase
			.from('founders')
			.delete()
			.eq('id', params.founderId)
			.eq('company_id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure)));
		if (data.length === 0) return fail(403, formFailure(t.ownerOnly));
		redirect(303, `/companies/${params.id}`);
	}
};
