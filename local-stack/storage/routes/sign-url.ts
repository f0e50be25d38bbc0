// POST /object/sign/{bucket}/{key}: a download URL valid `expiresIn` seconds, only for an object
// the caller can SELECT. Mirrors routes/object/getSignedURL.ts; image transformations are not
// available locally and are refused rather than ignored.
import { asCaller, mustFindObject } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { checkExpiresIn, signDownloadToken } from '../signed-url.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		expiresIn: { type: 'integer', minimum: 1 },
		transform: { type: 'any' },
		versionId: { type: 'any' }
	},
	required: ['expiresIn']
} as const;

export async function signUrl(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	const body = validate(await readJsonBody(input.request.raw), schema, 'body') as {
		expiresIn: number;
		transform?: unknown;
		versionId?: unknown;
	};
	checkExpiresIn(body.expiresIn);
	if (
		body.transform !== undefined &&
		body.transform !== null &&
		Object.keys(body.transform as object).length > 0
	)
		throw storageErrors.notAvailableLocally('image transformation');
	if (body.versionId !== undefined && body.versionId !== null)
		throw storageErrors.notAvailableLocally('object versioning');
	mustBeValidBucketName(params.bucket);
	mustBeValidKey(params.key);
	await asCaller(storage.pool, input.caller, input.info, input.operation, (db) =>
		mustFindObject(db, params.bucket, params.key)
	);
	const url = `${params.bucket}/${params.key}`;
	const token = signDownloadToken(url, body.expiresIn, storage.context.keys);
	sendJson(input.response, 200, { signedURL: `/object/sign/${url}?token=${token}` });
}
