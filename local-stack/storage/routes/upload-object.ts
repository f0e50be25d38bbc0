// POST /object/{bucket}/{key}: a new object from a raw or multipart body; `x-upsert: true`
// overwrites. The caller's INSERT (or upsert) policies decide before any byte is stored.
// Mirrors supabase/storage routes/object/createObject.ts.
import { header, sendJson } from '../http.ts';
import type { RouteInput } from '../runtime.ts';
import { uploadFromRequest } from '../upload.ts';

export async function uploadObject(input: RouteInput): Promise<void> {
	const { bucket, key } = input.params;
	const row = await uploadFromRequest(
		input.storage,
		input.request,
		{
			bucketId: bucket,
			key,
			owner: input.caller.owner,
			upsert: header(input.request, 'x-upsert') === 'true'
		},
		{ kind: 'caller', caller: input.caller, info: input.info, operation: input.operation }
	);
	sendJson(input.response, 200, { Id: row.id, Key: `${bucket}/${key}` });
}
