// GET /object/{bucket}/{key} and /object/authenticated/{bucket}/{key}: streams the file when
// the caller may read the row (public bucket, or the SELECT policies). `?download[=name]` adds
// Content-Disposition. Mirrors routes/object/getObject.ts.
import { findReadableObject, sendObject } from '../read.ts';
import type { RouteInput } from '../runtime.ts';

export async function downloadObject(input: RouteInput): Promise<void> {
	const row = await findReadableObject(input);
	await sendObject(input.storage, input, row, {
		download: input.request.url.searchParams.get('download')
	});
}
