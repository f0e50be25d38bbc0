// Adding a contact to the viewer's own address book (RLS: owner_id must be the viewer).
import { fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { contactSchema } from '#lib/schemas/contacts.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	create: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		const form = await request.formData();
		const parsed = parseForm(contactSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const { data, error } = await locals.supabase
			.from('contacts')
			.insert({ ...parsed.data, owner_id: locals.claims.sub })
			.select('id')
			.single();
		if (error) return fail(400, formFailure(dbErrorMessage(error), formValues(form)));
		redirect(303, `/contacts/${data.id}`);
	}
};
