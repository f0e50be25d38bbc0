// On every start, the buckets of config.toml `[storage.buckets.<id>]` are created, or updated
// when a bucket of that name exists, and the files under their `objects_path` uploaded with
// upsert, as `supabase start` does (cli pkg/storage/batch.go UpsertBuckets / UpsertObjects:
// content type sniffed from the first 512 bytes, `Cache-Control: max-age=3600`).
import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { BucketConfig } from '../project.ts';
import { asOwner, insertBucket, listBuckets, updateBucket } from './database.ts';
import { checkAllowedMimeTypes, isValidBucketName } from './limits.ts';
import type { Storage } from './runtime.ts';
import { storeStream } from './upload.ts';

/** The signatures Go's http.DetectContentType knows best (bytes as latin1, at an offset). */
const SIGNATURES: { bytes: string; at?: number; also?: [string, number]; type: string }[] = [
	{ bytes: '%PDF-', type: 'application/pdf' },
	{ bytes: '\x89PNG\r\n\x1a\n', type: 'image/png' },
	{ bytes: '\xff\xd8\xff', type: 'image/jpeg' },
	{ bytes: 'GIF87a', type: 'image/gif' },
	{ bytes: 'GIF89a', type: 'image/gif' },
	{ bytes: 'RIFF', also: ['WEBPVP', 8], type: 'image/webp' },
	{ bytes: 'BM', type: 'image/bmp' },
	{ bytes: '\x00\x00\x01\x00', type: 'image/x-icon' },
	{ bytes: 'PK\x03\x04', type: 'application/zip' },
	{ bytes: '\x1f\x8b\x08', type: 'application/x-gzip' },
	{ bytes: '%!PS-Adobe-', type: 'application/postscript' },
	{ bytes: 'OggS\x00', type: 'application/ogg' },
	{ bytes: 'ID3', type: 'audio/mpeg' },
	{ bytes: 'ftyp', at: 4, type: 'video/mp4' },
	{ bytes: 'wOFF', type: 'font/woff' },
	{ bytes: 'wOF2', type: 'font/woff2' },
	{ bytes: '\xef\xbb\xbf', type: 'text/plain; charset=utf-8' },
	{ bytes: '\xfe\xff', type: 'text/plain; charset=utf-16be' },
	{ bytes: '\xff\xfe', type: 'text/plain; charset=utf-16le' }
];

const HTML_TAGS = [
	'!DOCTYPE HTML',
	'HTML',
	'HEAD',
	'SCRIPT',
	'IFRAME',
	'H1',
	'DIV',
	'FONT',
	'TABLE',
	'A',
	'STYLE',
	'TITLE',
	'B',
	'BODY',
	'BR',
	'P',
	'!--'
];

const isWhitespace = (byte: number) =>
	byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || byte === 0x20;
const isBinary = (byte: number) =>
	byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);

/** A close cousin of Go's http.DetectContentType, which the CLI uses for `objects_path` files. */
export function detectContentType(head: Buffer): string {
	const text = head.toString('latin1');
	const at = (bytes: string, offset: number) => text.startsWith(bytes, offset);
	for (const signature of SIGNATURES) {
		if (!at(signature.bytes, signature.at ?? 0)) continue;
		if (signature.also && !at(...signature.also)) continue;
		return signature.type;
	}
	let start = 0;
	while (start < head.length && isWhitespace(head[start])) start++;
	const rest = text.slice(start).toUpperCase();
	for (const tag of HTML_TAGS) {
		const next = rest.charAt(tag.length + 1);
		if (rest.startsWith(`<${tag}`) && (next === ' ' || next === '>'))
			return 'text/html; charset=utf-8';
	}
	if (rest.startsWith('<?XML')) return 'text/xml; charset=utf-8';
	return [...head].some(isBinary) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}

async function sniff(file: string): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const buffer = Buffer.alloc(512);
		const { bytesRead } = await handle.read(buffer, 0, 512, 0);
		return detectContentType(buffer.subarray(0, bytesRead));
	} finally {
		await handle.close();
	}
}

async function listFiles(root: string): Promise<string[]> {
	const info = await stat(root);
	if (info.isFile()) return [root];
	const entries = await readdir(root, { withFileTypes: true, recursive: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
}

function checkBucketConfig(id: string, config: BucketConfig, globalLimit: number): void {
	if (!isValidBucketName(id))
		throw new Error(`config.toml: [storage.buckets.${id}]: Bucket name invalid`);
	if (config.fileSizeLimit !== null && config.fileSizeLimit > globalLimit)
		throw new Error(
			`config.toml: [storage.buckets.${id}] file_size_limit exceeds [storage] file_size_limit: The object exceeded the maximum allowed size`
		);
	if (config.allowedMimeTypes) {
		try {
			checkAllowedMimeTypes(config.allowedMimeTypes);
		} catch (error) {
			throw new Error(`config.toml: [storage.buckets.${id}]: ${(error as Error).message}`, {
				cause: error
			});
		}
	}
}

export async function syncConfigBuckets(storage: Storage): Promise<void> {
	const { buckets } = storage.context.project.storage;
	const log = storage.context.log;
	for (const [id, config] of Object.entries(buckets))
		checkBucketConfig(id, config, storage.globalLimit);

	await asOwner(storage.pool, async (db) => {
		const existing = new Map((await listBuckets(db, {})).map((bucket) => [bucket.name, bucket.id]));
		for (const [name, config] of Object.entries(buckets)) {
			const mimeTypes = config.allowedMimeTypes?.length ? config.allowedMimeTypes : undefined;
			const bucketId = existing.get(name);
			if (bucketId !== undefined) {
				log(`Updating Storage bucket: ${bucketId}`);
				// Like the CLI's request: unset limits are omitted, so they are left as they are.
				await updateBucket(db, bucketId, {
					public: config.public,
					file_size_limit: config.fileSizeLimit || undefined,
					allowed_mime_types: mimeTypes
				});
			} else {
				log(`Creating Storage bucket: ${name}`);
				await insertBucket(db, {
					id: name,
					name,
					owner: undefined,
					public: config.public,
					fileSizeLimit: config.fileSizeLimit || null,
					allowedMimeTypes: mimeTypes ?? null
				});
			}
		}
	});

	for (const [name, config] of Object.entries(buckets)) {
		if (!config.objectsPath) continue;
		const root = config.objectsPath;
		for (const file of await listFiles(root)) {
			const relativePath = relative(root, file);
			const key = relativePath === '' ? basename(file) : relativePath.split(sep).join('/');
			log(`Uploading: ${file} => ${name}/${key}`);
			try {
				await storeStream(storage, {
					bucketId: name,
					key,
					owner: undefined,
					upsert: true,
					stream: createReadStream(file),
					mimeType: await sniff(file),
					cacheControl: 'max-age=3600'
				});
			} catch (error) {
				throw new Error(
					`config.toml: [storage.buckets.${name}] objects_path ${file}: ${(error as Error).message}`,
					{
						cause: error
					}
				);
			}
		}
	}
}
