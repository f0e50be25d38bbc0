// A direct Postgres connection to the stack under test (the "DB URL" `supabase status` prints),
// for the few suites that check the database itself rather than the API.
import pg from 'pg';
import { target } from './target.ts';

export async function connectDb(url = target.dbUrl, user?: string): Promise<pg.Client> {
	const parsed = new URL(url);
	if (user) parsed.username = user;
	const client = new pg.Client({ connectionString: parsed.toString() });
	await client.connect();
	return client;
}

/** Runs `work` inside a transaction that is always rolled back. */
export async function inRollback<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
	await client.query('begin');
	try {
		return await work();
	} finally {
		await client.query('rollback');
	}
}
