// A new company card. Only company accounts may create one (the insert policy checks the role);
// the page says so to others instead of showing a form the database would refuse.
import { error, fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { companySchema } from '#lib/schemas/companies.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ parent }) => {
	const { viewer } = await parent();
	if (viewer.role !== 'company') error(403, t.companyAccountsOnly);
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(companySchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const { data, error: failure } = await locals.supabase
			.from('companies')
			.insert({ ...parsed.data, owner_id: locals.claims.sub })
			.select('id')
			.single();
		if (failure) {
			const message = failure.code === '42501' ? t.companyAccountsOnly : dbErrorMessage(failure);
			return fail(failure.code === '42501' ? 403 : 400, formFailure(message, formValues(form)));
		}
		redirect(303, `/companies/${data.id}`);
	}
};
