// The workspace journeys' view from behind the app: the E2E stack's service-role client, to set up
// rows quickly and to check what really is in the database and the `documents` bucket (what an
// interrupted or refused upload left behind), and a database connection for the reminder job.
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';

export function admin() {
	const url = process.env.E2E_SUPABASE_URL;
	if (!url) throw new Error('E2E_SUPABASE_URL is not set (see playwright.config.ts)');
	// The local stack's well-known secret key; E2E always runs on a local stack.
	return createClient(url, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz', {
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

/** Rows of `documents` and objects of the bucket's folder of one owner. */
export async function storedDocuments(ownerId: string) {
	const service = admin();
	const rows = await service
		.from('documents')
		.select('id, name, storage_path, mime_type, size_bytes')
		.eq('owner_id', ownerId);
	if (rows.error) throw rows.error;
	const objects = await service.storage.from('documents').list(ownerId, { limit: 1000 });
	if (objects.error) throw objects.error;
	return {
		rows: rows.data,
		objects: objects.data
			.filter((object) => object.name !== '.emptyFolderPlaceholder')
			.map((object) => `${ownerId}/${object.name}`)
	};
}

export async function insertRows(
	table: 'contacts' | 'plans' | 'documents',
	rows: Record<string, unknown>[]
) {
	// Untyped on purpose: tests write rows exactly as given.
	const { data, error } = await admin()
		.from(table)
		.insert(rows as never)
		.select('id');
	if (error) throw error;
	return data.map((row) => row.id as string);
}

/** Runs SQL on the E2E database as `postgres` (the role pg_cron runs the reminder job as). */
export async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
	const url = process.env.E2E_DB_URL;
	if (!url) throw new Error('E2E_DB_URL is not set (see playwright.config.ts)');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<R>(text, values)).rows;
	} finally {
		await client.end();
	}
}
