// PUT /object/{bucket}/{key}: replaces (or creates) the object, always as an upsert, so the
// caller needs INSERT, SELECT and UPDATE policies. Mirrors routes/object/updateObject.ts.
import { sendJson } from '../http.ts';
import type { RouteInput } from '../runtime.ts';
import { uploadFromRequest } from '../upload.ts';

export async function updateObject(input: RouteInput): Promise<void> {
	const { bucket, key } = input.params;
	const row = await uploadFromRequest(
		input.storage,
		input.request,
		{ bucketId: bucket, key, owner: input.caller.owner, upsert: true },
		{ kind: 'caller', caller: input.caller, info: input.info, operation: input.operation }
	);
	sendJson(input.response, 200, { Id: row.id, Key: `${bucket}/${key}` });
}
