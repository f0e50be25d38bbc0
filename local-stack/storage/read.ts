// Reading objects the way supabase/storage's getObject/getObjectInfo and its renderers do: the
// row is looked up as the owner for public buckets and as the caller (RLS) otherwise, then the
// file is streamed with ETag, Last-Modified, Cache-Control, Content-Length, Range (206) and
// `?download` support, or only its metadata is rendered (HEAD, /object/info).
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { asCaller, asOwner, findBucket, mustFindObject } from './database.ts';
import type { ObjectRow } from './database.ts';
import { ErrorCode, storageErrors } from './errors.ts';
import { header, sendJson } from './http.ts';
import { mustBeValidBucketName, mustBeValidKey } from './limits.ts';
import { parseRange } from './range.ts';
import type { RouteInput, Storage } from './runtime.ts';

/**
 * The row behind GET/HEAD /object/{bucket}/{key} and /object/info/…: an unauthenticated caller
 * only reaches public buckets; public buckets are read without RLS, private ones through the
 * caller's SELECT policies (a hidden row is NoSuchKey).
 */
export async function findReadableObject(
	input: RouteInput,
	options: { publicRoute?: boolean } = {}
): Promise<ObjectRow> {
	const { storage, params, caller } = input;
	refuseVersionQuery(input);
	mustBeValidBucketName(params.bucket);
	const bucket = await asOwner(storage.pool, (db) => findBucket(db, params.bucket));
	if ((!caller.authenticated || options.publicRoute) && !bucket?.public)
		throw storageErrors.noSuchBucket();
	if (!bucket) throw storageErrors.noSuchBucket();
	mustBeValidKey(params.key);
	if (bucket.public || options.publicRoute)
		return asOwner(storage.pool, (db) => mustFindObject(db, params.bucket, params.key));
	return asCaller(storage.pool, caller, input.info, input.operation, (db) =>
		mustFindObject(db, params.bucket, params.key)
	);
}

/** Object versions (storage-js `versionId`) do not exist locally: refused, never ignored. */
export function refuseVersionQuery(input: Pick<RouteInput, 'request'>): void {
	if (input.request.url.searchParams.has('versionId'))
		throw storageErrors.notAvailableLocally('object versioning');
}

/** HTML is never served as HTML from a storage origin. */
function contentType(mimetype: unknown): string {
	const value =
		typeof mimetype === 'string' && mimetype !== '' ? mimetype : 'application/octet-stream';
	return value.includes('text/html') ? 'text/plain' : value;
}

/** `?download` → attachment; `?download=name` → attachment with that file name. */
export function contentDisposition(download: string | null): string | undefined {
	if (download === null) return undefined;
	if (download === '') return 'attachment;';
	const name = encodeURIComponent(download);
	return `attachment; filename=${name}; filename*=UTF-8''${name}`;
}

/** The answer when a row exists but its file does not (the renderer's 404 branch). */
function sendMissingFile(response: ServerResponse): void {
	sendJson(
		response,
		400,
		{
			error: 'Not found',
			message: 'The resource was not found',
			statusCode: '404',
			code: ErrorCode.NoSuchKey
		},
		{ 'Cache-Control': 'no-store' }
	);
}

