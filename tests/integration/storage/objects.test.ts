import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consistency, startStorageStack, storedFile } from './storage-stack.ts';
import type { Member, StorageStack } from './storage-stack.ts';

const md5 = (data: string | Uint8Array) => `"${createHash('md5').update(data).digest('hex')}"`;

describe('objects through supabase-js', () => {
	let stack: StorageStack;
	let alice: Member;
	const docs = () => alice.client.storage.from('documents');

	beforeAll(async () => {
		stack = await startStorageStack();
		alice = stack.member();
	});
	afterAll(async () => {
		await stack?.close();
	});

	describe('upload and download', () => {
		it('stores a raw body and gives the same bytes back', async () => {
			const path = `${alice.id}/notes/hello.txt`;
			const { data, error } = await docs().upload(path, 'Bonjour le monde', {
				contentType: 'text/plain'
			});
			expect(error).toBeNull();
			expect(data).toEqual({ path, id: expect.any(String), fullPath: `documents/${path}` });

			const download = await docs().download(path);
			expect(download.error).toBeNull();
			expect(await download.data!.text()).toBe('Bonjour le monde');
		});

		it('writes the metadata row exactly as Storage does, owned by the uploader', async () => {
			const path = `${alice.id}/notes/meta.txt`;
			await docs().upload(path, 'abc', { contentType: 'text/plain', cacheControl: '60' });
			const [row] = await stack.rows('documents', path);
			expect(row.owner_id).toBe(alice.id);
			expect(Object.keys(row.metadata!).sort()).toEqual(
				[
					'cacheControl',
					'contentLength',
					'eTag',
					'httpStatusCode',
					'lastModified',
					'mimetype',
					'size'
				].sort()
			);
			expect(row.metadata).toMatchObject({
				eTag: md5('abc'),
				size: 3,
				contentLength: 3,
				mimetype: 'text/plain',
				cacheControl: 'max-age=60',
				httpStatusCode: 200
			});
			expect(new Date(row.metadata!.lastModified as string).getTime()).not.toBeNaN();
			const bytes = readFileSync(join(stack.storageDir, 'documents', storedFile(row)), 'utf8');
			expect(bytes).toBe('abc');
		});

		it('takes type, cache control and metadata from the form fields of a multipart upload', async () => {
			const path = `${alice.id}/reports/q1.pdf`;
			const blob = new Blob(['%PDF-1.7 fake'], { type: 'application/pdf' });
			const { error } = await docs().upload(path, blob, {
				cacheControl: '120',
				metadata: { source: 'multipart' }
			});
			expect(error).toBeNull();
			const [row] = await stack.rows('documents', path);
			expect(row.metadata).toMatchObject({
				mimetype: 'application/pdf',
				cacheControl: 'max-age=120',
				size: 13
			});
			expect(row.user_metadata).toEqual({ source: 'multipart' });
		});

		it('takes type, cache control and x-metadata from the headers of a raw upload', async () => {
			const path = `${alice.id}/reports/q2.bin`;
			const { error } = await docs().upload(path, new Uint8Array([0, 1, 2, 3]), {
				contentType: 'application/octet-stream',
				cacheControl: '30',
				metadata: { source: 'raw' }
			});
			expect(error).toBeNull();
			const [row] = await stack.rows('documents', path);
			expect(row.metadata).toMatchObject({
				mimetype: 'application/octet-stream',
				cacheControl: 'max-age=30',
				size: 4
			});
			expect(row.user_metadata).toEqual({ source: 'raw' });
		});

		it('streams a Node readable body', async () => {
			const path = `${alice.id}/streams/chunks.txt`;
			const { error } = await docs().upload(path, Readable.from(['part one, ', 'part two']), {
				contentType: 'text/plain',
				duplex: 'half'
			});
			expect(error).toBeNull();
			const { data } = await docs().download(path);
			expect(await data!.text()).toBe('part one, part two');
		});

		it('refuses a second upload to the same key without upsert and keeps the first content', async () => {
			const path = `${alice.id}/dup.txt`;
			await docs().upload(path, 'first', { contentType: 'text/plain' });
			const { error } = await docs().upload(path, 'second', { contentType: 'text/plain' });
			expect(error).toMatchObject({
				message: 'The resource already exists',
				statusCode: '409',
				status: 400,
				code: 'KeyAlreadyExists'
			});
			expect(await (await docs().download(path)).data!.text()).toBe('first');
		});

		it('replaces the content with upsert, keeping one row and one file', async () => {
			const path = `${alice.id}/upsert.txt`;
			await docs().upload(path, 'v1', { contentType: 'text/plain' });
			const [before] = await stack.rows('documents', path);
			const { error } = await docs().upload(path, 'version two', {
				contentType: 'text/plain',
				upsert: true
			});
			expect(error).toBeNull();
			const rows = await stack.rows('documents', path);
			expect(rows).toHaveLength(1);
			expect(rows[0].version).not.toBe(before.version);
			expect(stack.files('documents').filter((file) => file.startsWith(`${path}#`))).toEqual([
				storedFile(rows[0])
			]);
			expect(await (await docs().download(path)).data!.text()).toBe('version two');
		});

		it('overwrites an object with update()', async () => {
			const path = `${alice.id}/update.txt`;
			await docs().upload(path, 'old', { contentType: 'text/plain' });
			const { data, error } = await docs().update(path, 'new content', {
				contentType: 'text/plain'
			});
			expect(error).toBeNull();
			expect(data?.path).toBe(path);
			expect(await (await docs().download(path)).data!.text()).toBe('new content');
		});
	});

	describe('download headers', () => {
		it('answers ETag, Last-Modified, Cache-Control, Content-Length and Content-Type', async () => {
			const path = `${alice.id}/headers.txt`;
			await docs().upload(path, 'header check', { contentType: 'text/plain', cacheControl: '90' });
			const response = await fetch(`${stack.fixture.apiUrl}/storage/v1/object/documents/${path}`, {
				headers: { apikey: stack.fixture.anonKey, Authorization: `Bearer ${alice.token}` }
			});
			expect(response.status).toBe(200);
			expect(response.headers.get('etag')).toBe(md5('header check'));
			expect(response.headers.get('cache-control')).toBe('max-age=90');
			expect(response.headers.get('content-length')).toBe('12');
			expect(response.headers.get('content-type')).toBe('text/plain');
			expect(response.headers.get('accept-ranges')).toBe('bytes');
			expect(new Date(response.headers.get('last-modified')!).getTime()).not.toBeNaN();
			expect(await response.text()).toBe('header check');
		});

		it('sets Content-Disposition for ?download and ?download=name', async () => {
			const path = `${alice.id}/attachment.txt`;
			await docs().upload(path, 'x', { contentType: 'text/plain' });
			const url = `${stack.fixture.apiUrl}/storage/v1/object/authenticated/documents/${path}`;
			const headers = { apikey: stack.fixture.anonKey, Authorization: `Bearer ${alice.token}` };
			const plain = await fetch(`${url}?download`, { headers });
			expect(plain.headers.get('content-disposition')).toBe('attachment;');
			const named = await fetch(`${url}?download=rapport final.txt`, { headers });
			expect(named.headers.get('content-disposition')).toBe(
				"attachment; filename=rapport%20final.txt; filename*=UTF-8''rapport%20final.txt"
			);
		});
	});

	describe('listing, info and exists', () => {
		it('lists one folder level, folders first-class with a null id', async () => {
			const base = `${alice.id}/tree`;
			for (const name of ['b.txt', 'a.txt', 'sub/c.txt'])
				await docs().upload(`${base}/${name}`, name, { contentType: 'text/plain' });
			const { data, error } = await docs().list(base);
			expect(error).toBeNull();
			expect(data!.map((entry) => [entry.name, entry.id === null])).toEqual([
				['a.txt', false],
				['b.txt', false],
				['sub', true]
			]);
			const file = data!.find((entry) => entry.name === 'a.txt')!;
			expect(file.metadata).toMatchObject({ size: 5, mimetype: 'text/plain' });
			expect(file.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			const folder = data!.find((entry) => entry.name === 'sub')!;
			expect(folder.metadata).toBeNull();
		});

		it('pages, sorts and searches', async () => {
			const base = `${alice.id}/tree`;
			const page = await docs().list(base, { limit: 1, offset: 1 });
			expect(page.data!.map((entry) => entry.name)).toEqual(['b.txt']);
			const desc = await docs().list(base, { sortBy: { column: 'name', order: 'desc' } });
			expect(desc.data!.map((entry) => entry.name)).toEqual(['sub', 'b.txt', 'a.txt']);
			const search = await docs().list(base, { search: 'b' });
			expect(search.data!.map((entry) => entry.name)).toEqual(['b.txt']);
		});

		it('describes an object with info() and tells whether it exists', async () => {
			const path = `${alice.id}/info.txt`;
			await docs().upload(path, 'info!', { contentType: 'text/plain', metadata: { k: 'v' } });
			const { data, error } = await docs().info(path);
			expect(error).toBeNull();
			expect(data).toMatchObject({
				name: path,
				bucketId: 'documents',
				size: 5,
				contentType: 'text/plain',
				cacheControl: 'max-age=3600',
				etag: md5('info!'),
				metadata: { k: 'v' }
			});
			expect((await docs().exists(path)).data).toBe(true);
			expect((await docs().exists(`${alice.id}/nope.txt`)).data).toBe(false);
		});
	});

	describe('move, copy and remove', () => {
		it('moves an object: same row under the new name, file renamed on disk', async () => {
			const from = `${alice.id}/move/from.txt`;
			const to = `${alice.id}/move/sub/to.txt`;
			await docs().upload(from, 'moving', { contentType: 'text/plain' });
			const idOf = async (name: string) =>
				(
					await stack.db.query(
						'select id from storage.objects where bucket_id = $1 and name = $2',
						['documents', name]
					)
				).rows[0]?.id;
			const id = await idOf(from);
			const { data, error } = await docs().move(from, to);
			expect(error).toBeNull();
			expect(data).toEqual({ message: 'Successfully moved' });
			expect(await idOf(from)).toBeUndefined();
			expect(await idOf(to)).toBe(id);
			const [row] = await stack.rows('documents', to);
			expect(stack.files('documents')).toContain(storedFile(row));
			expect(stack.files('documents').some((file) => file.startsWith(`${from}#`))).toBe(false);
			expect(await (await docs().download(to)).data!.text()).toBe('moving');
		});

		it('moves an object to another bucket', async () => {
			const path = `${alice.id}/cross.txt`;
			await docs().upload(path, 'cross bucket', { contentType: 'text/plain' });
			const { error } = await docs().move(path, path, { destinationBucket: 'archive' });
			expect(error).toBeNull();
			expect(await stack.rows('documents', path)).toEqual([]);
			const archived = alice.client.storage.from('archive');
			expect(await (await archived.download(path)).data!.text()).toBe('cross bucket');
		});

		it('refuses to move onto an existing key', async () => {
			await docs().upload(`${alice.id}/m1.txt`, '1', { contentType: 'text/plain' });
			await docs().upload(`${alice.id}/m2.txt`, '2', { contentType: 'text/plain' });
			const { error } = await docs().move(`${alice.id}/m1.txt`, `${alice.id}/m2.txt`);
			expect(error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
			expect(await (await docs().download(`${alice.id}/m1.txt`)).data!.text()).toBe('1');
		});

		it('copies an object into an independent new file, in the same or another bucket', async () => {
			const source = `${alice.id}/copy/source.txt`;
			await docs().upload(source, 'copied bytes', {
				contentType: 'text/plain',
				metadata: { origin: 'source' }
			});
			const same = await docs().copy(source, `${alice.id}/copy/dest.txt`);
			expect(same.error).toBeNull();
			expect(same.data).toEqual({ path: `documents/${alice.id}/copy/dest.txt` });
			const other = await docs().copy(source, `${alice.id}/copy/dest.txt`, {
				destinationBucket: 'archive'
			});
			expect(other.error).toBeNull();

			const [src] = await stack.rows('documents', source);
			const [dst] = await stack.rows('documents', `${alice.id}/copy/dest.txt`);
			expect(dst.version).not.toBe(src.version);
			expect(dst.metadata).toMatchObject({ eTag: src.metadata!.eTag, mimetype: 'text/plain' });
			expect(dst.user_metadata).toEqual({ origin: 'source' });
			await docs().remove([source]);
			expect(await (await docs().download(`${alice.id}/copy/dest.txt`)).data!.text()).toBe(
				'copied bytes'
			);
			expect(
				await (
					await alice.client.storage.from('archive').download(`${alice.id}/copy/dest.txt`)
				).data!.text()
			).toBe('copied bytes');
		});

		it('removes several objects at once and returns the deleted rows', async () => {
			const paths = [`${alice.id}/bin/1.txt`, `${alice.id}/bin/2.txt`];
			for (const path of paths) await docs().upload(path, path, { contentType: 'text/plain' });
			const { data, error } = await docs().remove([...paths, `${alice.id}/bin/missing.txt`]);
			expect(error).toBeNull();
			expect(data!.map((row) => row.name).sort()).toEqual(paths);
			expect(data![0]).toMatchObject({
				bucket_id: 'documents',
				owner_id: alice.id,
				metadata: { mimetype: 'text/plain' }
			});
			expect(await stack.rows('documents', `${alice.id}/bin/`)).toEqual([]);
			expect(stack.files('documents').some((file) => file.startsWith(`${alice.id}/bin/`))).toBe(
				false
			);
		});

		it('deletes one object with DELETE /object/{bucket}/{key}', async () => {
			const path = `${alice.id}/single-delete.txt`;
			await docs().upload(path, 'x', { contentType: 'text/plain' });
			const url = `${stack.fixture.apiUrl}/storage/v1/object/documents/${path}`;
			const headers = { apikey: stack.fixture.anonKey, Authorization: `Bearer ${alice.token}` };
			const response = await fetch(url, { method: 'DELETE', headers });
			expect(await response.json()).toEqual({ message: 'Successfully deleted' });
			const again = await fetch(url, { method: 'DELETE', headers });
			expect(again.status).toBe(400);
			expect(await again.json()).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
		});
	});

	it('leaves every bucket with rows and files that match one to one', async () => {
		for (const bucket of ['documents', 'archive', 'public-assets']) {
			const report = await consistency(stack, bucket);
			expect(report.problems, bucket).toEqual([]);
			expect(report.rows).toBe(report.files);
		}
		expect(stack.pendingUploads()).toEqual([]);
	});
});
