// The owner edits the company card. The form is only offered to the owner; the update runs
// under RLS, so a forged post from anyone else changes nothing and gets a French refusal.
import { fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { companySchema } from '#lib/schemas/companies.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { loadOwnedCompany } from '../company.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	return { company: await loadOwnedCompany(locals.supabase, params.id, viewer.id) };
};

export const actions: Actions = {
	update: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(companySchema, form);
		if (!parsed.ok) return fail(400, parsed);
		if (!uuid.safeParse(params.id).success) return fail(404, formFailure(t.notFound));
		const { data, error: failure } = await locals.supabase
			.from('companies')
			.update(parsed.data)
			.eq('id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure), formValues(form)));
		// RLS hides the row from an update by anyone but its owner: nothing was changed.
		if (data.length === 0) return fail(403, formFailure(t.ownerOnly, formValues(form)));
		redirect(303, `/companies/${params.id}`);
	}
};
