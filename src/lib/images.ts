// Pictures kept in the public buckets (avatars, event images), written by form actions with the
// user's own client so Storage's policies decide. Each write that pairs an object with a row
// goes: upload the new object → write the row → remove the replaced object; when the row write
// fails the new object is removed again, so no row points to a missing object and no object is
// left without its row.
import type { SupabaseClient } from '@supabase/supabase-js';
import { messages } from '#lib/i18n/index.ts';
import { safeObjectName } from '#lib/storage.ts';
import { classifyStorageError } from '#lib/upload.ts';

export type ImageBucket = 'avatars' | 'event-images';

export type ImageRefusalMessages = {
	tooLarge: string;
	badType: string;
	forbidden: string;
	refused: string;
	failed: string;
};

type StorageErrorLike = {
	message?: string;
	status?: number;
	statusCode?: string | number;
	code?: string;
	error?: string;
};

/**
 * A Storage refusal of a picture in French. storage-js keeps the body's real status (`statusCode`,
 * a string: Storage answers most refusals with HTTP 400) and its ErrorCode (`code`), which
 * classifyStorageError reads as the browser uploads do.
 */
export function imageRefusal(
	error: StorageErrorLike,
	text: ImageRefusalMessages
): { status: number; message: string } {
	const { status = 0, ...body } = error;
	switch (classifyStorageError(status, body)) {
		case 'tooLarge':
			return { status: 413, message: text.tooLarge };
		case 'badType':
			return { status: 415, message: text.badType };
		case 'forbidden':
		case 'unauthorized':
			return { status: 403, message: text.forbidden };
		default: {
			const real = Number(body.statusCode ?? status);
			return real >= 400 && real < 500
				? { status: 400, message: text.refused }
				: { status: 502, message: text.failed };
		}
	}
}

export type StoredImage =
	{ ok: true; path: string } | { ok: false; status: number; message: string };

/** Uploads `file` under `<folder>/<safe key>` (never overwriting) and returns its key. */
export async function storeImage(
	supabase: SupabaseClient,
	bucket: ImageBucket,
	folder: string,
	file: File,
	text: ImageRefusalMessages
): Promise<StoredImage> {
	const path = `${folder}/${safeObjectName(file.name || 'image')}`;
	const { error } = await supabase.storage.from(bucket).upload(path, file, {
		contentType: file.type,
		cacheControl: '3600',
		upsert: false
	});
	if (error) return { ok: false, ...imageRefusal(error as StorageErrorLike, text) };
	return { ok: true, path };
}

/**
 * Removes objects that no row points to any more. A failure leaves an unreferenced object behind
 * (nothing the user sees); it is reported in the server log so it can be cleaned up.
 */
export async function removeImages(
	supabase: SupabaseClient,
	bucket: ImageBucket,
	paths: (string | null | undefined)[]
): Promise<void> {
	const keys = paths.filter((path): path is string => !!path);
	if (keys.length === 0) return;
	const { error } = await supabase.storage.from(bucket).remove(keys);
	if (error) console.error(`could not remove ${bucket}/${keys.join(', ')}: ${error.message}`);
}

export const avatarRefusals: ImageRefusalMessages = {
	tooLarge: messages.auth.profile.avatarTooLarge,
	badType: messages.auth.profile.avatarBadType,
	forbidden: messages.common.errors.forbidden,
	refused: messages.auth.profile.avatarRefused,
	failed: messages.auth.profile.avatarFailed
};

export const eventImageRefusals: ImageRefusalMessages = {
	tooLarge: messages.companies.errors.imageTooLarge,
	badType: messages.companies.errors.imageBadType,
	forbidden: messages.companies.errors.imageForbidden,
	refused: messages.companies.errors.imageRefused,
	failed: messages.companies.errors.imageFailed
};
