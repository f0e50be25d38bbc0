import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, userToken } from '../support/jwt.ts';
import { startStorageStack } from './storage-stack.ts';
import type { Member, StorageStack } from './storage-stack.ts';

// The fixture's policies let a member read, write and delete only below `<their id>/` in the
// private buckets; Storage must run every operation as the caller so Postgres decides.
describe('authorisation of storage operations by RLS', () => {
	let stack: StorageStack;
	let alice: Member;
	let bob: Member;
	let alicePath: string;

	const accessDenied = {
		message: 'new row violates row-level security policy',
		statusCode: '403',
		status: 400,
		code: 'AccessDenied'
	};
	const notFound = {
		message: 'Object not found',
		statusCode: '404',
		status: 400,
		code: 'NoSuchKey'
	};

	beforeAll(async () => {
		stack = await startStorageStack();
		alice = stack.member();
		bob = stack.member();
		alicePath = `${alice.id}/private/contract.pdf`;
		const { error } = await alice.client.storage
			.from('documents')
			.upload(alicePath, '%PDF alice only', { contentType: 'application/pdf' });
		expect(error).toBeNull();
	});
	afterAll(async () => {
		await stack?.close();
	});

	describe('another member', () => {
		const bobDocs = () => bob.client.storage.from('documents');

		it('cannot download a member file: it does not exist for them', async () => {
			const { data, error } = await bobDocs().download(alicePath);
			expect(data).toBeNull();
			expect(error).toMatchObject(notFound);
		});

		it('cannot read its info, sign it or list the folder', async () => {
			expect((await bobDocs().info(alicePath)).error).toMatchObject(notFound);
			expect((await bobDocs().exists(alicePath)).data).toBe(false);
			expect((await bobDocs().createSignedUrl(alicePath, 60)).error).toMatchObject(notFound);
			const batch = await bobDocs().createSignedUrls([alicePath], 60);
			expect(batch.data).toEqual([
				{
					error: 'Either the object does not exist or you do not have access to it',
					path: alicePath,
					signedURL: null,
					signedUrl: null
				}
			]);
			expect((await bobDocs().list(`${alice.id}/private`)).data).toEqual([]);
		});

		it('cannot overwrite a member file, neither by upsert nor by update', async () => {
			const upsert = await bobDocs().upload(alicePath, 'bob was here', {
				contentType: 'application/pdf',
				upsert: true
			});
			expect(upsert.error).toMatchObject(accessDenied);
			const update = await bobDocs().update(alicePath, 'bob was here', {
				contentType: 'application/pdf'
			});
			expect(update.error).toMatchObject(accessDenied);
			const { data } = await alice.client.storage.from('documents').download(alicePath);
			expect(await data!.text()).toBe('%PDF alice only');
		});

		it('cannot upload into a member folder', async () => {
			const { error } = await bobDocs().upload(`${alice.id}/intrusion.txt`, 'x', {
				contentType: 'text/plain'
			});
			expect(error).toMatchObject(accessDenied);
			expect(await stack.rows('documents', `${alice.id}/intrusion`)).toEqual([]);
		});

		it('cannot delete a member file: remove() skips it silently', async () => {
			const { data, error } = await bobDocs().remove([alicePath]);
			expect(error).toBeNull();
			expect(data).toEqual([]);
			expect(await stack.rows('documents', alicePath)).toHaveLength(1);
			expect(stack.files('documents').some((file) => file.startsWith(`${alicePath}#`))).toBe(true);
		});

		it('is refused when deleting a member file by its URL', async () => {
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/documents/${alicePath}`,
				{
					method: 'DELETE',
					headers: { apikey: stack.fixture.anonKey, Authorization: `Bearer ${bob.token}` }
				}
			);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				statusCode: '403',
				code: 'AccessDenied',
				error: 'Unauthorized',
				message: 'Access denied'
			});
		});

		it('cannot move or copy a member file', async () => {
			const move = await bobDocs().move(alicePath, `${bob.id}/stolen.pdf`);
			expect(move.error).toMatchObject(notFound);
			const copy = await bobDocs().copy(alicePath, `${bob.id}/stolen.pdf`);
			expect(copy.error).toMatchObject(notFound);
			expect(await stack.rows('documents', `${bob.id}/`)).toEqual([]);
		});

		it('cannot get a signed upload URL for a member folder', async () => {
			const { error } = await bobDocs().createSignedUploadUrl(`${alice.id}/planted.txt`);
			expect(error).toMatchObject(accessDenied);
		});
	});

	describe('the owner', () => {
		it('cannot move a file out of their own folder into someone else’s', async () => {
			const path = `${alice.id}/keep.txt`;
			await alice.client.storage
				.from('documents')
				.upload(path, 'mine', { contentType: 'text/plain' });
			const { error } = await alice.client.storage
				.from('documents')
				.move(path, `${bob.id}/gift.txt`);
			expect(error).toMatchObject(accessDenied);
			expect(await stack.rows('documents', path)).toHaveLength(1);
		});

		it('lists, reads and deletes their own files', async () => {
			const docs = alice.client.storage.from('documents');
			const listed = await docs.list(`${alice.id}/private`);
			expect(listed.data!.map((entry) => entry.name)).toEqual(['contract.pdf']);
			expect((await docs.download(alicePath)).error).toBeNull();
			await docs.upload(`${alice.id}/trash.txt`, 'bye', { contentType: 'text/plain' });
			const removed = await docs.remove([`${alice.id}/trash.txt`]);
			expect(removed.data!.map((row) => row.name)).toEqual([`${alice.id}/trash.txt`]);
		});
	});

	describe('an anonymous caller', () => {
		it('cannot read, list or upload in private buckets', async () => {
			const docs = stack.anon.storage.from('documents');
			expect((await docs.download(alicePath)).error).toMatchObject(notFound);
			expect((await docs.list(alice.id)).data).toEqual([]);
			expect(
				(await docs.upload('anon.txt', 'x', { contentType: 'text/plain' })).error
			).toMatchObject(accessDenied);
		});

		it('sees no bucket and cannot create one', async () => {
			expect((await stack.anon.storage.listBuckets()).data).toEqual([]);
			expect((await stack.anon.storage.createBucket('anon-bucket')).error).toMatchObject(
				accessDenied
			);
		});
	});

	describe('a member without bucket policies', () => {
		it('cannot create, update or delete buckets', async () => {
			const storage = alice.client.storage;
			expect((await storage.createBucket('mine')).error).toMatchObject(accessDenied);
			expect((await storage.updateBucket('documents', { public: true })).error).toMatchObject({
				code: 'NoSuchBucket',
				statusCode: '404'
			});
			expect((await storage.getBucket('documents')).error).toMatchObject({ code: 'NoSuchBucket' });
			expect((await storage.emptyBucket('documents')).error).toMatchObject({
				status: 403,
				statusCode: '403',
				code: 'AccessDenied',
				message: 'Access denied: Invalid role'
			});
		});
	});

	describe('a bucket with an INSERT policy only', () => {
		it('accepts uploads it will not give back, even to the uploader', async () => {
			const inbox = alice.client.storage.from('inbox');
			const { error } = await inbox.upload('drop/cv.pdf', '%PDF', {
				contentType: 'application/pdf'
			});
			expect(error).toBeNull();
			expect((await inbox.download('drop/cv.pdf')).error).toMatchObject(notFound);
			expect((await inbox.list('drop')).data).toEqual([]);
			expect(
				(
					await inbox.upload('drop/cv.pdf', 'again', {
						contentType: 'application/pdf',
						upsert: true
					})
				).error
			).toMatchObject({ code: 'AccessDenied' });
			const { data } = await stack.service.storage.from('inbox').download('drop/cv.pdf');
			expect(await data!.text()).toBe('%PDF');
		});
	});

	describe('the service role', () => {
		it('bypasses the policies: reads any file and sees every bucket', async () => {
			const { data } = await stack.service.storage.from('documents').download(alicePath);
			expect(await data!.text()).toBe('%PDF alice only');
			const buckets = await stack.service.storage.listBuckets();
			expect(buckets.data!.map((bucket) => bucket.id).sort()).toEqual([
				'archive',
				'documents',
				'inbox',
				'photos',
				'public-assets'
			]);
		});
	});

	describe('tokens', () => {
		it('refuses an expired token with AccessDenied and the JWT library message', async () => {
			const expired = stack.fixture.as(
				userToken(stack.fixture.jwtSecret, { sub: alice.id, expiresIn: -10 }).token
			);
			const { error } = await expired.storage.from('documents').list(alice.id);
			expect(error).toMatchObject({
				statusCode: '403',
				code: 'AccessDenied',
				message: '"exp" claim timestamp check failed'
			});
		});

		it('accepts ES256 user tokens signed with the stack key, as GoTrue issues them', async () => {
			// The local stack keeps its user-token key in the data folder (signing-key.json).
			const jwk = JSON.parse(readFileSync(join(stack.fixture.dataDir, 'signing-key.json'), 'utf8'));
			const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
			const now = Math.floor(Date.now() / 1000);
			const input = `${encode({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' })}.${encode({
				sub: alice.id,
				role: 'authenticated',
				aud: 'authenticated',
				iat: now,
				exp: now + 60
			})}`;
			const signature = sign('sha256', Buffer.from(input), {
				key: createPrivateKey({ key: jwk, format: 'jwk' }),
				dsaEncoding: 'ieee-p1363'
			}).toString('base64url');
			const client = stack.fixture.as(`${input}.${signature}`);
			const { data, error } = await client.storage.from('documents').download(alicePath);
			expect(error).toBeNull();
			expect(await data!.text()).toBe('%PDF alice only');
		});

		it('refuses a token signed with another secret', async () => {
			const forged = signToken(
				{ sub: alice.id, role: 'service_role', exp: Math.floor(Date.now() / 1000) + 60 },
				'not-the-project-secret-but-long-enough'
			);
			// Downloads accept a bad token as "no token": private buckets then do not exist.
			const { error } = await stack.fixture
				.as(forged)
				.storage.from('documents')
				.download(alicePath);
			expect(error).toMatchObject({ code: 'NoSuchBucket', message: 'Bucket not found' });
			const list = await stack.fixture.as(forged).storage.from('documents').list(alice.id);
			expect(list.error).toMatchObject({
				code: 'AccessDenied',
				message: 'signature verification failed'
			});
		});
	});
});
