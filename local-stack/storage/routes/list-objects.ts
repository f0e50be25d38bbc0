// POST /object/list/{bucket}: one folder level under `prefix` through storage.search(), run as
// the caller so SELECT policies filter it; sub-folders come back with a null id and metadata.
// Mirrors routes/object/listObjects.ts.
import { asCaller, searchObjects } from '../database.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import { searchJson } from '../present.ts';
import type { RouteInput } from '../runtime.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		prefix: { type: 'string' },
		limit: { type: 'integer', minimum: 1 },
		offset: { type: 'integer', minimum: 0 },
		sortBy: {
			type: 'object',
			properties: {
				column: { type: 'string', enum: ['name', 'updated_at', 'created_at', 'last_accessed_at'] },
				order: { type: 'string', enum: ['asc', 'desc'] }
			},
			required: ['column']
		},
		search: { type: 'string' }
	},
	required: ['prefix']
} as const;

type Body = {
	prefix: string;
	limit?: number;
	offset?: number;
	sortBy?: { column: string; order?: string };
	search?: string;
};

export async function listObjects(input: RouteInput): Promise<void> {
	const body = validate(await readJsonBody(input.request.raw), schema, 'body') as Body;
	mustBeValidBucketName(input.params.bucket);
	// A prefix always names a folder.
	const prefix =
		body.prefix.length > 0 && !body.prefix.endsWith('/') ? `${body.prefix}/` : body.prefix;
	const rows = await asCaller(input.storage.pool, input.caller, input.info, input.operation, (db) =>
		searchObjects(db, input.params.bucket, prefix, {
			limit: body.limit || 100,
			offset: body.offset || 0,
			search: body.search || '',
			sortColumn: body.sortBy?.column ?? 'name',
			sortOrder: body.sortBy?.order ?? 'asc'
		})
	);
	sendJson(input.response, 200, rows.map(searchJson));
}
