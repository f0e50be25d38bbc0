// The viewer's documents (RLS: their own rows only), newest first. Uploads go from the browser
// straight to Storage (Uploader.svelte); renaming and deleting are actions here.
import { error, fail } from '@sveltejs/kit';
import { formFailure } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { renameDocument, deleteDocument } from './documents.server.ts';
import type { Actions, PageServerLoad } from './$types';

const DOCUMENTS_PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:documents');
	const page = Math.max(
		1,
		Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '', 10) || 1)
	);
	const from = (page - 1) * DOCUMENTS_PAGE_SIZE;
	const {
		data,
		count,
		error: failure
	} = await locals.supabase
		.from('documents')
		.select('id, name, storage_path, mime_type, size_bytes, uploaded_at', { count: 'exact' })
		.order('uploaded_at', { ascending: false })
		.order('id')
		.range(from, from + DOCUMENTS_PAGE_SIZE - 1);
	if (failure && failure.code !== 'PGRST103') error(503, messages.common.errors.generic);
	const total = count ?? 0;
	return {
		documents: data ?? [],
		total,
		page,
		pages: Math.max(1, Math.ceil(total / DOCUMENTS_PAGE_SIZE))
	};
};

export const actions: Actions = {
	rename: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		return renameDocument(locals.supabase, await request.formData());
	},
	delete: async ({ locals, request }) => {
		if (!locals.claims) return fail(401, formFailure(messages.common.errors.unauthorized));
		return deleteDocument(locals.supabase, await request.formData());
	}
};
