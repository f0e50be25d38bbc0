// The file backend (like supabase/storage's FileBackend: md5 ETags, versioned files): objects live
// as `<root>/<bucket>/<key>#<version>`, `#` being outside the key alphabet so no key collides with
// a stored file and `a` and `a/b` can coexist. Uploads stream into `<root>/#uploads/` on the same
// file system and are renamed into place, so a reader never sees a partial file.
import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { copyFile, link, mkdir, open, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { storageErrors } from '../errors.ts';
import { resolveSecurePath } from './secure-path.ts';

export type ReceivedFile = {
	tempPath: string;
	size: number;
	/** Quoted md5 of the content, the ETag supabase/storage's file backend computes. */
	eTag: string;
	lastModified: Date;
};

export type OpenedFile = { handle: FileHandle; stats: Stats };

/** Versions come from the database; anything that is not a plain token never names a file. */
const VERSION = /^[A-Za-z0-9-]{1,64}$/;

const isMissing = (error: unknown) =>
	(error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ||
	(error as NodeJS.ErrnoException | null)?.code === 'ENOTDIR';

export class FileBackend {
	readonly root: string;
	readonly uploads: string;

	constructor(root: string) {
		this.root = root;
		// `#` cannot appear in a bucket name, so this folder can never be a bucket's.
		this.uploads = join(root, '#uploads');
	}

	/** Creates the folders and drops uploads a previous run left half-written. */
	async init(): Promise<void> {
		await mkdir(this.root, { recursive: true });
		await rm(this.uploads, { recursive: true, force: true });
		await mkdir(this.uploads, { recursive: true });
	}

	bucketPath(bucket: string): string {
		return resolveSecurePath(this.root, bucket);
	}

	objectPath(bucket: string, key: string, version: string): string {
		if (!VERSION.test(version)) throw storageErrors.noSuchKey();
		return resolveSecurePath(this.root, `${bucket}/${key}#${version}`);
	}

	/**
	 * Streams `source` into a new temporary file, hashing and counting as it goes. Past
	 * `maxBytes`, or when the client goes away mid-body, the temporary file is removed and the
	 * promise rejects; the rest of the body is then drained so the client can read the answer.
	 */
	receive(
		source: Readable,
		options: { maxBytes: number; request?: IncomingMessage }
	): Promise<ReceivedFile> {
		const tempPath = join(this.uploads, randomUUID());
		// A 1 MiB buffer instead of 16 KiB: the socket's 64 KiB chunks no longer pause the body
		// after every write.
		const out = createWriteStream(tempPath, { flags: 'wx', highWaterMark: 1024 * 1024 });
		const hash = createHash('md5');
		const { request } = options;
		let size = 0;
		let settled = false;

		return new Promise<ReceivedFile>((resolvePromise, rejectPromise) => {
			const detach = () => {
				source.off('data', onData);
				source.off('end', onEnd);
				source.off('error', onSourceError);
				out.off('drain', onDrain);
				request?.off('close', onRequestClose);
				request?.off('aborted', onAborted);
			};
			const fail = (error: unknown) => {
				if (settled) return;
				settled = true;
				detach();
				// Keep an error listener: a late 'error' must not crash the process.
				source.on('error', () => undefined);
				if (!request?.destroyed) source.resume();
				out.destroy();
				out.once('close', () => void unlink(tempPath).catch(() => undefined));
				rejectPromise(error);
			};
			const onData = (chunk: Buffer) => {
				size += chunk.length;
				if (size > options.maxBytes) {
					fail(storageErrors.entityTooLarge());
					return;
				}
				hash.update(chunk);
				if (!out.write(chunk)) source.pause();
			};
			const onDrain = () => source.resume();
			const onEnd = () => {
				if (!settled) out.end();
			};
			const onSourceError = (error: Error) => fail(storageErrors.aborted(error.message));
			const onAborted = () => fail(storageErrors.aborted('Request aborted by the client'));
			const onRequestClose = () => {
				if (request && !request.complete) onAborted();
			};

			source.on('data', onData);
			source.on('end', onEnd);
			source.on('error', onSourceError);
			out.on('drain', onDrain);
			out.on('error', (error) => fail(error));
			out.on('close', () => {
				if (settled) return;
				settled = true;
				detach();
				stat(tempPath).then(
					(stats) =>
						resolvePromise({
							tempPath,
							size,
							eTag: `"${hash.digest('hex')}"`,
							lastModified: stats.mtime
						}),
					rejectPromise
				);
			});
			request?.on('aborted', onAborted);
			request?.on('close', onRequestClose);
			if (request?.destroyed && !request.complete) onAborted();
			else source.resume();
		});
	}

	/** Moves a received file to its final name (the row that names it commits right after). */
	async place(tempPath: string, bucket: string, key: string, version: string): Promise<void> {
		const target = this.objectPath(bucket, key, version);
		// A concurrent delete may prune the folder between mkdir and rename: try again.
		for (let attempt = 0; ; attempt++) {
			await mkdir(dirname(target), { recursive: true });
			try {
				await rename(tempPath, target);
				return;
			} catch (error) {
				if (!isMissing(error) || attempt >= 3) throw error;
			}
		}
	}

	async discard(tempPath: string): Promise<void> {
		await unlink(tempPath).catch(() => undefined);
	}

	/** A second name for a stored version (move): cheap, atomic, same bytes. */
	async linkVersion(
		from: { bucket: string; key: string; version: string },
		to: { bucket: string; key: string; version: string }
	): Promise<void> {
		const source = this.objectPath(from.bucket, from.key, from.version);
		const target = this.objectPath(to.bucket, to.key, to.version);
		await mkdir(dirname(target), { recursive: true });
		try {
			await link(source, target);
		} catch (error) {
			if (isMissing(error)) throw storageErrors.noSuchKey();
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EMLINK') throw error;
			await copyFile(source, target);
		}
	}

	/** Copies a stored version into a new temporary file (copy keeps both independent). */
	async copyToTemp(bucket: string, key: string, version: string): Promise<ReceivedFile> {
		const source = this.objectPath(bucket, key, version);
		const tempPath = join(this.uploads, randomUUID());
		try {
			await copyFile(source, tempPath, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
		} catch (error) {
			if (isMissing(error)) throw storageErrors.noSuchKey();
			throw error;
		}
		const stats = await stat(tempPath);
		return { tempPath, size: stats.size, eTag: '', lastModified: stats.mtime };
	}

	/** Opens a stored version for reading; null when the file is not there. */
	async open(bucket: string, key: string, version: string | null): Promise<OpenedFile | null> {
		if (!version) return null;
		let handle: FileHandle;
		try {
			handle = await open(this.objectPath(bucket, key, version), 'r');
		} catch (error) {
			if (isMissing(error)) return null;
			throw error;
		}
		try {
			return { handle, stats: await handle.stat() };
		} catch (error) {
			await handle.close();
			throw error;
		}
	}

	/** Removes a stored version and the folders it leaves empty, up to the bucket folder. */
	async remove(bucket: string, key: string, version: string | null): Promise<void> {
		if (!version || !VERSION.test(version)) return;
		const target = this.objectPath(bucket, key, version);
		await unlink(target).catch((error) => {
			if (!isMissing(error)) throw error;
		});
		await this.prune(dirname(target), this.bucketPath(bucket));
	}

	/** Deletes a bucket's folder; only called once its rows are gone. */
	async removeBucket(bucket: string): Promise<void> {
		await rm(this.bucketPath(bucket), { recursive: true, force: true });
	}

	private async prune(folder: string, stopAt: string): Promise<void> {
		let current = folder;
		while (current.startsWith(stopAt + '/')) {
			try {
				await rmdir(current);
			} catch {
				return;
			}
			current = dirname(current);
		}
	}
}
