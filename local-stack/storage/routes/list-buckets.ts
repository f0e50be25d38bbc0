// GET /bucket: the buckets the caller may see (SELECT policies on storage.buckets), with
// limit/offset/sortColumn/sortOrder/search. Mirrors routes/bucket/getAllBuckets.ts.
import { asCaller, listBuckets as selectBuckets } from '../database.ts';
import { sendJson } from '../http.ts';
import { bucketJson } from '../present.ts';
import type { RouteInput } from '../runtime.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		limit: { type: 'integer', minimum: 1 },
		offset: { type: 'integer', minimum: 0 },
		sortColumn: { type: 'string', enum: ['id', 'name', 'created_at', 'updated_at'] },
		sortOrder: { type: 'string', enum: ['asc', 'desc'] },
		search: { type: 'string' }
	}
} as const;

type Query = {
	limit?: number;
	offset?: number;
	sortColumn?: 'id' | 'name' | 'created_at' | 'updated_at';
	sortOrder?: 'asc' | 'desc';
	search?: string;
};

export async function listBuckets(input: RouteInput): Promise<void> {
	const query = validate(
		Object.fromEntries(input.request.url.searchParams),
		schema,
		'querystring'
	) as Query;
	const rows = await asCaller(input.storage.pool, input.caller, input.info, input.operation, (db) =>
		selectBuckets(db, query)
	);
	sendJson(
		input.response,
		200,
		rows.map((row) => bucketJson(row, { withType: true }))
	);
}
