import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorageStack } from './storage-stack.ts';
import type { Member, StorageStack } from './storage-stack.ts';

/** A raw HTTP request whose path is sent byte for byte (fetch would normalise it). */
function rawRequest(
	apiUrl: string,
	options: { method: string; path: string; headers: Record<string, string>; body?: string }
): Promise<{ status: number; body: unknown }> {
	const { hostname, port } = new URL(apiUrl);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: hostname,
				port,
				method: options.method,
				path: options.path,
				headers: options.headers
			},
			(response) => {
				let text = '';
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => {
					let body: unknown = text;
					try {
						body = JSON.parse(text);
					} catch {
						// not JSON
					}
					resolve({ status: response.statusCode ?? 0, body });
				});
			}
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

describe('upload limits, MIME types and object keys', () => {
	let stack: StorageStack;
	let alice: Member;
	const photos = () => alice.client.storage.from('photos');
	const tooLarge = {
		statusCode: '413',
		status: 400,
		code: 'EntityTooLarge',
		message: 'The object exceeded the maximum allowed size'
	};

	beforeAll(async () => {
		stack = await startStorageStack();
		alice = stack.member();
	});
	afterAll(async () => {
		await stack?.close();
	});

	describe('the bucket size limit (100 kB on photos)', () => {
		it('accepts a file of exactly the limit', async () => {
			const { error } = await photos().upload(`${alice.id}/exact.png`, new Uint8Array(100_000), {
				contentType: 'image/png'
			});
			expect(error).toBeNull();
		});

		it('refuses a larger raw body with EntityTooLarge before storing anything', async () => {
			const { error } = await photos().upload(`${alice.id}/raw.png`, new Uint8Array(150_000), {
				contentType: 'image/png'
			});
			expect(error).toMatchObject(tooLarge);
		});

		it('refuses a larger multipart file part', async () => {
			const blob = new Blob([new Uint8Array(150_000)], { type: 'image/png' });
			expect((await photos().upload(`${alice.id}/multipart.png`, blob)).error).toMatchObject(
				tooLarge
			);
		});

		it('refuses a larger streamed body sent without Content-Length', async () => {
			const body = Readable.from([new Uint8Array(80_000), new Uint8Array(80_000)]);
			const { error } = await photos().upload(`${alice.id}/stream.png`, body, {
				contentType: 'image/png',
				duplex: 'half'
			});
			expect(error).toMatchObject(tooLarge);
		});

		it('answers the exact storage body with HTTP 400', async () => {
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/photos/${alice.id}/direct.png`,
				{
					method: 'POST',
					headers: {
						apikey: stack.fixture.anonKey,
						Authorization: `Bearer ${alice.token}`,
						'Content-Type': 'image/png'
					},
					body: new Uint8Array(100_001)
				}
			);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				statusCode: '413',
				code: 'EntityTooLarge',
				error: 'Payload too large',
				message: 'The object exceeded the maximum allowed size'
			});
		});

		it('leaves neither rows nor files for refused uploads', async () => {
			const names = (await stack.rows('photos', `${alice.id}/`)).map((row) => row.name);
			expect(names).toEqual([`${alice.id}/exact.png`]);
			expect(stack.files('photos')).toHaveLength(1);
			expect(stack.pendingUploads()).toEqual([]);
		});
	});

	describe('the global size limit ([storage] file_size_limit = 60MiB)', () => {
		it('applies to buckets without a limit of their own', async () => {
			const { error } = await alice.client.storage
				.from('documents')
				.upload(`${alice.id}/huge.bin`, new Uint8Array(60 * 1024 * 1024 + 1), {
					contentType: 'application/octet-stream'
				});
			expect(error).toMatchObject(tooLarge);
			expect(await stack.rows('documents', `${alice.id}/huge`)).toEqual([]);
		});
	});

	describe('allowed MIME types (image/* and application/pdf on photos)', () => {
		it('accepts wildcard matches and exact matches', async () => {
			expect(
				(
					await photos().upload(`${alice.id}/pic.webp`, new Uint8Array(10), {
						contentType: 'image/webp'
					})
				).error
			).toBeNull();
			expect(
				(
					await photos().upload(`${alice.id}/doc.pdf`, new Uint8Array(10), {
						contentType: 'application/pdf'
					})
				).error
			).toBeNull();
		});

		it('refuses other types with InvalidMimeType (415 in statusCode)', async () => {
			const { error } = await photos().upload(`${alice.id}/notes.txt`, 'hello', {
				contentType: 'text/plain'
			});
			expect(error).toMatchObject({
				statusCode: '415',
				status: 400,
				code: 'InvalidMimeType',
				message: 'mime type text/plain is not supported'
			});
		});

		it('checks the type of a multipart file part too', async () => {
			const blob = new Blob(['<svg/>'], { type: 'text/html' });
			expect((await photos().upload(`${alice.id}/page.html`, blob)).error).toMatchObject({
				code: 'InvalidMimeType',
				message: 'mime type text/html is not supported'
			});
		});

		it('keeps the storage-js default text/plain;charset=UTF-8 as the type checked', async () => {
			expect((await photos().upload(`${alice.id}/default.txt`, 'x')).error).toMatchObject({
				message: 'mime type text/plain;charset=UTF-8 is not supported'
			});
		});

		it('refuses a malformed Content-Type header', async () => {
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/photos/${alice.id}/x.png`,
				{
					method: 'POST',
					headers: {
						apikey: stack.fixture.anonKey,
						Authorization: `Bearer ${alice.token}`,
						'Content-Type': 'thisisnotarealmimetype'
					},
					body: 'x'
				}
			);
			expect(await response.json()).toEqual({
				statusCode: '415',
				code: 'InvalidMimeType',
				error: 'invalid_mime_type',
				message: 'Invalid Content-Type header'
			});
		});

		it('lets Studio folder placeholders through, empty only', async () => {
			const placeholder = `${alice.id}/album/.emptyFolderPlaceholder`;
			expect(
				(await photos().upload(placeholder, new Uint8Array(0), { contentType: 'text/plain' })).error
			).toBeNull();
			expect(
				(
					await photos().upload(`${alice.id}/other/.emptyFolderPlaceholder`, new Uint8Array(1), {
						contentType: 'text/plain'
					})
				).error
			).toMatchObject(tooLarge);
		});
	});

	describe('object keys', () => {
		const headers = () => ({
			apikey: stack.fixture.anonKey,
			Authorization: `Bearer ${alice.token}`,
			'Content-Type': 'text/plain'
		});

		it('refuses non-ASCII names such as résumé.pdf exactly as Supabase does', async () => {
			const path = `${alice.id}/résumé.pdf`;
			const { error } = await alice.client.storage
				.from('documents')
				.upload(path, 'cv', { contentType: 'application/pdf' });
			expect(error).toMatchObject({
				statusCode: '400',
				status: 400,
				code: 'InvalidKey',
				message: `Invalid key: ${path}`
			});
		});

		it('accepts the punctuation Supabase accepts', async () => {
			const path = `${alice.id}/it's (final) & signed=ok@2024;v1+2,3!*$.txt`;
			const { error } = await alice.client.storage
				.from('documents')
				.upload(path, 'ok', { contentType: 'text/plain' });
			expect(error).toBeNull();
			const { data } = await alice.client.storage.from('documents').download(path);
			expect(await data!.text()).toBe('ok');
		});

		it('refuses traversal hidden behind encoded slashes, absolute keys, empty segments and control characters', async () => {
			for (const key of [
				`${alice.id}/..%2F..%2F..%2Fescape.txt`,
				`..%2F..%2Fescape.txt`,
				`%2Fetc%2Fpasswd`,
				`${alice.id}//double.txt`,
				`${alice.id}/trailing/`,
				`${alice.id}/new%0Aline.txt`,
				`${alice.id}/nul%00.txt`,
				`${alice.id}/back%5Cslash.txt`
			]) {
				const response = await rawRequest(stack.fixture.apiUrl, {
					method: 'POST',
					path: `/storage/v1/object/documents/${key}`,
					headers: headers(),
					body: 'x'
				});
				expect(response.status, key).toBe(400);
				expect(response.body, key).toMatchObject({ statusCode: '400', code: 'InvalidKey' });
			}
		});

		it('never resolves literal dot segments below the bucket (the URL is normalised first)', async () => {
			const response = await rawRequest(stack.fixture.apiUrl, {
				method: 'POST',
				path: `/storage/v1/object/documents/${alice.id}/../../../escape.txt`,
				headers: headers(),
				body: 'x'
			});
			expect(response.status).not.toBe(200);
		});

		it('refuses traversal in the keys and buckets of JSON bodies', async () => {
			const docs = alice.client.storage.from('documents');
			await docs.upload(`${alice.id}/source.txt`, 'x', { contentType: 'text/plain' });
			expect(
				(await docs.move(`${alice.id}/source.txt`, `${alice.id}/../../escape.txt`)).error
			).toMatchObject({
				code: 'InvalidKey'
			});
			expect((await docs.copy(`${alice.id}/source.txt`, `../escape.txt`)).error).toMatchObject({
				code: 'InvalidKey'
			});
			expect(
				(
					await docs.copy(`${alice.id}/source.txt`, `${alice.id}/x.txt`, {
						destinationBucket: '..'
					})
				).error
			).toMatchObject({ code: 'InvalidBucketName' });
			expect((await stack.service.storage.createBucket('..')).error).toMatchObject({
				code: 'InvalidBucketName'
			});
		});

		it('has written nothing outside the bucket folders', async () => {
			expect(existsSync(join(stack.storageDir, 'escape.txt'))).toBe(false);
			expect(existsSync(join(stack.fixture.dataDir, 'escape.txt'))).toBe(false);
			const { rows } = await stack.db.query(
				`select bucket_id, name from storage.objects where name like '%escape%' or name like '%passwd%'`
			);
			expect(rows).toEqual([]);
		});
	});
});
