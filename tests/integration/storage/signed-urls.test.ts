import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../support/jwt.ts';
import { startStorageStack } from './storage-stack.ts';
import type { Member, StorageStack } from './storage-stack.ts';

const claimsOf = (token: string) =>
	JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

describe('signed URLs', () => {
	let stack: StorageStack;
	let alice: Member;
	let bob: Member;
	let path: string;
	const docs = () => alice.client.storage.from('documents');

	beforeAll(async () => {
		stack = await startStorageStack();
		alice = stack.member();
		bob = stack.member();
		path = `${alice.id}/signed/report.txt`;
		await docs().upload(path, 'signed content', { contentType: 'text/plain' });
	});
	afterAll(async () => {
		await stack?.close();
	});

	describe('for downloads', () => {
		it('are HS256 JWTs signed with the JWT secret, with url, iat and exp', async () => {
			const { data, error } = await docs().createSignedUrl(path, 120);
			expect(error).toBeNull();
			expect(data!.signedUrl).toMatch(
				new RegExp(`^${stack.fixture.apiUrl}/storage/v1/object/sign/documents/${path}\\?token=`)
			);
			const token = tokenOf(data!.signedUrl);
			const [head, body, signature] = token.split('.');
			expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({
				alg: 'HS256',
				typ: 'JWT'
			});
			expect(
				createHmac('sha256', stack.fixture.jwtSecret).update(`${head}.${body}`).digest('base64url')
			).toBe(signature);
			const claims = claimsOf(token);
			expect(claims).toMatchObject({ url: `documents/${path}` });
			expect((claims.exp as number) - (claims.iat as number)).toBe(120);
		});

		it('serve the file to anyone holding them, with Expires instead of Cache-Control', async () => {
			const { data } = await docs().createSignedUrl(path, 60);
			const response = await fetch(data!.signedUrl);
			expect(response.status).toBe(200);
			expect(await response.text()).toBe('signed content');
			const expires = new Date(response.headers.get('expires')!).getTime();
			expect(expires).toBe((claimsOf(tokenOf(data!.signedUrl)).exp as number) * 1000);
			expect(response.headers.get('cache-control')).toBeNull();
		});

		it('carry the download option as Content-Disposition', async () => {
			const { data } = await docs().createSignedUrl(path, 60, { download: 'rapport.txt' });
			const response = await fetch(data!.signedUrl);
			expect(response.headers.get('content-disposition')).toBe(
				"attachment; filename=rapport.txt; filename*=UTF-8''rapport.txt"
			);
		});

		it('are signed in batches, with an error for paths that are missing or hidden', async () => {
			await docs().upload(`${alice.id}/signed/second.txt`, 'two', { contentType: 'text/plain' });
			const { data, error } = await docs().createSignedUrls(
				[path, `${alice.id}/signed/second.txt`, `${alice.id}/signed/missing.txt`],
				60
			);
			expect(error).toBeNull();
			expect(data!.map((entry) => [entry.path, entry.error, entry.signedUrl !== null])).toEqual([
				[path, null, true],
				[`${alice.id}/signed/second.txt`, null, true],
				[
					`${alice.id}/signed/missing.txt`,
					'Either the object does not exist or you do not have access to it',
					false
				]
			]);
			expect(await (await fetch(data![1].signedUrl!)).text()).toBe('two');
		});

		it('are refused once expired', async () => {
			const now = Math.floor(Date.now() / 1000);
			const expired = signToken(
				{ url: `documents/${path}`, scope: 'download', iat: now - 120, exp: now - 60 },
				stack.fixture.jwtSecret
			);
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/sign/documents/${path}?token=${expired}`
			);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				statusCode: '400',
				code: 'InvalidJWT',
				error: 'InvalidJWT',
				message: '"exp" claim timestamp check failed'
			});
		});

		it('are refused when tampered with', async () => {
			const { data } = await docs().createSignedUrl(path, 60);
			const [head, , signature] = tokenOf(data!.signedUrl).split('.');
			const other = `documents/${alice.id}/signed/second.txt`;
			const forgedBody = Buffer.from(
				JSON.stringify({ url: other, scope: 'download', exp: Math.floor(Date.now() / 1000) + 60 })
			).toString('base64url');
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/sign/${other}?token=${head}.${forgedBody}.${signature}`
			);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({
				code: 'InvalidJWT',
				message: 'signature verification failed'
			});
		});

		it('only open the path they were issued for', async () => {
			const { data } = await docs().createSignedUrl(path, 60);
			const response = await fetch(
				`${stack.fixture.apiUrl}/storage/v1/object/sign/documents/${alice.id}/signed/second.txt?token=${tokenOf(data!.signedUrl)}`
			);
			expect(await response.json()).toEqual({
				statusCode: '400',
				code: 'InvalidSignature',
				error: 'InvalidSignature',
				message: 'Invalid signature'
			});
		});

		it('are not issued for files the caller cannot read', async () => {
			const { error } = await bob.client.storage.from('documents').createSignedUrl(path, 60);
			expect(error).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
		});

		it('refuse a non-positive lifetime', async () => {
			const { error } = await docs().createSignedUrl(path, 0);
			expect(error).toMatchObject({ statusCode: '400', message: 'body/expiresIn must be >= 1' });
		});
	});

	describe('for uploads', () => {
		it('let the holder upload once, owned by the member who asked for it', async () => {
			const target = `${alice.id}/uploads/by-link.txt`;
			const { data, error } = await docs().createSignedUploadUrl(target);
			expect(error).toBeNull();
			expect(claimsOf(data!.token)).toMatchObject({
				owner: alice.id,
				url: `documents/${target}`,
				upsert: false
			});
			const uploaded = await stack.anon.storage
				.from('documents')
				.uploadToSignedUrl(target, data!.token, 'via signed link', { contentType: 'text/plain' });
			expect(uploaded.error).toBeNull();
			expect(uploaded.data).toEqual({ path: target, fullPath: `documents/${target}` });
			const [row] = await stack.rows('documents', target);
			expect(row).toMatchObject({
				owner_id: alice.id,
				metadata: { mimetype: 'text/plain', size: 15 }
			});

			const again = await stack.anon.storage
				.from('documents')
				.uploadToSignedUrl(target, data!.token, 'second time', { contentType: 'text/plain' });
			expect(again.error).toMatchObject({ statusCode: '409', code: 'KeyAlreadyExists' });
		});

		it('overwrite when issued with upsert', async () => {
			const target = `${alice.id}/uploads/by-link.txt`;
			const { data } = await docs().createSignedUploadUrl(target, { upsert: true });
			const { error } = await stack.anon.storage
				.from('documents')
				.uploadToSignedUrl(target, data!.token, new Blob(['replaced'], { type: 'text/plain' }));
			expect(error).toBeNull();
			expect(await (await docs().download(target)).data!.text()).toBe('replaced');
		});

		it('only accept the path they were issued for, and never a download token', async () => {
			const { data } = await docs().createSignedUploadUrl(`${alice.id}/uploads/a.txt`);
			const wrongPath = await stack.anon.storage
				.from('documents')
				.uploadToSignedUrl(`${alice.id}/uploads/b.txt`, data!.token, 'x');
			expect(wrongPath.error).toMatchObject({
				code: 'InvalidSignature',
				message: 'Invalid signature'
			});

			const download = await docs().createSignedUrl(path, 60);
			const replay = await stack.anon.storage
				.from('documents')
				.uploadToSignedUrl(path, tokenOf(download.data!.signedUrl), 'x', { upsert: true });
			expect(replay.error).toMatchObject({
				code: 'InvalidSignature',
				message: 'Token is not scoped for upload'
			});
		});

		it('still enforce the bucket limits', async () => {
			const target = `${alice.id}/big.png`;
			const { data } = await alice.client.storage.from('photos').createSignedUploadUrl(target);
			const { error } = await stack.anon.storage
				.from('photos')
				.uploadToSignedUrl(target, data!.token, new Uint8Array(200_000), {
					contentType: 'image/png'
				});
			expect(error).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		});
	});
});
