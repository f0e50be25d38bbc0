// GET /object/public/{bucket}/{key}: no authorisation at all, but only in public buckets (a
// private bucket answers "Bucket not found"). Mirrors routes/object/getPublicObject.ts.
import { asOwner, findBucket, mustFindObject } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../limits.ts';
import { refuseVersionQuery, sendObject } from '../read.ts';
import type { RouteInput } from '../runtime.ts';

export async function publicObject(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	refuseVersionQuery(input);
	mustBeValidBucketName(params.bucket);
	mustBeValidKey(params.key);
	const row = await asOwner(storage.pool, async (db) => {
		const bucket = await findBucket(db, params.bucket);
		if (!bucket?.public) throw storageErrors.noSuchBucket();
		return mustFindObject(db, params.bucket, params.key);
	});
	await sendObject(storage, input, row, {
		download: input.request.url.searchParams.get('download')
	});
}
