// DELETE /bucket/{id}: refuses a bucket that still holds objects (ResourceNotEmpty), deletes the
// row as the caller (DELETE policies), then its folder. Mirrors routes/bucket/deleteBucket.ts.
import {
	asCaller,
	asOwner,
	bucketHasObjects,
	deleteBucket as deleteBucketRow,
	findBucket
} from '../database.ts';
import { isStorageError, storageErrors } from '../errors.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';

export async function deleteBucket(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	await readJsonBody(input.request.raw, { allowEmpty: true });
	mustBeValidBucketName(params.bucket);
	const state = await asOwner(storage.pool, async (db) => ({
		bucket: await findBucket(db, params.bucket),
		hasObjects: await bucketHasObjects(db, params.bucket)
	}));
	if (!state.bucket) throw storageErrors.noSuchBucket();
	if (state.hasObjects) throw storageErrors.bucketNotEmpty();
	let deleted: number;
	try {
		deleted = await asCaller(storage.pool, input.caller, input.info, input.operation, (db) =>
			deleteBucketRow(db, params.bucket)
		);
	} catch (error) {
		// An object uploaded meanwhile still references the bucket.
		if (isStorageError(error, 'ResourceReferenced')) throw storageErrors.bucketNotEmpty();
		throw error;
	}
	if (deleted === 0) throw storageErrors.noSuchBucket();
	await storage.files.removeBucket(params.bucket);
	sendJson(input.response, 200, { message: 'Successfully deleted' });
}
