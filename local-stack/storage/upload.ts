// The upload pipeline of supabase/storage src/storage/uploader.ts: bucket limits and MIME rules,
// the caller's permission tested by an INSERT (or upsert) that is rolled back, then the body
// streamed to a temporary file, and finally one owner transaction that writes the row and moves
// the file into place. A refused, failed or aborted upload leaves neither a file nor a row.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { ServiceRequest } from '../gateway/service.ts';
import type { Caller } from './auth.ts';
import type { ReceivedFile } from './backend/file.ts';
import {
	asCaller,
	asOwner,
	findBucket,
	findObject,
	insertObject,
	lockObject,
	upsertObject
} from './database.ts';
import type { ObjectMetadata, ObjectRow, RequestInfo } from './database.ts';
import { storageErrors } from './errors.ts';
import { header } from './http.ts';
import {
	checkMimeType,
	isEmptyFolder,
	isValidContentTypeHeader,
	maxUploadSize,
	mustBeValidBucketName,
	mustBeValidKey
} from './limits.ts';
import type { Storage } from './runtime.ts';

/** Upstream's cap on user metadata (MAX_CUSTOM_METADATA_SIZE). */
const MAX_USER_METADATA = 1024 * 1024;

export type UploadTarget = {
	bucketId: string;
	key: string;
	owner: string | undefined;
	upsert: boolean;
};

/** Who must be allowed to write: the caller through RLS, or nobody (signed upload URLs). */
export type UploadPermission =
	{ kind: 'caller'; caller: Caller; info: RequestInfo; operation: string } | { kind: 'signed' };

type UploadSource = {
	stream: Readable;
	mimeType: string;
	cacheControl: string;
	userMetadata: Record<string, unknown> | undefined;
	/** Lets an unread file part flow away when the upload is refused before streaming. */
	discard(): void;
};

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(text);
		return typeof value === 'object' && value !== null ? value : undefined;
	} catch {
		return undefined;
	}
}

/** `x-metadata`: base64 JSON; unreadable metadata is ignored, as upstream does. */
export function parseMetadataHeader(
	value: string | undefined
): Record<string, unknown> | undefined {
	if (value === undefined) return undefined;
	return parseJsonObject(Buffer.from(value, 'base64').toString('utf8'));
}

/** The first file part of a multipart body, with the fields sent before it. */
function multipartSource(request: IncomingMessage): Promise<UploadSource> {
	return new Promise((resolve, reject) => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({
				headers: request.headers,
				limits: { fields: 10, files: 1, fieldSize: MAX_USER_METADATA + 1 }
			});
		} catch (error) {
			reject(storageErrors.noContentProvided((error as Error).message));
			return;
		}
		const fields: Record<string, string> = {};
		const truncated = new Set<string>();
		let settled = false;
		parser.on('field', (name, value, info) => {
			fields[name] = value;
			if (info.valueTruncated) truncated.add(name);
		});
		parser.on('file', (_name, stream, info) => {
			if (settled) {
				stream.resume();
				return;
			}
			settled = true;
			stream.pause();
			const metadataField = fields.metadata !== undefined ? 'metadata' : 'userMetadata';
			const metadata = fields[metadataField];
			if (
				metadata !== undefined &&
				(truncated.has(metadataField) || Buffer.byteLength(metadata) > MAX_USER_METADATA)
			) {
				stream.resume();
				reject(storageErrors.entityTooLarge('user_metadata'));
				return;
			}
			resolve({
				stream,
				mimeType: fields.contentType || info.mimeType,
				cacheControl: fields.cacheControl ? `max-age=${fields.cacheControl}` : 'no-cache',
				userMetadata: metadata === undefined ? undefined : parseJsonObject(metadata),
				discard: () => stream.resume()
			});
		});
		parser.on('close', () => {
			if (settled) return;
			settled = true;
			reject(storageErrors.noContentProvided());
		});
		parser.on('error', (error: Error) => {
			if (settled) return;
			settled = true;
			reject(storageErrors.noContentProvided(error.message));
		});
		// A client gone before its file part arrived: busboy would wait for it forever.
		request.once('close', () => {
			if (settled || request.complete) return;
			settled = true;
			reject(storageErrors.aborted('Request aborted by the client'));
		});
		request.pipe(parser);
	});
}

