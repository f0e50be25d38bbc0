// Every SQL statement of the Storage service, on storage.buckets / storage.objects, written like
// supabase/storage src/storage/database/pg.ts writes them. Two ways to run them: as the caller
// (role + claims + storage GUCs through the request scope, so the project's RLS decides) or as
// the owning role (supabase_storage_admin owns the tables and bypasses RLS) for metadata writes.
import type pg from 'pg';
import { withRequestScope } from '../postgres/request-scope.ts';
import type { Caller } from './auth.ts';
import { asStorageError, isStorageError, storageErrors } from './errors.ts';

export type Db = pg.ClientBase;

export type BucketRow = {
	id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	public: boolean;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
	type: string;
	created_at: string | null;
	updated_at: string | null;
};

export type ObjectMetadata = {
	eTag: string;
	size: number;
	mimetype: string;
	cacheControl: string;
	lastModified: string;
	contentLength: number;
	httpStatusCode: number;
};

export type ObjectRow = {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	metadata: Record<string, unknown> | null;
	user_metadata: Record<string, unknown> | null;
	created_at: string | null;
	updated_at: string | null;
	last_accessed_at: string | null;
};

export type SearchRow = Pick<
	ObjectRow,
	'name' | 'id' | 'updated_at' | 'created_at' | 'last_accessed_at' | 'metadata'
>;

/** What the request scope needs besides the caller: the GUCs upstream's scope sets. */
export type RequestInfo = { method: string; path: string; headers: Record<string, string> };

/** Postgres text timestamps (`2024-05-01 10:00:00.123456+00`) as the ISO strings Storage sends. */
export function isoTime(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.toISOString();
	const text = String(value)
		.replace(' ', 'T')
		.replace(/([+-]\d\d)$/, '$1:00');
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

const TIMES = ['created_at', 'updated_at', 'last_accessed_at'] as const;

function objectRow(raw: Record<string, unknown>): ObjectRow {
	const row = { ...raw } as Record<string, unknown>;
	for (const column of TIMES) if (column in row) row[column] = isoTime(row[column]);
	return row as ObjectRow;
}

function bucketRow(raw: Record<string, unknown>): BucketRow {
	const row = { ...raw } as Record<string, unknown>;
	for (const column of ['created_at', 'updated_at'] as const)
		if (column in row) row[column] = isoTime(row[column]);
	if (row.file_size_limit !== null && row.file_size_limit !== undefined)
		row.file_size_limit = Number(row.file_size_limit);
	return row as BucketRow;
}

const isUuid = (value: string | undefined): value is string =>
	value !== undefined &&
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value);

/** `owner` (deprecated uuid column) is only filled when `sub` is a uuid; `owner_id` always. */
function ownerColumns(owner: string | undefined) {
	return { owner: isUuid(owner) ? owner : null, owner_id: owner ?? null };
}

const OBJECT_COLUMNS =
	'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';
const BUCKET_COLUMNS =
	'id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type, created_at, updated_at';

// ---------------------------------------------------------------------------------------------
// Transactions

/**
 * Runs `work` in one transaction as the caller: role, claims (also as request.jwt.claim.*), the
 * raw token, headers, method, path, `storage.operation` and `storage.allow_delete_query`, as
 * supabase/storage's scope sets them. `rollback` makes it a dry run (upload permission tests).
 */
export async function asCaller<T>(
	pool: pg.Pool,
	caller: Caller,
	request: RequestInfo,
	operation: string,
	work: (db: Db) => Promise<T>,
	options: { rollback?: boolean } = {}
): Promise<T> {
	try {
		return await withRequestScope(
			pool,
			{
				role: caller.role,
				claims: caller.claims,
				claimSettings: true,
				headers: request.headers,
				method: request.method,
				path: request.path,
				settings: {
					'request.jwt': caller.token,
					'storage.operation': operation,
					'storage.allow_delete_query': 'true'
				}
			},
			work,
			options
		);
	} catch (error) {
		throw asStorageError(error);
	}
}

/** Runs `work` in one transaction as the tables' owner: no RLS, deletes allowed. */
export async function asOwner<T>(pool: pg.Pool, work: (db: Db) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query('begin');
		try {
			await client.query(`select set_config('storage.allow_delete_query', 'true', true)`);
			const result = await work(client);
			await client.query('commit');
			return result;
		} catch (error) {
			await client.query('rollback').catch(() => {
				broken = true;
			});
			throw asStorageError(error);
		}
	} finally {
		client.release(broken);
	}
}

/** Serialises writers of one key inside a transaction (upstream's waitObjectLock). */
export async function lockObject(db: Db, bucketId: string, name: string): Promise<void> {
	await db.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
		`storage.objects/${bucketId}/${name}`
	]);
}

// ---------------------------------------------------------------------------------------------
// Buckets

