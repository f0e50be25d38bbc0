// Applies supabase/migrations/<version>_<name>.sql in version order as `postgres`, each file in
// its own transaction together with its history row, exactly where the Supabase CLI records it
// (supabase_migrations.schema_migrations), so `supabase migration list/up --db-url` agree.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type pg from 'pg';
import { lineAndColumn, splitStatements } from './split.ts';

export type MigrationFile = { version: string; name: string; path: string };

const MIGRATION_FILE = /^([0-9]+)_(.*)\.sql$/;

export function listMigrations(projectDir: string): MigrationFile[] {
	const dir = join(projectDir, 'migrations');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
		.filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
		.map(({ file, match }) => ({ version: match[1], name: match[2], path: join(dir, file) }))
		.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

/** Same DDL as the CLI's history table (pkg/migration/history.go). */
export const CREATE_HISTORY = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;
create table if not exists supabase_migrations.seed_files (path text not null primary key, hash text not null);
`;

export class SqlFileError extends Error {
	file: string;
	line: number | null;
	code: string | undefined;
	constructor(file: string, sql: string, error: pg.DatabaseError | Error) {
		const dbError = error as pg.DatabaseError;
		const at = dbError.position ? lineAndColumn(sql, Number(dbError.position) - 1) : null;
		const where = at ? `${file}:${at.line}:${at.column}` : file;
		const extra = [
			dbError.detail ? `DETAIL: ${dbError.detail}` : '',
			dbError.hint ? `HINT: ${dbError.hint}` : '',
			dbError.where ? `CONTEXT: ${dbError.where}` : ''
		].filter(Boolean);
		super(
			[
				`${where}: ERROR: ${error.message}${dbError.code ? ` (SQLSTATE ${dbError.code})` : ''}`,
				...extra
			].join('\n')
		);
		this.file = file;
		this.line = at?.line ?? null;
		this.code = dbError.code;
	}
}

export async function appliedVersions(client: pg.Client): Promise<string[]> {
	await client.query(CREATE_HISTORY);
	const { rows } = await client.query<{ version: string }>(
		'select version from supabase_migrations.schema_migrations order by version'
	);
	return rows.map((row) => row.version);
}

/**
 * Runs every pending migration; stops at the first failure, which leaves the database as it
 * was before that file. Returns the versions applied in this call.
 */
export async function applyMigrations(
	client: pg.Client,
	projectDir: string,
	log: (line: string) => void = () => undefined
): Promise<string[]> {
	const files = listMigrations(projectDir);
	const done = new Set(await appliedVersions(client));
	const known = new Set(files.map((file) => file.version));
	const missing = [...done].filter((version) => !known.has(version));
	if (missing.length > 0) {
		throw new Error(
			`migration history has versions with no file in ${join(projectDir, 'migrations')}: ${missing.join(', ')}. ` +
				'Restore the files, or start again from an empty database with --fresh.'
		);
	}
	const applied: string[] = [];
	for (const file of files) {
		if (done.has(file.version)) continue;
		const sql = readFileSync(file.path, 'utf8');
		const shown = displayPath(file.path);
		log(`Applying migration ${file.version}_${file.name}.sql...`);
		await client.query('reset all');
		await client.query('begin');
		try {
			await client.query(sql);
		} catch (error) {
			await client.query('rollback');
			throw new SqlFileError(shown, sql, error as Error);
		}
		try {
			await client.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
				[file.version, file.name, splitStatements(sql)]
			);
			await client.query('commit');
		} catch (error) {
			await client.query('rollback').catch(() => undefined);
			throw new SqlFileError(shown, sql, error as Error);
		}
		applied.push(file.version);
	}
	return applied;
}

/** Relative to the working directory when inside it, absolute otherwise. */
export function displayPath(file: string): string {
	const rel = relative(process.cwd(), file);
	return rel && !rel.startsWith('..') ? rel : file;
}
