// POST /bucket/{id}/empty (service role only): deletes every object of the bucket, rows then
// files. Upstream queues the work; here it is done before answering, with upstream's message.
import { asOwner, deleteAllObjects, findBucket } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';

export async function emptyBucket(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	await readJsonBody(input.request.raw, { allowEmpty: true });
	mustBeValidBucketName(params.bucket);
	const removed = await asOwner(storage.pool, async (db) => {
		if (!(await findBucket(db, params.bucket))) throw storageErrors.noSuchBucket();
		return deleteAllObjects(db, params.bucket);
	});
	for (const row of removed) await storage.files.remove(row.bucket_id, row.name, row.version);
	sendJson(input.response, 200, {
		message: 'Empty bucket has been queued. Completion may take up to an hour.'
	});
}