/** A raw body: the request itself, described by its headers. */
function rawSource(request: ServiceRequest, maxBytes: number): UploadSource {
	const contentType = header(request, 'content-type');
	if (contentType !== undefined && !isValidContentTypeHeader(contentType))
		throw storageErrors.invalidContentTypeHeader();
	const declared = Number(header(request, 'content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) throw storageErrors.entityTooLarge();
	return {
		stream: request.raw,
		mimeType: contentType || 'application/octet-stream',
		cacheControl: header(request, 'cache-control') ?? 'no-cache',
		userMetadata: parseMetadataHeader(header(request, 'x-metadata')),
		discard: () => undefined
	};
}

/**
 * Upstream's canUpload: the row the upload would create, inserted as the caller in a
 * transaction that is rolled back. Without upsert it needs INSERT and fails on an existing key
 * (KeyAlreadyExists); with upsert it is an INSERT … ON CONFLICT DO UPDATE (INSERT + SELECT +
 * UPDATE). The metadata carries mimetype and contentLength so policies can check them.
 */
export async function checkCanUpload(
	storage: Storage,
	permission: Extract<UploadPermission, { kind: 'caller' }>,
	target: UploadTarget & {
		metadata: Record<string, unknown>;
		userMetadata: Record<string, unknown> | undefined;
	}
): Promise<void> {
	const row = {
		bucketId: target.bucketId,
		name: target.key,
		owner: target.owner,
		version: '1',
		metadata: target.metadata,
		userMetadata: target.userMetadata
	};
	await asCaller(
		storage.pool,
		permission.caller,
		permission.info,
		permission.operation,
		async (db) => {
			if (target.upsert) await upsertObject(db, row);
			else await insertObject(db, row);
		},
		{ rollback: true }
	);
}

/**
 * Writes the row and puts the file in place in one owner transaction: the row only ever names a
 * complete file, a failed commit removes the file, and the replaced version's file goes once
 * the new row is committed.
 */
export async function commitObject(
	storage: Storage,
	target: UploadTarget & {
		file: ReceivedFile;
		metadata: ObjectMetadata;
		userMetadata: Record<string, unknown> | null | undefined;
	}
): Promise<ObjectRow> {
	const version = randomUUID();
	let placed = false;
	let replaced: string | null = null;
	let row: ObjectRow;
	try {
		row = await asOwner(storage.pool, async (db) => {
			await lockObject(db, target.bucketId, target.key);
			const current = await findObject(db, target.bucketId, target.key, { forUpdate: true });
			if (current && !target.upsert) throw storageErrors.keyAlreadyExists();
			replaced = current?.version ?? null;
			const written = await upsertObject(db, {
				bucketId: target.bucketId,
				name: target.key,
				owner: target.owner,
				version,
				metadata: target.metadata,
				userMetadata: target.userMetadata
			});
			await storage.files.place(target.file.tempPath, target.bucketId, target.key, version);
			placed = true;
			return written;
		});
	} catch (error) {
		if (placed) await storage.files.remove(target.bucketId, target.key, version);
		else await storage.files.discard(target.file.tempPath);
		throw error;
	}
	if (replaced !== null && replaced !== version)
		await storage.files
			.remove(target.bucketId, target.key, replaced)
			.catch((error) =>
				storage.context.log(`[storage] could not remove a replaced file: ${String(error)}`)
			);
	return row;
}

export function objectMetadata(
	file: ReceivedFile,
	mimeType: string,
	cacheControl: string
): ObjectMetadata {
	return {
		eTag: file.eTag,
		size: file.size,
		mimetype: mimeType,
		cacheControl,
		lastModified: file.lastModified.toISOString(),
		contentLength: file.size,
		httpStatusCode: 200
	};
}

/** Bucket lookup and limits shared by every upload path. */
async function bucketLimits(storage: Storage, bucketId: string, key: string) {
	mustBeValidBucketName(bucketId);
	const bucket = await asOwner(storage.pool, (db) => findBucket(db, bucketId));
	if (!bucket) throw storageErrors.noSuchBucket();
	return {
		maxBytes: maxUploadSize(key, storage.globalLimit, bucket.file_size_limit),
		allowed: isEmptyFolder(key) ? [] : (bucket.allowed_mime_types ?? [])
	};
}

/** POST/PUT /object/… and PUT /object/upload/sign/…: raw or multipart body to a stored object. */
export async function uploadFromRequest(
	storage: Storage,
	request: ServiceRequest,
	target: UploadTarget,
	permission: UploadPermission
): Promise<ObjectRow> {
	const { maxBytes, allowed } = await bucketLimits(storage, target.bucketId, target.key);
	const contentType = header(request, 'content-type') ?? '';
	const source = contentType.toLowerCase().startsWith('multipart/form-data')
		? await multipartSource(request.raw)
		: rawSource(request, maxBytes);
	try {
		if (allowed.length > 0) checkMimeType(source.mimeType, allowed);
		mustBeValidKey(target.key);
		const declared = Number(header(request, 'content-length'));
		if (permission.kind === 'caller') {
			await checkCanUpload(storage, permission, {
				...target,
				metadata: {
					mimetype: source.mimeType,
					...(Number.isFinite(declared) ? { contentLength: declared } : {})
				},
				userMetadata: source.userMetadata
			});
		} else if (!target.upsert) {
			const existing = await asOwner(storage.pool, (db) =>
				findObject(db, target.bucketId, target.key)
			);
			if (existing) throw storageErrors.keyAlreadyExists();
		}
	} catch (error) {
		source.discard();
		throw error;
	}
	const file = await storage.files.receive(source.stream, { maxBytes, request: request.raw });
	return commitObject(storage, {
		...target,
		file,
		metadata: objectMetadata(file, source.mimeType, source.cacheControl),
		// Upstream always writes an object here: `{}` when the upload carried no metadata.
		userMetadata: { ...source.userMetadata }
	});
}

/**
 * Stores a local file as an object with the owner's rights (config.toml `objects_path`, which
 * the CLI uploads with the service role and x-upsert).
 */
export async function storeStream(
	storage: Storage,
	target: UploadTarget & { stream: Readable; mimeType: string; cacheControl: string }
): Promise<ObjectRow> {
	const { maxBytes, allowed } = await bucketLimits(storage, target.bucketId, target.key);
	if (allowed.length > 0) checkMimeType(target.mimeType, allowed);
	mustBeValidKey(target.key);
	const file = await storage.files.receive(target.stream, { maxBytes });
	return commitObject(storage, {
		...target,
		file,
		metadata: objectMetadata(file, target.mimeType, target.cacheControl),
		userMetadata: {}
	});
}
