// Start-up reconciliation of the disk with storage.objects: a crash between a commit and the
// removal of a replaced or deleted version (or between placing a file and committing its row)
// can leave a stored file no row names. Such files are invisible to the API; this removes them.
// Rows without a file (e.g. inserted by a seed) are left alone: reading them answers NoSuchKey.
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { asOwner } from './database.ts';
import type { Storage } from './runtime.ts';

/** `<key>#<version>` where the version is what the backend writes (a uuid). */
const STORED = /^(.+)#([0-9a-f-]{36})$/;

export async function sweepOrphanFiles(storage: Storage): Promise<number> {
	const { root, uploads } = storage.files;
	const entries = await readdir(root, { withFileTypes: true, recursive: true });
	const candidates: { path: string; bucket: string; key: string; version: string }[] = [];
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		if (path.startsWith(uploads + sep)) continue;
		const [bucket, ...rest] = relative(root, path).split(sep);
		const match = STORED.exec(rest.join('/'));
		if (!bucket || !match) continue;
		candidates.push({ path, bucket, key: match[1], version: match[2] });
	}
	if (candidates.length === 0) return 0;

	const known = await asOwner(storage.pool, async (db) => {
		const { rows } = await db.query<{ bucket_id: string; name: string; version: string }>(
			`select bucket_id, name, version from storage.objects
			 where (bucket_id, name, version) in (
			   select * from unnest($1::text[], $2::text[], $3::text[]))`,
			[
				candidates.map((file) => file.bucket),
				candidates.map((file) => file.key),
				candidates.map((file) => file.version)
			]
		);
		return new Set(rows.map((row) => `${row.bucket_id}/${row.name}#${row.version}`));
	});

	let removed = 0;
	for (const file of candidates) {
		if (known.has(`${file.bucket}/${file.key}#${file.version}`)) continue;
		await unlink(file.path).catch(() => undefined);
		removed++;
		// Prune the folders the file leaves empty, up to its bucket folder.
		const bucketDir = join(root, file.bucket);
		for (let dir = dirname(file.path); dir.startsWith(bucketDir + sep); dir = dirname(dir)) {
			if (
				!(await rmdir(dir).then(
					() => true,
					() => false
				))
			)
				break;
		}
	}
	if (removed > 0) storage.context.log(`[storage] removed ${removed} file(s) no object row names`);
	return removed;
}
