// The auth.users and auth.identities rows GoTrue reads and writes (internal/models/user.go,
// identity.go), through its own login role: lookups by id and email, the duplicate-email check,
// metadata merges (a null value deletes the key) and column updates that bump updated_at as
// pop's UpdateOnly does, so `after update` triggers on auth.users fire like on Supabase.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { authErrors } from './errors.ts';
import { epochMs } from './present.ts';
import type { IdentityRow, UserRow } from './present.ts';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** A client in a transaction or the pool itself (one statement, autocommit). */
export type Db = Pick<pg.ClientBase, 'query'>;

/** A failure whose writes must still be committed: GoTrue's storage.NewCommitWithError. */
export class CommitThenFail extends Error {
	failure: Error;
	constructor(failure: Error) {
		super(failure.message);
		this.failure = failure;
	}
}

/** One transaction on GoTrue's connection: committed when `work` resolves. */
export async function transaction<T>(
	pool: pg.Pool,
	work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query('begin');
		try {
			const result = await work(client);
			await client.query('commit');
			return result;
		} catch (error) {
			if (error instanceof CommitThenFail) {
				await client.query('commit');
				throw error.failure;
			}
			await client.query('rollback').catch(() => {
				broken = true;
			});
			throw error;
		}
	} finally {
		client.release(broken);
	}
}

// GoTrue scans these into Go strings: a NULL makes its query fail (supabase/auth#1940), which
// seeds written with NULL tokens hit on hosted Supabase too.
const STRING_COLUMNS = [
	'aud',
	'role',
	'confirmation_token',
	'recovery_token',
	'email_change_token_new',
	'email_change',
	'email_change_token_current',
	'phone_change',
	'phone_change_token',
	'reauthentication_token'
] as const;

export class UserScanError extends Error {
	column: string;
	constructor(column: string) {
		super(`sql: Scan error on column "${column}": converting NULL to string is unsupported`);
		this.column = column;
	}
}

function checkScannable(user: UserRow): UserRow {
	for (const column of STRING_COLUMNS) if (user[column] === null) throw new UserScanError(column);
	if (user.email_change_confirm_status === null)
		throw new UserScanError('email_change_confirm_status');
	return user;
}

/** Runs a user lookup; a scan failure becomes GoTrue's 500 with the given wording. */
export async function findUser(
	db: Db,
	where: string,
	params: unknown[],
	failure = 'Database error finding user'
): Promise<UserRow | null> {
	const { rows } = await db.query<UserRow>(
		`select * from auth.users where instance_id = '${NIL_UUID}' and ${where} limit 1`,
		params
	);
	if (!rows[0]) return null;
	try {
		return checkScannable(rows[0]);
	} catch (error) {
		throw authErrors.unexpected(failure, error);
	}
}

export const findUserById = (db: Db, id: string, failure?: string) =>
	findUser(db, 'id = $1', [id], failure);

export const findUserByEmail = (db: Db, email: string, aud: string, failure?: string) =>
	findUser(
		db,
		'lower(email) = lower($1) and aud = $2 and is_sso_user = false',
		[email, aud],
		failure
	);

export async function loadIdentities(db: Db, userId: string): Promise<IdentityRow[]> {
	const { rows } = await db.query<IdentityRow>(
		'select * from auth.identities where user_id = $1 order by created_at, id',
		[userId]
	);
	return rows;
}

/** IsDuplicatedEmail: an email identity or user of another account in the same audience. */
export async function findDuplicateEmail(
	db: Db,
	email: string,
	aud: string,
	currentUserId: string | null
): Promise<UserRow | null> {
	const { rows } = await db.query<{ user_id: string }>(
		'select distinct user_id from auth.identities where email = lower($1)',
		[email]
	);
	for (const { user_id } of rows) {
		if (user_id === currentUserId) continue;
		const user = await findUserById(db, user_id, 'Database error checking email');
		if (user && user.aud === aud) return user;
	}
	const user = await findUserByEmail(db, email, aud, 'Database error checking email');
	return user;
}

