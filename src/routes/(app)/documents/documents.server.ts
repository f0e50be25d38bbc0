// Renaming and deleting a document with the viewer's own client (RLS and the bucket's policies
// decide); shared by the list and the document's page.
import { fail } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, isConfirmed, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import type { TypedSupabaseClient } from '#lib/supabase/server.ts';
import { DOCUMENTS_BUCKET } from '#lib/documents.ts';
import { documentRef, renameDocumentSchema } from '#lib/schemas/documents.ts';

const t = messages.documents;

/** The `name` column only: the object's key, type and size never change. */
export async function renameDocument(supabase: TypedSupabaseClient, form: FormData) {
	const parsed = parseForm(renameDocumentSchema, form);
	if (!parsed.ok) return fail(400, { ...parsed, renaming: String(form.get('id') ?? '') });
	const { data, error } = await supabase
		.from('documents')
		.update({ name: parsed.data.name })
		.eq('id', parsed.data.id)
		.select('id');
	if (error) return fail(400, formFailure(dbErrorMessage(error), formValues(form)));
	if (data.length === 0) return fail(404, formFailure(t.errors.notFound));
	return { renamed: parsed.data.id };
}

/**
 * Row first, then the object. Deleting the object first could leave, on a failure in between, a
 * row that the list still shows and whose file is gone (a broken download). In this order the
 * user never sees a document without its file: if removing the object fails, the row is put back
 * (same id, name, key; its upload date becomes now, the table's rule for client writes) and the
 * user is asked to retry, so a document is either whole or gone.
 */
export async function deleteDocument(supabase: TypedSupabaseClient, form: FormData) {
	const parsed = parseForm(documentRef, form);
	if (!parsed.ok) return fail(404, formFailure(t.errors.notFound));
	if (!isConfirmed(form)) return fail(400, { confirm: parsed.data.id });
	const { data: rows, error } = await supabase
		.from('documents')
		.delete()
		.eq('id', parsed.data.id)
		.select('id, owner_id, name, storage_path, mime_type, size_bytes, description');
	if (error) return fail(400, formFailure(dbErrorMessage(error)));
	const row = rows[0];
	if (!row) return fail(404, formFailure(t.errors.notFound));

	const removal = await supabase.storage.from(DOCUMENTS_BUCKET).remove([row.storage_path]);
	if (removal.error) {
		const restored = await supabase.from('documents').insert(row);
		if (restored.error) console.error('document row could not be restored', row.id, restored.error);
		return fail(503, formFailure(t.errors.deleteFailed));
	}
	return { deleted: row.id };
}
