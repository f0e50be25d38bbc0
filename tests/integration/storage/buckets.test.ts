import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { removeDataDir, startStack } from '../support/start-stack.ts';
import { FIXTURE_DIR, startStorageStack } from './storage-stack.ts';
import type { StorageStack } from './storage-stack.ts';

describe('buckets', () => {
	let stack: StorageStack;
	const buckets = () => stack.service.storage;

	beforeAll(async () => {
		stack = await startStorageStack();
	});
	afterAll(async () => {
		await stack?.close();
	});

	describe('declared in config.toml', () => {
		it('are created on start with their public flag, size limit and MIME types', async () => {
			const { data } = await buckets().listBuckets();
			const byId = Object.fromEntries(data!.map((bucket) => [bucket.id, bucket]));
			expect(byId.documents).toMatchObject({
				public: false,
				file_size_limit: null,
				allowed_mime_types: null
			});
			expect(byId['public-assets']).toMatchObject({ public: true });
			expect(byId.photos).toMatchObject({
				id: 'photos',
				name: 'photos',
				owner: '',
				public: false,
				type: 'STANDARD',
				file_size_limit: 100_000,
				allowed_mime_types: ['image/*', 'application/pdf']
			});
			expect(byId.photos.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		});

		it('get the files of objects_path uploaded, with a sniffed type and max-age=3600', async () => {
			const rows = await stack.rows('public-assets');
			expect(
				rows.map((row) => [row.name, row.metadata?.mimetype, row.metadata?.cacheControl])
			).toEqual([
				['docs/readme.txt', 'text/plain; charset=utf-8', 'max-age=3600'],
				['logo.png', 'image/png', 'max-age=3600']
			]);
			const url = buckets().from('public-assets').getPublicUrl('docs/readme.txt').data.publicUrl;
			const response = await fetch(url);
			expect(response.status).toBe(200);
			expect(await response.text()).toBe(
				readFileSync(join(FIXTURE_DIR, 'objects/public-assets/docs/readme.txt'), 'utf8')
			);
		});
	});

	describe('managed by the service role', () => {
		it('creates a bucket with limits given as a size string and reads it back', async () => {
			const created = await buckets().createBucket('event-images', {
				public: true,
				fileSizeLimit: '2MB',
				allowedMimeTypes: ['image/png', 'image/jpeg']
			});
			expect(created).toEqual({ data: { name: 'event-images' }, error: null });
			const { data } = await buckets().getBucket('event-images');
			expect(data).toEqual({
				id: 'event-images',
				name: 'event-images',
				owner: '',
				public: true,
				file_size_limit: 2_000_000,
				allowed_mime_types: ['image/png', 'image/jpeg'],
				created_at: expect.any(String),
				updated_at: expect.any(String)
			});
		});

		it('updates public, the size limit (in bytes) and the MIME types', async () => {
			const { data, error } = await buckets().updateBucket('event-images', {
				public: false,
				fileSizeLimit: 1024,
				allowedMimeTypes: ['image/*']
			});
			expect(error).toBeNull();
			expect(data).toEqual({ message: 'Successfully updated' });
			const bucket = (await buckets().getBucket('event-images')).data!;
			expect(bucket).toMatchObject({
				public: false,
				file_size_limit: 1024,
				allowed_mime_types: ['image/*']
			});
		});

		it('refuses a duplicate, an invalid name, a limit above the global one and a bad MIME type', async () => {
			expect((await buckets().createBucket('event-images')).error).toMatchObject({
				statusCode: '409',
				code: 'BucketAlreadyExists',
				message: 'The resource already exists'
			});
			expect((await buckets().createBucket('événements')).error).toMatchObject({
				statusCode: '400',
				code: 'InvalidBucketName',
				message: 'Bucket name invalid'
			});
			expect(
				(await buckets().createBucket('huge', { public: false, fileSizeLimit: '1GB' })).error
			).toMatchObject({
				statusCode: '413',
				code: 'EntityTooLarge'
			});
			expect(
				(await buckets().createBucket('odd', { public: false, allowedMimeTypes: ['not a type'] }))
					.error
			).toMatchObject({
				statusCode: '415',
				code: 'InvalidMimeType',
				message: 'mime type not a type is not supported'
			});
		});

		it('refuses to delete a bucket that still holds objects, until it is emptied', async () => {
			const bucket = buckets().from('event-images');
			await bucket.upload('a.png', new Uint8Array([1]), { contentType: 'image/png' });
			await bucket.upload('nested/b.png', new Uint8Array([2]), { contentType: 'image/png' });
			expect((await buckets().deleteBucket('event-images')).error).toMatchObject({
				statusCode: '409',
				code: 'ResourceNotEmpty',
				message: 'The bucket you tried to delete is not empty'
			});
			const emptied = await buckets().emptyBucket('event-images');
			expect(emptied.error).toBeNull();
			expect(await stack.rows('event-images')).toEqual([]);
			expect(stack.files('event-images')).toEqual([]);
			expect(await buckets().deleteBucket('event-images')).toEqual({
				data: { message: 'Successfully deleted' },
				error: null
			});
			expect((await buckets().getBucket('event-images')).error).toMatchObject({
				statusCode: '404',
				code: 'NoSuchBucket',
				message: 'Bucket not found'
			});
		});

		it('answers NoSuchBucket for a bucket that does not exist', async () => {
			expect((await buckets().deleteBucket('nowhere')).error).toMatchObject({
				code: 'NoSuchBucket'
			});
			expect((await buckets().from('nowhere').upload('a.txt', 'x')).error).toMatchObject({
				code: 'NoSuchBucket'
			});
		});

		it('lists buckets with search, sort and paging', async () => {
			const search = await buckets().listBuckets({ search: 'ph' });
			expect(search.data!.map((bucket) => bucket.id)).toEqual(['photos']);
			const sorted = await buckets().listBuckets({ sortColumn: 'id', sortOrder: 'desc', limit: 2 });
			expect(sorted.data!.map((bucket) => bucket.id)).toEqual(['public-assets', 'photos']);
		});
	});

	describe('public and private', () => {
		it('serves public URLs of a public bucket without any key', async () => {
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/public/public-assets/logo.png`
			);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('image/png');
		});

		it('answers "Bucket not found" on the public URL of a private bucket', async () => {
			await buckets()
				.from('documents')
				.upload('service/visible.txt', 'x', { contentType: 'text/plain' });
			const url = buckets().from('documents').getPublicUrl('service/visible.txt').data.publicUrl;
			const response = await fetch(url);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				statusCode: '404',
				code: 'NoSuchBucket',
				error: 'Bucket not found',
				message: 'Bucket not found'
			});
		});

		it('follows the public flag when it changes', async () => {
			const url = buckets().from('documents').getPublicUrl('service/visible.txt').data.publicUrl;
			await buckets().updateBucket('documents', { public: true });
			expect((await fetch(url)).status).toBe(200);
			await buckets().updateBucket('documents', { public: false });
			expect((await fetch(url)).status).toBe(400);
		});

		it('lets anyone download from a public bucket through the regular object URL too', async () => {
			const { data, error } = await stack.anon.storage
				.from('public-assets')
				.download('docs/readme.txt');
			expect(error).toBeNull();
			expect(await data!.text()).toContain('objects_path');
		});
	});

	describe('the API surface', () => {
		it('refuses protocols the local stack does not implement, storage-style', async () => {
			for (const [method, path] of [
				['POST', '/upload/resumable'],
				['PATCH', '/upload/resumable/some-id'],
				['GET', '/s3/documents/a.txt'],
				['GET', '/render/image/public/public-assets/logo.png'],
				['GET', '/iceberg/v1/config'],
				['POST', '/vector/ListVectorBuckets']
			]) {
				const response = await fetch(`${stack.fixture.apiUrl}/storage/v1${path}`, {
					method,
					headers: { apikey: stack.fixture.anonKey }
				});
				expect(response.status, path).toBe(403);
				expect(await response.json(), path).toMatchObject({
					statusCode: '403',
					code: 'FeatureNotEnabled',
					error: 'FeatureNotEnabled'
				});
			}
		});

		it('refuses object versioning and lifecycle rules instead of ignoring them', async () => {
			const refused = { statusCode: '403', code: 'FeatureNotEnabled' };
			expect(
				(await buckets().createBucket('versioned', { public: false, versioningStatus: 'ENABLED' }))
					.error
			).toMatchObject(refused);
			expect(
				(await buckets().updateBucket('photos', { public: false, versioningStatus: 'ENABLED' }))
					.error
			).toMatchObject(refused);
			const assets = buckets().from('public-assets');
			expect((await assets.info('logo.png', { versionId: 'v1' })).error).toMatchObject(refused);
			expect(
				(await assets.createSignedUrl('logo.png', 60, { versionId: 'v1' })).error
			).toMatchObject(refused);
			expect((await buckets().getBucketLifecycle('photos')).error).toMatchObject(refused);
		});

		it('refuses image transformation on signed URLs instead of ignoring it', async () => {
			const { error } = await buckets()
				.from('public-assets')
				.createSignedUrl('logo.png', 60, { transform: { width: 10 } });
			expect(error).toMatchObject({ statusCode: '403', code: 'FeatureNotEnabled' });
		});

		it('answers unknown routes with a storage-shaped 404', async () => {
			const response = await fetch(`${stack.fixture.apiUrl}/storage/v1/nothing/here`, {
				headers: { apikey: stack.fixture.anonKey }
			});
			expect(response.status).toBe(404);
			expect(await response.json()).toEqual({
				statusCode: '404',
				code: 'InvalidRequest',
				error: 'Not Found',
				message: 'Route GET:/nothing/here not found'
			});
		});

		it('requires an Authorization header on authenticated routes', async () => {
			const response = await fetch(`${stack.fixture.apiUrl}/storage/v1/bucket`);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				statusCode: '400',
				code: 'InvalidRequest',
				error: 'Error',
				message: "headers must have required property 'authorization'"
			});
		});

		it('validates request bodies with Fastify-like messages', async () => {
			const response = await fetch(`${stack.fixture.apiUrl}/storage/v1/object/list/documents`, {
				method: 'POST',
				headers: {
					apikey: stack.fixture.serviceRoleKey,
					Authorization: `Bearer ${stack.fixture.serviceRoleKey}`,
					'Content-Type': 'application/json'
				},
				body: JSON.stringify({ limit: 0 })
			});
			expect(await response.json()).toEqual({
				statusCode: '400',
				code: 'InvalidRequest',
				error: 'Error',
				message: "body must have required property 'prefix'"
			});
		});
	});
});

describe('config.toml buckets across restarts', () => {
	let project: string;
	let dataDir: string;

	beforeAll(() => {
		project = mkdtempSync(join(tmpdir(), 'storage-project-'));
		dataDir = mkdtempSync(join(tmpdir(), 'storage-data-'));
		cpSync(FIXTURE_DIR, project, { recursive: true });
	});
	afterAll(() => {
		rmSync(project, { recursive: true, force: true });
		removeDataDir(dataDir);
	});

	it('updates an existing bucket and re-uploads objects_path on the next start, like the CLI', async () => {
		const first = await startStack({ workdir: project, dataDir, fresh: true });
		try {
			const db = await connectDb(first.dbUrl);
			const before = (await db.query(`select version from storage.objects where name = 'logo.png'`))
				.rows[0];
			await db.end();
			expect(before.version).toBeTruthy();
		} finally {
			await first.stop();
		}

		const config = readFileSync(join(project, 'config.toml'), 'utf8')
			.replace(
				'[storage.buckets.photos]\npublic = false',
				'[storage.buckets.photos]\npublic = true'
			)
			.replace('file_size_limit = "100KB"', 'file_size_limit = "200KB"');
		writeFileSync(join(project, 'config.toml'), config);
		writeFileSync(join(project, 'objects/public-assets/added.txt'), 'added later\n');

		const second = await startStack({ workdir: project, dataDir });
		try {
			const db = await connectDb(second.dbUrl);
			const photos = (
				await db.query(`select public, file_size_limit from storage.buckets where id = 'photos'`)
			).rows[0];
			expect(photos).toEqual({ public: true, file_size_limit: '200000' });
			const names = (
				await db.query(
					`select name from storage.objects where bucket_id = 'public-assets' order by name`
				)
			).rows.map((row) => row.name);
			expect(names).toEqual(['added.txt', 'docs/readme.txt', 'logo.png']);
			await db.end();
			const text = await (
				await fetch(`${second.apiUrl}/storage/v1/object/public/public-assets/added.txt`)
			).text();
			expect(text).toBe('added later\n');
		} finally {
			await second.stop();
		}
	});
});
