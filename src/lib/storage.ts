// Public URLs of objects in the public-read buckets (avatars, event images), built without a
// request as storage-js does.
import { supabaseConfig } from '#lib/supabase/env.ts';

export function publicObjectUrl(bucket: string, path: string | null | undefined): string | null {
	if (!path) return null;
	const { url } = supabaseConfig();
	const key = path.split('/').map(encodeURIComponent).join('/');
	return `${url}/storage/v1/object/public/${bucket}/${key}`;
}

export const avatarUrl = (path: string | null | undefined) => publicObjectUrl('avatars', path);
export const eventImageUrl = (path: string | null | undefined) =>
	publicObjectUrl('event-images', path);

/**
 * Supabase Storage keys are ASCII-only: French file names are kept for display and stored
 * under a safe key (accents folded, everything else replaced), with a random prefix so two
 * files of the same name never collide.
 */
export function safeObjectName(fileName: string, random = crypto.randomUUID().slice(0, 8)): string {
	const dot = fileName.lastIndexOf('.');
	const base = dot > 0 ? fileName.slice(0, dot) : fileName;
	const ext = dot > 0 ? fileName.slice(dot + 1) : '';
	const clean = (part: string) =>
		part
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/-+/g, '-')
			.replace(/^[-.]+|[-.]+$/g, '')
			.toLowerCase();
	const safeBase = clean(base).slice(0, 80) || 'fichier';
	const safeExt = clean(ext).slice(0, 10);
	return `${random}-${safeBase}${safeExt ? `.${safeExt}` : ''}`;
}
