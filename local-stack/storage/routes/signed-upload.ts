// PUT /object/upload/sign/{bucket}/{key}?token=…: stores the body under the key a signed upload
// URL names, with the owner and upsert flag the token carries and no further RLS check.
// Mirrors routes/object/uploadSignedObject.ts.
import { sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { SignedScope, verifySignedToken } from '../signed-url.ts';
import { uploadFromRequest } from '../upload.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: { token: { type: 'string' } },
	required: ['token']
} as const;

export async function signedUpload(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	const query = validate(
		Object.fromEntries(input.request.url.searchParams),
		schema,
		'querystring'
	) as { token: string };
	mustBeValidBucketName(params.bucket);
	const claims = verifySignedToken(
		query.token,
		`${params.bucket}/${params.key}`,
		SignedScope.upload,
		storage.context.keys
	);
	await uploadFromRequest(
		storage,
		input.request,
		{
			bucketId: params.bucket,
			key: params.key,
			owner: typeof claims.owner === 'string' ? claims.owner : undefined,
			upsert: claims.upsert === true
		},
		{ kind: 'signed' }
	);
	sendJson(input.response, 200, { Key: `${params.bucket}/${params.key}` });
}
