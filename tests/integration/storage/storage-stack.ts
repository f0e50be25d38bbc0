// Shared set-up of the Storage protocol suites: a local stack on the fixture project (buckets
// from config.toml, owner-folder policies), members acting with minted tokens, and read-only
// views of what Storage left in Postgres and on disk, to check rows and files agree.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import { connectDb } from '../support/database.ts';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import { userToken } from '../support/jwt.ts';

export const FIXTURE_DIR = resolve(import.meta.dirname, 'fixture');

export type Member = { id: string; token: string; client: SupabaseClient };

export type StoredRow = {
	bucket_id: string;
	name: string;
	version: string | null;
	owner_id: string | null;
	metadata: Record<string, unknown> | null;
	user_metadata: Record<string, unknown> | null;
};

export type StorageStack = {
	fixture: FixtureStack;
	/** supabase-js with the service role key. */
	service: SupabaseClient;
	/** supabase-js with the anon key and no session. */
	anon: SupabaseClient;
	db: pg.Client;
	/** Where the stack keeps its files: <data>/storage. */
	storageDir: string;
	member(): Member;
	/** storage.objects rows of a bucket (optionally under a prefix), read as postgres. */
	rows(bucket: string, prefix?: string): Promise<StoredRow[]>;
	/** Stored files of a bucket as `<key>#<version>` paths relative to the bucket folder. */
	files(bucket: string): string[];
	/** Files still in the temporary upload folder. */
	pendingUploads(): string[];
	close(): Promise<void>;
};

function walk(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)))
		.sort();
}

export async function startStorageStack(): Promise<StorageStack> {
	const fixture = await startFixtureStack(FIXTURE_DIR);
	const db = await connectDb(fixture.dbUrl);
	const storageDir = join(fixture.dataDir, 'storage');
	return {
		fixture,
		service: fixture.service(),
		anon: fixture.anon(),
		db,
		storageDir,
		member() {
			const { token, sub } = userToken(fixture.jwtSecret);
			return { id: sub, token, client: fixture.as(token) };
		},
		async rows(bucket, prefix = '') {
			const { rows } = await db.query<StoredRow>(
				`select bucket_id, name, version, owner_id, metadata, user_metadata from storage.objects
				 where bucket_id = $1 and name like $2 order by name`,
				[bucket, `${prefix}%`]
			);
			return rows;
		},
		files: (bucket) => walk(join(storageDir, bucket)),
		pendingUploads: () => walk(join(storageDir, '#uploads')),
		async close() {
			await db.end();
			await fixture.close();
		}
	};
}

/** The stored file name of a row, as the file backend lays it out. */
export const storedFile = (row: Pick<StoredRow, 'name' | 'version'>) =>
	`${row.name}#${row.version}`;

/**
 * Every row of the bucket names a file whose size and md5 match its metadata, and every stored
 * file belongs to a row: what an upload, move, copy or delete must leave behind.
 */
export async function consistency(stack: StorageStack, bucket: string) {
	const { createHash } = await import('node:crypto');
	const { readFileSync } = await import('node:fs');
	const rows = await stack.rows(bucket);
	const files = stack.files(bucket);
	const problems: string[] = [];
	for (const row of rows) {
		const file = storedFile(row);
		if (!files.includes(file)) {
			problems.push(`row without file: ${file}`);
			continue;
		}
		const bytes = readFileSync(join(stack.storageDir, bucket, file));
		const md5 = `"${createHash('md5').update(bytes).digest('hex')}"`;
		if (row.metadata?.size !== bytes.length) problems.push(`size differs: ${file}`);
		if (row.metadata?.eTag !== md5) problems.push(`eTag differs: ${file}`);
	}
	const named = new Set(rows.map(storedFile));
	for (const file of files) if (!named.has(file)) problems.push(`file without row: ${file}`);
	return { rows: rows.length, files: files.length, problems };
}
