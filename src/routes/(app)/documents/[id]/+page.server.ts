// One of the viewer's documents: its details, rename and delete. RLS returns no row for someone
// else's document, which is then the same 404 as an unknown id.
import { error, fail, redirect } from '@sveltejs/kit';
import { formFailure } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { deleteDocument, renameDocument } from '../documents.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.documents;

export const load: PageServerLoad = async ({ locals, params }) => {
	if (!uuid.safeParse(params.id).success) error(404, t.errors.notFound);
	const { data: document, error: failure } = await locals.supabase
		.from('documents')
		.select('id, name, storage_path, mime_type, size_bytes, description, uploaded_at, updated_at')
		.eq('id', params.id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!document) error(404, t.errors.notFound);
	return { document };
};

export const actions: Actions = {
	rename: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		return renameDocument(locals.supabase, await request.formData());
	},
	delete: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		const result = await deleteDocument(locals.supabase, await request.formData());
		if ('deleted' in result) redirect(303, '/documents');
		return result;
	}
};
