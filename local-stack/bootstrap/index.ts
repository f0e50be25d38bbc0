// Makes a new cluster look like a Supabase database before any project migration runs: the
// NN-*.sql files of this folder in order, in one transaction, as the bootstrap superuser.
// Settings that depend on the project (JWT secret, API exposure) are reapplied on every start.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));

export function bootstrapFiles(): string[] {
	return readdirSync(here)
		.filter((name) => /^\d{2}-.*\.sql$/.test(name))
		.sort();
}

export async function bootstrapDatabase(admin: pg.Client): Promise<void> {
	await admin.query('begin');
	try {
		for (const name of bootstrapFiles()) {
			try {
				await admin.query(readFileSync(join(here, name), 'utf8'));
			} catch (error) {
				throw new Error(`bootstrap ${name}: ${(error as Error).message}`, { cause: error });
			}
		}
		await admin.query('commit');
	} catch (error) {
		await admin.query('rollback');
		throw error;
	}
}

/** The CLI's RevokeDefaultDataApiPrivilegesSql (`[api] auto_expose_new_tables = false`). */
const REVOKE_DEFAULT_DATA_API_PRIVILEGES = `
alter default privileges for role postgres in schema public revoke select, insert, update, delete on tables from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke usage, select on sequences from anon, authenticated, service_role;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated, service_role;
`;

export async function applyProjectSettings(
	admin: pg.Client,
	settings: { jwtSecret: string; jwtExpiry: number; autoExposeNewTables: boolean }
): Promise<void> {
	const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
	await admin.query(
		`alter database postgres set "app.settings.jwt_secret" = ${literal(settings.jwtSecret)}`
	);
	await admin.query(
		`alter database postgres set "app.settings.jwt_exp" = ${literal(String(settings.jwtExpiry))}`
	);
	if (!settings.autoExposeNewTables) await admin.query(REVOKE_DEFAULT_DATA_API_PRIVILEGES);
	await admin.query('select _realtime.maintain_message_partitions()');
}
