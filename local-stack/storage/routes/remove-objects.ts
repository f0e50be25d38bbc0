// DELETE /object/{bucket} with {prefixes}: one DELETE … RETURNING as the caller, so rows its
// policies hide or protect are skipped silently; the files of the deleted rows go once the
// transaction has committed. Answers the deleted rows. Mirrors routes/object/deleteObjects.ts.
import { asCaller, deleteObjects } from '../database.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import { objectJson } from '../present.ts';
import type { RouteInput } from '../runtime.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: { prefixes: { type: 'array', items: { type: 'string' }, minItems: 1 } },
	required: ['prefixes']
} as const;

export async function removeObjects(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	const body = validate(await readJsonBody(input.request.raw), schema, 'body') as {
		prefixes: string[];
	};
	mustBeValidBucketName(params.bucket);
	const deleted = await asCaller(storage.pool, input.caller, input.info, input.operation, (db) =>
		deleteObjects(db, params.bucket, body.prefixes)
	);
	for (const row of deleted) await storage.files.remove(row.bucket_id, row.name, row.version);
	sendJson(input.response, 200, deleted.map(objectJson));
}
