import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startStack } from '../support/start-stack.ts';
import { consistency, FIXTURE_DIR, startStorageStack } from './storage-stack.ts';
import type { Member, StorageStack } from './storage-stack.ts';

/** Polls until `check` holds (the server notices a cut connection asynchronously). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
	for (let attempt = 0; attempt < 200; attempt++) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`never happened: ${what}`);
}

/** Starts an upload that announces `declared` bytes; the caller writes part of it and cuts it. */
function startUpload(
	stack: StorageStack,
	member: Member,
	path: string,
	headers: Record<string, string>
): ClientRequest {
	const { hostname, port } = new URL(stack.fixture.apiUrl);
	const req = request({
		host: hostname,
		port,
		method: 'POST',
		path: `/storage/v1/object/documents/${path}`,
		headers: { apikey: stack.fixture.anonKey, Authorization: `Bearer ${member.token}`, ...headers }
	});
	req.on('error', () => undefined);
	return req;
}

describe('integrity of stored objects', () => {
	let stack: StorageStack;
	let alice: Member;
	const docs = () => alice.client.storage.from('documents');
	const auth = () => ({ apikey: stack.fixture.anonKey, Authorization: `Bearer ${alice.token}` });

	beforeAll(async () => {
		stack = await startStorageStack();
		alice = stack.member();
	});
	afterAll(async () => {
		await stack?.close();
	});

	describe('an upload cut off mid-body', () => {
		it('leaves neither a partial file nor a row (raw body)', async () => {
			const path = `${alice.id}/aborted/raw.bin`;
			const req = startUpload(stack, alice, path, {
				'Content-Type': 'application/octet-stream',
				'Content-Length': String(5_000_000)
			});
			req.write(Buffer.alloc(1_000_000, 7));
			await eventually(() => stack.pendingUploads().length === 1, 'the upload is being written');
			req.destroy();
			await eventually(() => stack.pendingUploads().length === 0, 'the partial file is removed');
			expect(await stack.rows('documents', `${alice.id}/aborted/`)).toEqual([]);
			expect(stack.files('documents').filter((file) => file.includes('/aborted/'))).toEqual([]);
		});

		it('leaves neither a partial file nor a row (multipart body)', async () => {
			const path = `${alice.id}/aborted/form.bin`;
			const boundary = '----storage-test-boundary';
			const req = startUpload(stack, alice, path, {
				'Content-Type': `multipart/form-data; boundary=${boundary}`,
				'Content-Length': String(5_000_000)
			});
			req.write(
				`--${boundary}\r\nContent-Disposition: form-data; name="cacheControl"\r\n\r\n3600\r\n` +
					`--${boundary}\r\nContent-Disposition: form-data; name=""; filename="blob"\r\n` +
					`Content-Type: application/octet-stream\r\n\r\n`
			);
			req.write(Buffer.alloc(1_000_000, 7));
			await eventually(() => stack.pendingUploads().length === 1, 'the upload is being written');
			req.destroy();
			await eventually(() => stack.pendingUploads().length === 0, 'the partial file is removed');
			expect(await stack.rows('documents', `${alice.id}/aborted/`)).toEqual([]);
		});

		it('does not disturb the object it would have replaced', async () => {
			const path = `${alice.id}/aborted/kept.txt`;
			await docs().upload(path, 'original', { contentType: 'text/plain' });
			const req = startUpload(stack, alice, path, {
				'Content-Type': 'text/plain',
				'Content-Length': String(2_000_000),
				'x-upsert': 'true'
			});
			req.write(Buffer.alloc(500_000, 65));
			await eventually(() => stack.pendingUploads().length === 1, 'the upload is being written');
			req.destroy();
			await eventually(() => stack.pendingUploads().length === 0, 'the partial file is removed');
			expect(await (await docs().download(path)).data!.text()).toBe('original');
		});
	});

	it('leaves nothing behind when the policies refuse an upload', async () => {
		const { error } = await docs().upload('someone-else/intrusion.txt', 'x'.repeat(10_000), {
			contentType: 'text/plain'
		});
		expect(error).toMatchObject({ code: 'AccessDenied' });
		expect(stack.pendingUploads()).toEqual([]);
		expect(await stack.rows('documents', 'someone-else/')).toEqual([]);
	});

	describe('Range requests', () => {
		const body = '0123456789abcdefghij';
		let url: string;

		beforeAll(async () => {
			const path = `${alice.id}/range.txt`;
			await docs().upload(path, body, { contentType: 'text/plain' });
			url = `${stack.fixture.apiUrl}/storage/v1/object/documents/${path}`;
		});

		it('answers 206 with Content-Range for a closed range', async () => {
			const response = await fetch(url, { headers: { ...auth(), Range: 'bytes=2-5' } });
			expect(response.status).toBe(206);
			expect(response.headers.get('content-range')).toBe('bytes 2-5/20');
			expect(response.headers.get('content-length')).toBe('4');
			expect(await response.text()).toBe('2345');
		});

		it('serves open-ended and suffix ranges', async () => {
			const open = await fetch(url, { headers: { ...auth(), Range: 'bytes=15-' } });
			expect(await open.text()).toBe('fghij');
			const suffix = await fetch(url, { headers: { ...auth(), Range: 'bytes=-3' } });
			expect(suffix.headers.get('content-range')).toBe('bytes 17-19/20');
			expect(await suffix.text()).toBe('hij');
		});

		it('refuses an unsatisfiable range with HTTP 416', async () => {
			const response = await fetch(url, { headers: { ...auth(), Range: 'bytes=50-60' } });
			expect(response.status).toBe(416);
			expect(await response.json()).toEqual({
				statusCode: '416',
				code: 'InvalidRange',
				error: 'invalid_range',
				message: 'invalid range provided'
			});
		});

		it('works on public URLs too', async () => {
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/public/public-assets/docs/readme.txt`,
				{ headers: { Range: 'bytes=0-8' } }
			);
			expect(response.status).toBe(206);
			expect(await response.text()).toBe('Bienvenue');
		});
	});

	describe('conditional and metadata-only requests', () => {
		it('answers 304 when If-None-Match matches the ETag', async () => {
			const path = `${alice.id}/etag.txt`;
			await docs().upload(path, 'cache me', { contentType: 'text/plain' });
			const url = `${stack.fixture.apiUrl}/storage/v1/object/documents/${path}`;
			const first = await fetch(url, { headers: auth() });
			const etag = first.headers.get('etag')!;
			await first.arrayBuffer();
			const second = await fetch(url, { headers: { ...auth(), 'If-None-Match': etag } });
			expect(second.status).toBe(304);
		});

		it('answers HEAD with the headers of the object and no body', async () => {
			const path = `${alice.id}/head.txt`;
			await docs().upload(path, 'twelve bytes', { contentType: 'text/plain', cacheControl: '10' });
			const response = await fetch(`${stack.fixture.apiUrl}/storage/v1/object/documents/${path}`, {
				method: 'HEAD',
				headers: auth()
			});
			expect(response.status).toBe(200);
			expect(response.headers.get('content-length')).toBe('12');
			expect(response.headers.get('content-type')).toBe('text/plain');
			expect(response.headers.get('cache-control')).toBe('max-age=10');
			expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
			expect(await response.text()).toBe('');
		});

		it('serves HTML as text/plain so a storage origin never renders it', async () => {
			const path = `${alice.id}/page.html`;
			await docs().upload(path, '<script>alert(1)</script>', { contentType: 'text/html' });
			const response = await fetch(`${stack.fixture.apiUrl}/storage/v1/object/documents/${path}`, {
				headers: auth()
			});
			expect(response.headers.get('content-type')).toBe('text/plain');
		});
	});

	it('keeps one row and one file when the same key is upserted concurrently', async () => {
		const path = `${alice.id}/race.txt`;
		const results = await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				docs().upload(path, `writer ${i}`, { contentType: 'text/plain', upsert: true })
			)
		);
		expect(results.every((result) => result.error === null)).toBe(true);
		const rows = await stack.rows('documents', path);
		expect(rows).toHaveLength(1);
		expect(stack.files('documents').filter((file) => file.startsWith(`${path}#`))).toHaveLength(1);
		expect(await (await docs().download(path)).data!.text()).toMatch(/^writer \d$/);
	});

	it('lets exactly one of concurrent creations of a key win', async () => {
		const path = `${alice.id}/first-wins.txt`;
		const results = await Promise.all(
			Array.from({ length: 4 }, (_, i) =>
				docs().upload(path, `creator ${i}`, { contentType: 'text/plain' })
			)
		);
		expect(results.filter((result) => result.error === null)).toHaveLength(1);
		for (const result of results.filter((r) => r.error))
			expect(result.error).toMatchObject({ code: 'KeyAlreadyExists' });
	});

	it('ends with every row naming a file of the right size and md5, and no stray file', async () => {
		for (const bucket of ['documents', 'public-assets']) {
			const report = await consistency(stack, bucket);
			expect(report.problems, bucket).toEqual([]);
		}
		expect(stack.pendingUploads()).toEqual([]);
	});
});

describe('files left behind by a crash', () => {
	it('are removed on the next start when no row names them, and named files are kept', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'storage-sweep-'));
		try {
			const first = await startStack({ workdir: FIXTURE_DIR, dataDir, fresh: true });
			const keyHeaders = {
				apikey: first.serviceRoleKey,
				Authorization: `Bearer ${first.serviceRoleKey}`
			};
			const kept = `${first.apiUrl}/storage/v1/object/documents/kept/file.txt`;
			const upload = await fetch(kept, {
				method: 'POST',
				headers: { ...keyHeaders, 'Content-Type': 'text/plain' },
				body: 'still here'
			});
			expect(upload.status).toBe(200);
			await first.stop();
			const folder = join(dataDir, 'storage', 'documents', 'ghost');
			mkdirSync(folder, { recursive: true });
			const orphan = join(folder, `lost.txt#${randomUUID()}`);
			writeFileSync(orphan, 'nobody names me');

			const second = await startStack({ workdir: FIXTURE_DIR, dataDir });
			try {
				expect(existsSync(orphan)).toBe(false);
				expect(existsSync(folder)).toBe(false);
				const download = await fetch(kept.replace(first.apiUrl, second.apiUrl), {
					headers: keyHeaders
				});
				expect(await download.text()).toBe('still here');
			} finally {
				await second.stop();
			}
		} finally {
			removeDataDir(dataDir);
		}
	});
});