/** tx.UpdateOnly(user, columns...): the given columns plus updated_at. */
export async function updateUser(
	db: Db,
	userId: string,
	values: Record<string, unknown>
): Promise<UserRow> {
	const columns = Object.keys(values);
	const sets = columns.map((column, i) => `${column} = $${i + 2}`);
	const { rows } = await db.query<UserRow>(
		`update auth.users set ${[...sets, 'updated_at = now()'].join(', ')} where id = $1 returning *`,
		[userId, ...columns.map((column) => values[column])]
	);
	return rows[0];
}

/** UpdateUserMetaData / UpdateAppMetaData: merge, a null value removing its key. */
export function mergeMetadata(
	current: Record<string, unknown> | null,
	updates: Record<string, unknown>
): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(updates)) {
		if (value === null || value === undefined) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

export async function updateUserMetadata(db: Db, user: UserRow, updates: Record<string, unknown>) {
	return updateUser(db, user.id, {
		raw_user_meta_data: JSON.stringify(mergeMetadata(user.raw_user_meta_data, updates))
	});
}

export async function updateAppMetadata(db: Db, user: UserRow, updates: Record<string, unknown>) {
	return updateUser(db, user.id, {
		raw_app_meta_data: JSON.stringify(mergeMetadata(user.raw_app_meta_data, updates))
	});
}

/** UpdateAppMetaDataProviders: `providers` from the identities, oldest first, and `provider`. */
export async function refreshProviders(db: Db, user: UserRow): Promise<UserRow> {
	const { rows } = await db.query<{ provider: string }>(
		'select provider from auth.identities where user_id = $1 order by created_at asc',
		[user.id]
	);
	const providers = [...new Set(rows.map((row) => row.provider))];
	const updates: Record<string, unknown> = { providers };
	if (providers.length) updates.provider = providers[0];
	return updateAppMetadata(db, user, updates);
}

export async function createIdentity(
	db: Db,
	userId: string,
	provider: string,
	identityData: Record<string, unknown>
): Promise<IdentityRow> {
	const data = { ...identityData };
	if (typeof data.email === 'string') data.email = data.email.toLowerCase();
	const { rows } = await db.query<IdentityRow>(
		`insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		 values ($1, $2, $3, $4, $5, now(), now(), now()) returning *`,
		[randomUUID(), String(data.sub), userId, JSON.stringify(data), provider]
	);
	return rows[0];
}

export async function updateIdentityData(
	db: Db,
	identity: IdentityRow,
	updates: Record<string, unknown>
): Promise<IdentityRow> {
	const data = mergeMetadata(identity.identity_data, updates);
	if (typeof data.email === 'string') data.email = data.email.toLowerCase();
	const { rows } = await db.query<IdentityRow>(
		'update auth.identities set identity_data = $2 where id = $1 returning *',
		[identity.id, JSON.stringify(data)]
	);
	return rows[0];
}

export async function findIdentity(
	db: Db,
	providerId: string,
	provider: string
): Promise<IdentityRow | null> {
	const { rows } = await db.query<IdentityRow>(
		'select * from auth.identities where provider_id = $1 and provider = $2 limit 1',
		[providerId, provider]
	);
	return rows[0] ?? null;
}

/** provider.Claims → identity_data: sub, email, and the two verified flags always present. */
export function emailIdentityData(
	userId: string,
	email: string,
	emailVerified = false
): Record<string, unknown> {
	return { sub: userId, email, email_verified: emailVerified, phone_verified: false };
}

/** User.Confirm: confirmed now, `email_verified` in the metadata, one-time tokens cleared. */
export async function confirmUser(db: Db, user: UserRow): Promise<UserRow> {
	let updated = await updateUser(db, user.id, {
		confirmation_token: '',
		email_confirmed_at: new Date().toISOString()
	});
	updated = await updateUserMetadata(db, updated, { email_verified: true });
	await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
	return updated;
}

export function isBanned(user: UserRow, now = Date.now()): boolean {
	const until = epochMs(user.banned_until);
	return until !== null && now < until;
}
