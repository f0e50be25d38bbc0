// DELETE /object/{bucket}/{key}: one object; missing is NoSuchKey, present but not deletable by
// the caller is AccessDenied. Mirrors routes/object/deleteObject.ts.
import { asCaller, asOwner, deleteObjects, mustFindObject } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';

export async function deleteObject(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	input.request.raw.resume();
	mustBeValidBucketName(params.bucket);
	await asOwner(storage.pool, (db) => mustFindObject(db, params.bucket, params.key));
	const deleted = await asCaller(storage.pool, input.caller, input.info, input.operation, (db) =>
		deleteObjects(db, params.bucket, [params.key])
	);
	if (deleted.length === 0) throw storageErrors.accessDenied('Access denied');
	for (const row of deleted) await storage.files.remove(row.bucket_id, row.name, row.version);
	sendJson(input.response, 200, { message: 'Successfully deleted' });
}
