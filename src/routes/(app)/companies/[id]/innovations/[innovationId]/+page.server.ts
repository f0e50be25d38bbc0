// The owner edits or deletes one innovation. Writes run under RLS: for anyone but the company's
// owner they match no row, which is answered with a French refusal.
import { error, fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, isConfirmed, parseForm } from '#lib/forms.ts';
import { toLocalInputs } from '#lib/i18n/format.ts';
import { messages } from '#lib/i18n/index.ts';
import { signInPath } from '#lib/navigation.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { innovationFormSchema } from '#lib/schemas/innovations.ts';
import { loadOwnedCompany, requireItem } from '../../company.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer, timeZone } = await parent();
	const company = await loadOwnedCompany(locals.supabase, params.id, viewer.id);
	if (!uuid.safeParse(params.innovationId).success) error(404, t.itemNotFound);
	const { data, error: failure } = await locals.supabase
		.from('innovations')
		.select('id, title, description, kind, published_at')
		.eq('id', params.innovationId)
		.eq('company_id', company.id)
		.maybeSingle();
	const innovation = requireItem(data, !!failure);
	return {
		company,
		innovation: {
			id: innovation.id,
			title: innovation.title,
			description: innovation.description,
			kind: innovation.kind,
			published_on: toLocalInputs(innovation.published_at, timeZone).date
		}
	};
};

function ids(params: { id: string; innovationId: string }) {
	return uuid.safeParse(params.id).success && uuid.safeParse(params.innovationId).success;
}

export const actions: Actions = {
	update: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = await request.formData();
		const parsed = parseForm(innovationFormSchema(locals.timeZone), form);
		if (!parsed.ok) return fail(400, parsed);
		if (!ids(params)) return fail(404, formFailure(t.itemNotFound));
		const { data, error: failure } = await locals.supabase
			.from('innovations')
			.update(parsed.data)
			.eq('id', params.innovationId)
			.eq('company_id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure), formValues(form)));
		if (data.length === 0) return fail(403, formFailure(t.ownerOnly, formValues(form)));
		redirect(303, `/companies/${params.id}`);
	},

	delete: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		if (!ids(params)) return fail(404, formFailure(t.itemNotFound));
		if (!isConfirmed(await request.formData())) {
			return fail(400, { confirm: params.innovationId });
		}
		const { data, error: failure } = await locals.supabase
			.from('innovations')
			.delete()
			.eq('id', params.innovationId)
			.eq('company_id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure)));
		if (data.length === 0) return fail(403, formFailure(t.ownerOnly));
		redirect(303, `/companies/${params.id}`);
	}
};
