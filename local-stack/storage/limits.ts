// What Storage accepts before it touches a file: object keys and bucket names (the S3-safe
// alphabets of supabase/storage src/storage/limits.ts, plus path rules the file backend needs),
// allowed MIME types with `type/*` wildcards, and file size limits ("20MB" or bytes).
import { storageErrors } from './errors.ts';

// Upstream's alphabets; the hyphen is last so it stays a literal.
const OBJECT_KEY = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;

/** A single path segment longer than this cannot be a file name on the local disk. */
export const MAX_SEGMENT_LENGTH = 200;

/**
 * Supabase's rule (non-empty, S3-safe characters only, so `résumé.pdf` is refused) plus what a
 * key must satisfy to map onto a file below the bucket folder: no absolute path, no empty,
 * `.` or `..` segment, no segment too long for the file system.
 */
export function isValidKey(key: string): boolean {
	if (key.length === 0 || !OBJECT_KEY.test(key)) return false;
	return key
		.split('/')
		.every(
			(segment) =>
				segment.length > 0 &&
				segment !== '.' &&
				segment !== '..' &&
				segment.length <= MAX_SEGMENT_LENGTH
		);
}

export function mustBeValidKey(key: string): void {
	if (!isValidKey(key)) throw storageErrors.invalidKey(key);
}

/** Upstream's bucket rule, minus `.` and `..`, which would name the folder above a bucket. */
export function isValidBucketName(name: string): boolean {
	return (
		name.length > 0 && name.length < 101 && BUCKET_NAME.test(name) && name !== '.' && name !== '..'
	);
}

export function mustBeValidBucketName(name: string): void {
	if (!isValidBucketName(name)) throw storageErrors.invalidBucketName();
}

/** Studio's folder marker: always allowed, always empty. */
export function isEmptyFolder(key: string): boolean {
	return key.endsWith('.emptyFolderPlaceholder');
}

/**
 * Upload check against a bucket's allowed_mime_types: same type and same subtype, or `type/*`.
 * Like upstream, parameters are part of the subtype, so `text/plain;charset=UTF-8` does not
 * match an allowed `text/plain`.
 */
export function checkMimeType(mimeType: string, allowed: string[]): void {
	const [type, subtype] = mimeType.split('/');
	if (subtype === undefined) throw storageErrors.invalidMimeType(mimeType);
	for (const entry of allowed) {
		const [allowedType, allowedSubtype] = entry.split('/');
		if (allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype)) return;
	}
	throw storageErrors.invalidMimeType(mimeType);
}

/** Validation of a bucket's allowed_mime_types list when it is created or updated. */
export function checkAllowedMimeTypes(types: string[]): void {
	for (const type of types) {
		if (
			type.length > 1000 ||
			!/^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/.test(type)
		) {
			throw storageErrors.invalidMimeType(type);
		}
	}
}

/** A Content-Type header Fastify can parse: `type/subtype` and optional parameters, no tabs. */
export function isValidContentTypeHeader(value: string): boolean {
	return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+( *;[ !-~]*)?$/.test(value);
}

export const FILE_SIZE_PATTERN = /^[0-9]+(?:\.[0-9]+)?(?:[gG][bB]|[mM][bB]|[kK][bB]|[bB])$/;

/** "20MB" → bytes with upstream's decimal units and three significant digits. */
export function parseFileSize(value: string): number {
	const match = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value);
	if (!match) throw storageErrors.invalidFileSizeLimit();
	const amount = Number(Number.parseFloat(match[1]).toPrecision(3));
	const unit = match[2].toUpperCase();
	const factor = unit === 'GB' ? 1e9 : unit === 'MB' ? 1e6 : unit === 'KB' ? 1000 : 1;
	return amount * factor;
}

/**
 * A bucket's file_size_limit as given to create/update bucket: a number of bytes or a size
 * string, never above the global `[storage] file_size_limit`.
 */
export function bucketSizeLimit(value: number | string, globalLimit: number): number {
	const bytes = typeof value === 'string' ? parseFileSize(value) : value;
	if (bytes > globalLimit) throw storageErrors.entityTooLarge();
	return bytes;
}

/** The most an upload may write: the global limit, the bucket's if lower, 0 for folder markers. */
export function maxUploadSize(
	key: string,
	globalLimit: number,
	bucketLimit: number | null
): number {
	if (isEmptyFolder(key)) return 0;
	return bucketLimit === null ? globalLimit : Math.min(globalLimit, bucketLimit);
}
