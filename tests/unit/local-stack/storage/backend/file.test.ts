import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileBackend } from '../../../../../local-stack/storage/backend/file.ts';

let dir: string;
let files: FileBackend;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'storage-file-backend-'));
	files = new FileBackend(join(dir, 'storage'));
	await files.init();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const uploads = () => readdirSync(files.uploads);

describe('the file backend', () => {
	it('streams a body into a temporary file with its md5 ETag and size', async () => {
		const received = await files.receive(
			Readable.from([Buffer.from('hello '), Buffer.from('world')]),
			{
				maxBytes: 100
			}
		);
		expect(received.size).toBe(11);
		expect(received.eTag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
		expect(readFileSync(received.tempPath, 'utf8')).toBe('hello world');
	});

	it('removes the temporary file and refuses a body over the limit', async () => {
		await expect(
			files.receive(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), { maxBytes: 100 })
		).rejects.toMatchObject({ code: 'EntityTooLarge' });
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(uploads()).toEqual([]);
	});

	it('removes the temporary file when the body breaks off', async () => {
		const body = new PassThrough();
		const receiving = files.receive(body, { maxBytes: 1000 });
		body.write(Buffer.alloc(10));
		body.destroy(new Error('aborted'));
		await expect(receiving).rejects.toMatchObject({ code: 'Aborted' });
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(uploads()).toEqual([]);
	});

	it('places a version under <bucket>/<key>#<version> and prunes empty folders on removal', async () => {
		const received = await files.receive(Readable.from([Buffer.from('x')]), { maxBytes: 10 });
		await files.place(received.tempPath, 'docs', 'user/deep/a.txt', 'v1');
		const stored = join(files.root, 'docs', 'user', 'deep', 'a.txt#v1');
		expect(readFileSync(stored, 'utf8')).toBe('x');
		expect(uploads()).toEqual([]);
		await files.remove('docs', 'user/deep/a.txt', 'v1');
		expect(existsSync(stored)).toBe(false);
		expect(existsSync(join(files.root, 'docs', 'user'))).toBe(false);
		expect(existsSync(join(files.root, 'docs'))).toBe(true);
	});

	it('lets a key and a folder of the same name live side by side', async () => {
		const a = await files.receive(Readable.from([Buffer.from('file')]), { maxBytes: 10 });
		const b = await files.receive(Readable.from([Buffer.from('child')]), { maxBytes: 10 });
		await files.place(a.tempPath, 'docs', 'a', 'v1');
		await files.place(b.tempPath, 'docs', 'a/b', 'v2');
		expect(readFileSync(join(files.root, 'docs', 'a#v1'), 'utf8')).toBe('file');
		expect(readFileSync(join(files.root, 'docs', 'a', 'b#v2'), 'utf8')).toBe('child');
	});

	it('opens nothing for a missing file or a version that is not a plain token', async () => {
		expect(await files.open('docs', 'missing.txt', 'v1')).toBeNull();
		expect(await files.open('docs', 'missing.txt', null)).toBeNull();
		await expect(files.open('docs', 'a.txt', '../../etc')).rejects.toMatchObject({
			code: 'NoSuchKey'
		});
	});

	it('never resolves a traversal below the storage folder', () => {
		expect(() => files.objectPath('docs', '../../etc/passwd', 'v1')).toThrow('Invalid key');
		expect(() => files.objectPath('..', 'x', 'v1')).toThrow('Invalid key');
	});

	it('clears uploads a previous run left behind', async () => {
		const body = new PassThrough();
		void files.receive(body, { maxBytes: 10 }).catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(uploads()).toHaveLength(1);
		await files.init();
		expect(uploads()).toEqual([]);
		body.destroy();
	});
});
