// The owner adds a founder to the company (the insert policy checks ownership).
import { fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { founderSchema } from '#lib/schemas/founders.ts';
import { loadOwnedCompany } from '../../company.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	return { company: await loadOwnedCompany(locals.supabase, params.id, viewer.id) };
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(founderSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		if (!uuid.safeParse(params.id).success) return fail(404, formFailure(t.notFound));
		const { error: failure } = await locals.supabase
			.from('founders')
			.insert({ ...parsed.data, company_id: params.id });
		if (failure) {
			const message = failure.code === '42501' ? t.ownerOnly : dbErrorMessage(failure);
			return fail(failure.code === '42501' ? 403 : 400, formFailure(message, formValues(form)));
		}
		redirect(303, `/companies/${params.id}`);
	}
};
