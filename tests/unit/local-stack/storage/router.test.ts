import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../../local-stack/storage/router.ts';

const match = (method: string, path: string) => {
	const found = matchRoute(method, path);
	return (
		found && {
			operation: found.route.operation,
			auth: found.route.auth,
			bucket: found.bucket,
			key: found.key
		}
	);
};

describe('the Storage route table', () => {
	it('prefers static segments over a bucket named like them', () => {
		expect(match('POST', '/object/sign/docs/a/b.pdf')).toMatchObject({
			operation: 'storage.object.sign',
			bucket: 'docs',
			key: 'a/b.pdf'
		});
		expect(match('POST', '/object/sign/docs')).toMatchObject({
			operation: 'storage.object.sign_many',
			bucket: 'docs'
		});
		expect(match('GET', '/object/sign/docs/a.pdf')).toMatchObject({
			operation: 'storage.object.get_signed',
			auth: 'none'
		});
		expect(match('POST', '/object/move')).toMatchObject({ operation: 'storage.object.move' });
		expect(match('POST', '/object/list/docs')).toMatchObject({
			operation: 'storage.object.list',
			bucket: 'docs'
		});
	});

	it('falls back to the bucket catch-all for other methods', () => {
		expect(match('PUT', '/object/move/x.txt')).toMatchObject({
			operation: 'storage.object.upload_update',
			bucket: 'move',
			key: 'x.txt'
		});
	});

	it('decodes the bucket and the key', () => {
		expect(match('GET', '/object/my%20bucket/dir/file%20name%3F.txt')).toMatchObject({
			bucket: 'my bucket',
			key: 'dir/file name?.txt',
			auth: 'optional'
		});
	});

	it('tells single deletes from batch deletes by the key', () => {
		expect(match('DELETE', '/object/docs')).toMatchObject({
			operation: 'storage.object.delete_many'
		});
		expect(match('DELETE', '/object/docs/a.txt')).toMatchObject({
			operation: 'storage.object.delete',
			key: 'a.txt'
		});
	});

	it('keeps an empty key when the path ends with a slash, and no match without it', () => {
		expect(match('POST', '/object/docs/')).toMatchObject({
			operation: 'storage.object.upload',
			key: ''
		});
		expect(match('POST', '/object/docs')).toBeNull();
	});

	it('routes public, authenticated and info paths with their auth modes', () => {
		expect(match('GET', '/object/public/b/k')).toMatchObject({
			auth: 'none',
			operation: 'storage.object.get_public'
		});
		expect(match('HEAD', '/object/public/b/k')).toMatchObject({ auth: 'none' });
		expect(match('GET', '/object/authenticated/b/k')).toMatchObject({ auth: 'required' });
		expect(match('GET', '/object/info/b/k')).toMatchObject({ auth: 'optional' });
		expect(match('POST', '/bucket/b/empty')).toMatchObject({ auth: 'service_role' });
	});

	it('routes the protocols the local stack refuses', () => {
		for (const path of [
			'/upload/resumable',
			'/upload/resumable/abc',
			'/s3/bucket/key',
			'/render/image/public/b/k',
			'/iceberg/v1/config',
			'/vector/ListVectorBuckets'
		])
			expect(match('POST', path)?.auth, path).toBe('none');
		expect(match('GET', '/nothing')).toBeNull();
	});
});
