// Runs `[db.seed] sql_paths` (default ./seed.sql, globs allowed, relative to the supabase folder)
// as `postgres` on a new database, and records each file with its hash in
// supabase_migrations.seed_files, as `supabase db reset` does.
import { createHash } from 'node:crypto';
import { existsSync, globSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type pg from 'pg';
import { CREATE_HISTORY, displayPath, SqlFileError } from './runner.ts';

export function seedFiles(projectDir: string, sqlPaths: string[]): string[] {
	const files: string[] = [];
	for (const pattern of sqlPaths) {
		const absolute = isAbsolute(pattern) ? pattern : join(projectDir, pattern);
		const matches = /[*?[{]/.test(pattern)
			? globSync(absolute).sort()
			: existsSync(absolute)
				? [absolute]
				: [];
		for (const file of matches) if (!files.includes(file)) files.push(file);
	}
	return files;
}

export async function runSeed(
	client: pg.Client,
	projectDir: string,
	sqlPaths: string[],
	log: (line: string) => void = () => undefined
): Promise<string[]> {
	await client.query(CREATE_HISTORY);
	const files = seedFiles(projectDir, sqlPaths);
	for (const file of files) {
		const sql = readFileSync(file, 'utf8');
		const shown = displayPath(file);
		const path = relative(projectDir, file);
		log(`Seeding data from ${path}...`);
		await client.query('reset all');
		await client.query('begin');
		try {
			await client.query(sql);
			await client.query(
				'insert into supabase_migrations.seed_files (path, hash) values ($1, $2) on conflict (path) do update set hash = excluded.hash',
				[path, createHash('sha256').update(sql).digest('hex')]
			);
			await client.query('commit');
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw new SqlFileError(shown, sql, error as Error);
		}
	}
	return files;
}
