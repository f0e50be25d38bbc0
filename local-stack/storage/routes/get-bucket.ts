// GET /bucket/{id}: one bucket, if the caller's SELECT policies show it; else NoSuchBucket.
// Mirrors routes/bucket/getBucket.ts (no `type` in this answer).
import { asCaller, findBucket } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { sendJson } from '../http.ts';
import { bucketJson } from '../present.ts';
import type { RouteInput } from '../runtime.ts';

export async function getBucket(input: RouteInput): Promise<void> {
	const row = await asCaller(input.storage.pool, input.caller, input.info, input.operation, (db) =>
		findBucket(db, input.params.bucket)
	);
	if (!row) throw storageErrors.noSuchBucket();
	sendJson(input.response, 200, bucketJson(row, { withType: false }));
}
