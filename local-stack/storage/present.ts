// Response shapes of supabase/storage's objectSchema and bucketSchema, as fast-json-stringify
// renders them: schema property order, unknown columns dropped, and a null in a plain `string`
// property written as "" (why the CLI sees `"owner": ""` on objects without an owner).
import type { BucketRow, ObjectRow, SearchRow } from './database.ts';

const text = (value: string | null | undefined) => value ?? '';

export function objectJson(row: ObjectRow) {
	return {
		name: row.name,
		bucket_id: text(row.bucket_id),
		owner: text(row.owner),
		owner_id: text(row.owner_id),
		version: text(row.version),
		id: row.id,
		updated_at: row.updated_at,
		created_at: row.created_at,
		last_accessed_at: row.last_accessed_at,
		metadata: row.metadata,
		user_metadata: row.user_metadata
	};
}

export function searchJson(row: SearchRow) {
	return {
		name: row.name,
		id: row.id,
		updated_at: row.updated_at,
		created_at: row.created_at,
		last_accessed_at: row.last_accessed_at,
		metadata: row.metadata
	};
}

/** GET /bucket lists `type`; GET /bucket/{id} does not select it. */
export function bucketJson(row: BucketRow, options: { withType: boolean }) {
	return {
		id: row.id,
		name: row.name,
		owner: text(row.owner),
		public: row.public ?? false,
		...(options.withType ? { type: row.type } : {}),
		file_size_limit: row.file_size_limit,
		allowed_mime_types: row.allowed_mime_types,
		created_at: text(row.created_at),
		updated_at: text(row.updated_at)
	};
}
