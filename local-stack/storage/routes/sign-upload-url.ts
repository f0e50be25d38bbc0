// POST /object/upload/sign/{bucket}/{key}: a 2-hour upload URL, issued only when the caller may
// INSERT (or, with `x-upsert: true`, upsert) that object right now.
// Mirrors routes/object/getSignedUploadURL.ts.
import { header, sendJson } from '../http.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { signUploadToken } from '../signed-url.ts';
import { checkCanUpload, parseMetadataHeader } from '../upload.ts';

export async function signUploadUrl(input: RouteInput): Promise<void> {
	const { storage, params, caller, request } = input;
	mustBeValidBucketName(params.bucket);
	mustBeValidKey(params.key);
	request.raw.resume();
	const upsert = header(request, 'x-upsert') === 'true';
	const contentLength = Number(header(request, 'content-length'));
	await checkCanUpload(
		storage,
		{ kind: 'caller', caller, info: input.info, operation: input.operation },
		{
			bucketId: params.bucket,
			key: params.key,
			owner: caller.owner,
			upsert,
			metadata: {
				mimetype: header(request, 'content-type'),
				...(Number.isFinite(contentLength) ? { contentLength } : {})
			},
			userMetadata: parseMetadataHeader(header(request, 'x-metadata'))
		}
	);
	const url = `${params.bucket}/${params.key}`;
	const token = signUploadToken({ url, owner: caller.owner, upsert }, storage.context.keys);
	sendJson(input.response, 200, { url: `/object/upload/sign/${url}?token=${token}`, token });
}
