// Opens (or, with ?download, downloads) a document through a short-lived signed URL made at click
// time with the viewer's own client: Storage signs only what the viewer may read, so someone
// else's document is refused (404) and a link copied from the page stops working within a minute.
import { error, redirect } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { DOCUMENTS_BUCKET, downloadName } from '#lib/documents.ts';
import { supabaseConfig } from '#lib/supabase/env.ts';
import type { RequestHandler } from './$types';

const SIGNED_URL_SECONDS = 60;
const t = messages.documents;

export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!uuid.safeParse(params.id).success) error(404, t.errors.notFound);
	const { data: document, error: failure } = await locals.supabase
		.from('documents')
		.select('name, storage_path')
		.eq('id', params.id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!document) error(404, t.errors.notFound);

	const { data, error: signing } = await locals.supabase.storage
		.from(DOCUMENTS_BUCKET)
		.createSignedUrl(document.storage_path, SIGNED_URL_SECONDS);
	if (signing || !data) error(404, t.errors.fileMissing);
	// `download` is not part of the signed token, so it is added here rather than through the
	// `download` option: storage-js 2.119 encodes that value twice (supabase/supabase-js#2468),
	// which turns « é » into « %C3%A9 » in the saved file's name.
	const target = url.searchParams.has('download')
		? `${data.signedUrl}&download=${encodeURIComponent(downloadName(document.name, document.storage_path))}`
		: data.signedUrl;
	// Only to the project's own Storage: SvelteKit refuses other external redirects.
	redirect(303, target, { external: [supabaseConfig().url] });
};
