// The `documents` bucket's rules (the limits of supabase/config.toml and the storage migration),
// checked in the browser before an upload starts, and how stored documents are named and labelled.
// Free of zod so the documents page does not ship the validation library to the browser.
import { formatFileSize } from '#lib/i18n/format.ts';
import { interpolate, locale, messages } from '#lib/i18n/index.ts';
import { safeObjectName } from '#lib/storage.ts';

const t = messages.documents;

export const DOCUMENTS_BUCKET = 'documents';

/** [storage.buckets.documents] file_size_limit = "10MiB". */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** [storage.buckets.documents] allowed_mime_types, with the extensions browsers give them. */
export const DOCUMENT_TYPES = {
	'application/pdf': ['pdf'],
	'image/png': ['png'],
	'image/jpeg': ['jpg', 'jpeg'],
	'image/webp': ['webp'],
	'text/plain': ['txt'],
	'text/csv': ['csv'],
	'application/msword': ['doc'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'application/vnd.ms-excel': ['xls'],
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
	'application/vnd.ms-powerpoint': ['ppt'],
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
	'application/vnd.oasis.opendocument.text': ['odt'],
	'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
	'application/vnd.oasis.opendocument.presentation': ['odp']
} as const satisfies Record<string, readonly string[]>;

export type DocumentMimeType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_MIME_TYPES = Object.keys(DOCUMENT_TYPES) as DocumentMimeType[];

const byExtension = new Map<string, DocumentMimeType>(
	DOCUMENT_MIME_TYPES.flatMap((type) => DOCUMENT_TYPES[type].map((ext) => [ext, type] as const))
);

/** For <input type="file" accept>: the types and their extensions. */
export const DOCUMENT_ACCEPT = [
	...DOCUMENT_MIME_TYPES,
	...[...byExtension.keys()].map((ext) => `.${ext}`)
].join(',');

export function isDocumentMimeType(type: string): type is DocumentMimeType {
	return Object.hasOwn(DOCUMENT_TYPES, type);
}

export function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The type a file is stored with. Browsers derive `File.type` from the extension, and leave it
 * empty (or generic) when they do not know it: then our own table decides. Storage compares the
 * Content-Type exactly, so the result is always one of the bucket's types, without parameters.
 */
export function documentMimeType(file: { name: string; type: string }): DocumentMimeType | null {
	const declared = file.type.split(';')[0].trim().toLowerCase();
	if (isDocumentMimeType(declared)) return declared;
	return byExtension.get(extensionOf(file.name)) ?? null;
}

export type FileCheck =
	| { ok: true; mimeType: DocumentMimeType }
	| { ok: false; reason: 'tooLarge' | 'badType' | 'empty'; message: string };

/** The bucket's rules applied before uploading, with the French reason of a refusal. */
export function checkDocumentFile(file: { name: string; size: number; type: string }): FileCheck {
	const name = file.name;
	const mimeType = documentMimeType(file);
	if (!mimeType)
		return { ok: false, reason: 'badType', message: interpolate(t.refusals.badType, { name }) };
	if (file.size > DOCUMENT_MAX_BYTES) {
		const max = formatFileSize(DOCUMENT_MAX_BYTES);
		// In megabytes with one decimal, so 10,5 Mo does not read as the limit's own « 10 Mo ».
		const size = `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(file.size / 1024 / 1024)} Mo`;
		const message =
			size === max
				? interpolate(t.refusals.tooLargeBarely, { name, max })
				: interpolate(t.refusals.tooLarge, { name, max, size });
		return { ok: false, reason: 'tooLarge', message };
	}
	if (file.size === 0)
		return { ok: false, reason: 'empty', message: interpolate(t.refusals.empty, { name }) };
	return { ok: true, mimeType };
}

/** The French label of a stored type (« PDF », « Excel »…). */
export function documentTypeLabel(mimeType: string): string {
	const labels: Record<string, string> = t.types;
	return labels[mimeType] ?? t.types.other;
}

/**
 * The file name offered on download: the document's (renamable) name, with the stored file's
 * extension put back when a rename dropped it, so the file still opens with the right program.
 */
export function downloadName(name: string, storagePath: string): string {
	const ext = extensionOf(storagePath);
	if (!ext || extensionOf(name) === ext) return name;
	return `${name}.${ext}`;
}

/** The object key of a new upload: the owner's folder (what the bucket's policies require). */
export function documentKey(ownerId: string, fileName: string): string {
	return `${ownerId}/${safeObjectName(fileName)}`;
}
