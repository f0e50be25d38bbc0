// One contact of the viewer's address book. Read through the viewer's own client: RLS returns
// nothing for someone else's contact, which is then the same 404 as an unknown id.
import { error, fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, isConfirmed, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { contactSchema } from '#lib/schemas/contacts.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.contacts;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!uuid.safeParse(params.id).success) error(404, t.errors.notFound);
	const { data: contact, error: failure } = await locals.supabase
		.from('contacts')
		.select(
			'id, first_name, last_name, email, phone, company_name, position, notes, created_at, updated_at'
		)
		.eq('id', params.id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!contact) error(404, t.errors.notFound);
	return { contact, editing: url.searchParams.has('edit') };
};

export const actions: Actions = {
	update: async ({ locals, params, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		const form = await request.formData();
		const parsed = parseForm(contactSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const { data, error: failure } = await locals.supabase
			.from('contacts')
			.update(parsed.data)
			.eq('id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure), formValues(form)));
		if (data.length === 0) return fail(404, formFailure(t.errors.notFound, formValues(form)));
		redirect(303, `/contacts/${params.id}`);
	},

	delete: async ({ locals, params, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		if (!isConfirmed(await request.formData())) return fail(400, { confirm: params.id });
		const { data, error: failure } = await locals.supabase
			.from('contacts')
			.delete()
			.eq('id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure)));
		if (data.length === 0) return fail(404, formFailure(t.errors.notFound));
		redirect(303, '/contacts');
	}
};