export async function findBucket(db: Db, id: string): Promise<BucketRow | null> {
	const { rows } = await db.query(
		`select ${BUCKET_COLUMNS} from storage.buckets where id = $1 limit 1`,
		[id]
	);
	return rows[0] ? bucketRow(rows[0]) : null;
}

export async function listBuckets(
	db: Db,
	options: {
		limit?: number;
		offset?: number;
		sortColumn?: 'id' | 'name' | 'created_at' | 'updated_at';
		sortOrder?: 'asc' | 'desc';
		search?: string;
	}
): Promise<BucketRow[]> {
	const values: unknown[] = [];
	let where = '';
	if (options.search) {
		values.push(`%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
		where = `where name ilike $${values.length}`;
	}
	// The column comes from a closed list checked by the route; the order is one of two words.
	const order = options.sortColumn
		? `order by ${options.sortColumn} ${options.sortOrder === 'desc' ? 'desc' : 'asc'}`
		: '';
	let page = '';
	if (options.limit !== undefined) {
		values.push(options.limit);
		page += ` limit $${values.length}`;
	}
	if (options.offset !== undefined) {
		values.push(options.offset);
		page += ` offset $${values.length}`;
	}
	const { rows } = await db.query(
		`select ${BUCKET_COLUMNS} from storage.buckets ${where} ${order} ${page}`,
		values
	);
	return rows.map(bucketRow);
}

export async function insertBucket(
	db: Db,
	bucket: {
		id: string;
		name: string;
		owner: string | undefined;
		public: boolean;
		fileSizeLimit: number | null;
		allowedMimeTypes: string[] | null;
	}
): Promise<void> {
	const owner = ownerColumns(bucket.owner);
	try {
		await db.query(
			`insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
			 values ($1, $2, $3, $4, $5, $6, $7, 'STANDARD')`,
			[
				bucket.id,
				bucket.name,
				owner.owner,
				owner.owner_id,
				bucket.public,
				bucket.fileSizeLimit,
				bucket.allowedMimeTypes
			]
		);
	} catch (error) {
		const mapped = asStorageError(error);
		if (isStorageError(mapped, 'ResourceAlreadyExists'))
			throw storageErrors.bucketAlreadyExists(error);
		throw mapped;
	}
}

/** Updates only the fields given; returns how many rows the caller could update. */
export async function updateBucket(
	db: Db,
	id: string,
	fields: {
		public?: boolean;
		file_size_limit?: number | null;
		allowed_mime_types?: string[] | null;
	}
): Promise<number> {
	const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
	if (entries.length === 0) return 1;
	const sets = entries.map(([column], i) => `${column} = $${i + 1}`);
	// RETURNING, as upstream's statement has, so the caller's SELECT policies apply too.
	const result = await db.query(
		`update storage.buckets set ${sets.join(', ')} where id = $${entries.length + 1} returning id`,
		[...entries.map(([, value]) => value), id]
	);
	return result.rowCount ?? 0;
}

export async function deleteBucket(db: Db, id: string): Promise<number> {
	const result = await db.query('delete from storage.buckets where id = $1', [id]);
	return result.rowCount ?? 0;
}

export async function bucketHasObjects(db: Db, bucketId: string): Promise<boolean> {
	const { rows } = await db.query('select 1 from storage.objects where bucket_id = $1 limit 1', [
		bucketId
	]);
	return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Objects

export async function findObject(
	db: Db,
	bucketId: string,
	name: string,
	options: { forUpdate?: boolean } = {}
): Promise<ObjectRow | null> {
	const { rows } = await db.query(
		`select ${OBJECT_COLUMNS} from storage.objects where name = $1 and bucket_id = $2 limit 1${
			options.forUpdate ? ' for update' : ''
		}`,
		[name, bucketId]
	);
	return rows[0] ? objectRow(rows[0]) : null;
}

export async function mustFindObject(db: Db, bucketId: string, name: string): Promise<ObjectRow> {
	const row = await findObject(db, bucketId, name);
	if (!row) throw storageErrors.noSuchKey();
	return row;
}

/** The names among `names` the database lets this connection see. */
export async function findObjectNames(
	db: Db,
	bucketId: string,
	names: string[]
): Promise<Set<string>> {
	if (names.length === 0) return new Set();
	const { rows } = await db.query(
		'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
		[bucketId, names]
	);
	return new Set(rows.map((row) => row.name as string));
}

export type NewObject = {
	bucketId: string;
	name: string;
	owner: string | undefined;
	version: string;
	metadata: Record<string, unknown> | null | undefined;
	userMetadata: Record<string, unknown> | null | undefined;
};

const json = (value: Record<string, unknown> | null | undefined) =>
	value === undefined ? undefined : value === null ? null : JSON.stringify(value);

/**
 * Column values of a row as upstream builds them: undefined values are left out of the INSERT
 * and of the ON CONFLICT update, so an upsert by a caller without `sub` keeps the owner, and a
 * non-uuid `sub` leaves the deprecated `owner` column alone.
 */
function objectColumns(object: Partial<NewObject>): [string, unknown][] {
	const columns: [string, unknown][] = [
		['bucket_id', object.bucketId],
		['name', object.name],
		['owner', isUuid(object.owner) ? object.owner : undefined],
		['owner_id', object.owner],
		['version', object.version],
		['metadata', json(object.metadata)],
		['user_metadata', json(object.userMetadata)]
	];
	return columns.filter(([, value]) => value !== undefined);
}

function insertStatement(object: NewObject) {
	const columns = objectColumns(object);
	return {
		columns: columns.map(([name]) => name),
		sql: `insert into storage.objects (${columns.map(([name]) => name).join(', ')})
		 values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
		values: columns.map(([, value]) => value)
	};
}

/**
 * A plain INSERT, without RETURNING as upstream's createObject: only INSERT policies apply (a
 * drop-box bucket the caller cannot read still accepts uploads); an existing key is
 * KeyAlreadyExists.
 */
export async function insertObject(db: Db, object: NewObject): Promise<void> {
	const insert = insertStatement(object);
	try {
		await db.query(insert.sql, insert.values);
	} catch (error) {
		const mapped = asStorageError(error);
		if (isStorageError(mapped, 'ResourceAlreadyExists'))
			throw storageErrors.keyAlreadyExists(error);
		throw mapped;
	}
}

const UPSERT_UPDATES = new Set(['owner', 'owner_id', 'version', 'metadata', 'user_metadata']);

/**
 * INSERT … ON CONFLICT DO UPDATE: as the caller it needs INSERT, SELECT and UPDATE policies,
 * exactly what upstream's upsert test exercises.
 */
export async function upsertObject(db: Db, object: NewObject): Promise<ObjectRow> {
	const insert = insertStatement(object);
	const updates = insert.columns
		.filter((name) => UPSERT_UPDATES.has(name))
		.map((name) => `${name} = excluded.${name}`);
	const { rows } = await db.query(
		`${insert.sql}
		 on conflict (name, bucket_id) do update set ${updates.join(', ')}
		 returning ${OBJECT_COLUMNS}`,
		insert.values
	);
	return objectRow(rows[0]);
}

/** Renames an object (move): UPDATE policies decide as the caller; no row → NoSuchKey. */
export async function relocateObject(
	db: Db,
	from: { bucketId: string; name: string },
	to: {
		bucketId: string;
		name: string;
		version: string;
		owner: string | undefined;
		metadata?: Record<string, unknown> | null;
	}
): Promise<ObjectRow> {
	const columns = objectColumns({
		bucketId: to.bucketId,
		name: to.name,
		version: to.version,
		owner: to.owner,
		metadata: to.metadata
	});
	const values = [...columns.map(([, value]) => value), from.bucketId, from.name];
	const { rows } = await db.query(
		`update storage.objects
		 set ${columns.map(([name], i) => `${name} = $${i + 1}`).join(', ')}
		 where bucket_id = $${columns.length + 1} and name = $${columns.length + 2}
		 returning ${OBJECT_COLUMNS}`,
		values
	);
	if (!rows[0]) throw storageErrors.noSuchKey();
	return objectRow(rows[0]);
}

/** DELETE … RETURNING: rows the caller may not see or delete are skipped silently. */
export async function deleteObjects(
	db: Db,
	bucketId: string,
	names: string[]
): Promise<ObjectRow[]> {
	if (names.length === 0) return [];
	const { rows } = await db.query(
		`delete from storage.objects where bucket_id = $1 and name = any($2::text[])
		 returning ${OBJECT_COLUMNS}`,
		[bucketId, names]
	);
	return rows.map(objectRow);
}

export async function deleteAllObjects(db: Db, bucketId: string): Promise<ObjectRow[]> {
	const { rows } = await db.query(
		`delete from storage.objects where bucket_id = $1 returning ${OBJECT_COLUMNS}`,
		[bucketId]
	);
	return rows.map(objectRow);
}

/** Folder-emulating listing through storage.search(), as the caller (SELECT policies). */
export async function searchObjects(
	db: Db,
	bucketId: string,
	prefix: string,
	options: {
		limit: number;
		offset: number;
		search: string;
		sortColumn: string;
		sortOrder: string;
	}
): Promise<SearchRow[]> {
	const levels = (prefix + options.search).split('/').length;
	const { rows } = await db.query(
		`select name, id, updated_at, created_at, last_accessed_at, metadata
		 from storage.search($1, $2, $3, $4, $5, $6, $7, $8)`,
		[
			prefix,
			bucketId,
			options.limit,
			levels,
			options.offset,
			options.search,
			options.sortColumn,
			options.sortOrder
		]
	);
	return rows.map((row) => objectRow(row) as SearchRow);
}
