// Writes of an event and its picture, kept consistent: the new object is uploaded first, the row
// is written next (the new object is removed again if that fails), and the object the row no
// longer points to is removed last. Every call runs with the viewer's client, so Storage's and
// the table's policies decide; a non-owner's upload is refused before any row is touched.
import { fail } from '@sveltejs/kit';
import type { TypedSupabaseClient } from '#lib/supabase/server.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure } from '#lib/forms.ts';
import { eventImageRefusals, removeImages, storeImage } from '#lib/images.ts';
import { messages } from '#lib/i18n/index.ts';
import type { EventInput } from '#lib/schemas/events.ts';

const t = messages.companies.errors;

function eventRow(input: EventInput) {
	return {
		title: input.title,
		description: input.description,
		location: input.location,
		starts_at: input.starts_at,
		ends_at: input.ends_at
	};
}

async function uploadPicture(
	supabase: TypedSupabaseClient,
	companyId: string,
	image: File | null,
	values: Record<string, string>
) {
	if (!image) return { ok: true as const, path: null };
	const stored = await storeImage(supabase, 'event-images', companyId, image, eventImageRefusals);
	if (stored.ok) return stored;
	return {
		ok: false as const,
		failure: fail(stored.status, formFailure(stored.message, values, { image: stored.message }))
	};
}

export async function createEvent(
	supabase: TypedSupabaseClient,
	companyId: string,
	input: EventInput,
	values: Record<string, string>
) {
	const upload = await uploadPicture(supabase, companyId, input.image, values);
	if (!upload.ok) return upload.failure;
	const { error } = await supabase
		.from('events')
		.insert({ ...eventRow(input), company_id: companyId, image_path: upload.path });
	if (error) {
		await removeImages(supabase, 'event-images', [upload.path]);
		const message = error.code === '42501' ? t.ownerOnly : dbErrorMessage(error);
		return fail(error.code === '42501' ? 403 : 400, formFailure(message, values));
	}
	return null;
}

export async function updateEvent(
	supabase: TypedSupabaseClient,
	companyId: string,
	eventId: string,
	input: EventInput,
	values: Record<string, string>
) {
	const current = await supabase
		.from('events')
		.select('image_path')
		.eq('id', eventId)
		.eq('company_id', companyId)
		.maybeSingle();
	if (current.error) return fail(400, formFailure(dbErrorMessage(current.error), values));
	if (!current.data) return fail(404, formFailure(t.itemNotFound, values));

	const upload = await uploadPicture(supabase, companyId, input.image, values);
	if (!upload.ok) return upload.failure;
	const replaced = upload.path !== null || input.remove_image;
	const { data, error } = await supabase
		.from('events')
		.update({ ...eventRow(input), ...(replaced ? { image_path: upload.path } : {}) })
		.eq('id', eventId)
		.eq('company_id', companyId)
		.select('id');
	if (error || data.length === 0) {
		await removeImages(supabase, 'event-images', [upload.path]);
		if (error) return fail(400, formFailure(dbErrorMessage(error), values));
		return fail(403, formFailure(t.ownerOnly, values));
	}
	if (replaced) await removeImages(supabase, 'event-images', [current.data.image_path]);
	return null;
}

export async function deleteEvent(
	supabase: TypedSupabaseClient,
	companyId: string,
	eventId: string
) {
	const { data, error } = await supabase
		.from('events')
		.delete()
		.eq('id', eventId)
		.eq('company_id', companyId)
		.select('image_path');
	if (error) return fail(400, formFailure(dbErrorMessage(error)));
	if (data.length === 0) return fail(403, formFailure(t.ownerOnly));
	await removeImages(
		supabase,
		'event-images',
		data.map((row) => row.image_path)
	);
	return null;
}