export async function sendObject(
	storage: Storage,
	input: Pick<RouteInput, 'request' | 'response'>,
	row: ObjectRow,
	options: { download: string | null; expires?: string }
): Promise<void> {
	const { request, response } = input;
	const opened = await storage.files.open(row.bucket_id, row.name, row.version);
	if (!opened) {
		sendMissingFile(response);
		return;
	}
	const { handle, stats } = opened;
	try {
		const metadata = row.metadata ?? {};
		const size = stats.size;
		const eTag =
			typeof metadata.eTag === 'string'
				? metadata.eTag
				: `"${stats.mtimeMs.toString(16)}-${size.toString(16)}"`;
		const headers: Record<string, string> = {
			'Accept-Ranges': 'bytes',
			'Content-Type': contentType(metadata.mimetype),
			ETag: eTag,
			'X-Robots-Tag': 'none',
			'Last-Modified': stats.mtime.toUTCString()
		};
		if (options.expires) headers.Expires = options.expires;
		else
			headers['Cache-Control'] =
				typeof metadata.cacheControl === 'string' && metadata.cacheControl !== ''
					? metadata.cacheControl
					: 'no-cache';
		const disposition = contentDisposition(options.download);
		if (disposition) headers['Content-Disposition'] = disposition;

		const ifNoneMatch = header(request, 'if-none-match');
		const ifModifiedSince = header(request, 'if-modified-since');
		const notModified =
			(ifNoneMatch !== undefined && ifNoneMatch === eTag) ||
			(ifNoneMatch === undefined &&
				ifModifiedSince !== undefined &&
				stats.mtime.getTime() <= new Date(ifModifiedSince).getTime());
		if (notModified) {
			await handle.close();
			response.writeHead(304, headers);
			response.end();
			return;
		}

		const rangeHeader = header(request, 'range');
		let start = 0;
		let end = size - 1;
		let status = 200;
		if (rangeHeader !== undefined) {
			const range = parseRange(rangeHeader, size);
			start = range.start;
			end = range.end;
			status = 206;
			headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
		}
		headers['Content-Length'] = String(Math.max(end - start + 1, 0));
		response.writeHead(status, headers);
		if (request.method === 'HEAD' || size === 0) {
			await handle.close();
			response.end();
			return;
		}
		// Larger reads than the 64 KiB default: fewer syscalls and socket writes per file.
		const stream = handle.createReadStream({
			start,
			end,
			autoClose: true,
			highWaterMark: 512 * 1024
		});
		await pipeline(stream, response).catch(() => {
			// The client went away mid-download: nothing left to answer.
			stream.destroy();
		});
	} catch (error) {
		await handle.close().catch(() => undefined);
		throw error;
	}
}

function metadataNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

/** HEAD: the object's headers from its metadata row, no file access, no body. */
export function sendHead(response: ServerResponse, row: ObjectRow): void {
	const metadata = row.metadata ?? {};
	const headers: Record<string, string> = {
		'Accept-Ranges': 'bytes',
		'X-Robots-Tag': 'none'
	};
	if (typeof metadata.mimetype === 'string')
		headers['Content-Type'] = contentType(metadata.mimetype);
	if (typeof metadata.eTag === 'string') headers.ETag = metadata.eTag;
	if (typeof metadata.lastModified === 'string') {
		const date = new Date(metadata.lastModified);
		if (!Number.isNaN(date.getTime())) headers['Last-Modified'] = date.toUTCString();
	}
	const length = metadataNumber(metadata.contentLength);
	if (length !== undefined) headers['Content-Length'] = String(length);
	if (typeof metadata.cacheControl === 'string') headers['Cache-Control'] = metadata.cacheControl;
	response.writeHead(metadataNumber(metadata.httpStatusCode) ?? 200, headers);
	response.end();
}

/** GET /object/info/…: the row as upstream's InfoRenderer shapes it. */
export function sendInfo(response: ServerResponse, row: ObjectRow): void {
	const metadata = row.metadata ?? {};
	const headers: Record<string, string> = {};
	if (typeof metadata.eTag === 'string') headers.ETag = metadata.eTag;
	if (typeof metadata.cacheControl === 'string') headers['Cache-Control'] = metadata.cacheControl;
	sendJson(
		response,
		200,
		{
			id: row.id,
			name: row.name,
			version: row.version,
			bucket_id: row.bucket_id,
			size: metadataNumber(metadata.size) ?? null,
			content_type: typeof metadata.mimetype === 'string' ? metadata.mimetype : null,
			cache_control: typeof metadata.cacheControl === 'string' ? metadata.cacheControl : null,
			etag: typeof metadata.eTag === 'string' ? metadata.eTag : null,
			metadata: row.user_metadata,
			last_modified: row.updated_at,
			created_at: row.created_at
		},
		headers
	);
}
