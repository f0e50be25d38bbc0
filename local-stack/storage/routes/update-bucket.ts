// PUT /bucket/{id}: changes public / file_size_limit / allowed_mime_types as the caller (UPDATE
// policies on storage.buckets); a bucket the caller cannot update is NoSuchBucket.
// Mirrors routes/bucket/updateBucket.ts.
import { asCaller, updateBucket as updateBucketRow } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { bucketSizeLimit, checkAllowedMimeTypes, mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { fileSizeLimitField, validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		public: { type: 'boolean' },
		file_size_limit: { type: 'any' },
		allowed_mime_types: { type: 'array', nullable: true, items: { type: 'string' } },
		versioning_status: { type: 'string', enum: ['DISABLED', 'ENABLED', 'SUSPENDED'] }
	}
} as const;

type Body = {
	public?: boolean;
	file_size_limit?: unknown;
	allowed_mime_types?: string[] | null;
	versioning_status?: string;
};

export async function updateBucket(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	const raw = await readJsonBody(input.request.raw);
	const body = validate(raw, schema, 'body') as Body;
	if (body.versioning_status !== undefined)
		throw storageErrors.notAvailableLocally('object versioning');
	if (Object.keys(body).length === 0)
		throw storageErrors.validation('body must NOT have fewer than 1 properties');
	if (
		body.public === undefined &&
		body.file_size_limit === undefined &&
		body.allowed_mime_types === undefined
	)
		throw storageErrors.validation('body must match a schema in anyOf');
	const sizeLimit = fileSizeLimitField(body.file_size_limit, 'body/file_size_limit');
	mustBeValidBucketName(params.bucket);

	const fileSizeLimit =
		sizeLimit === undefined || sizeLimit === null
			? sizeLimit
			: bucketSizeLimit(sizeLimit, storage.globalLimit);
	const allowedMimeTypes = body.allowed_mime_types
		? body.allowed_mime_types.filter((type) => type)
		: body.allowed_mime_types;
	if (allowedMimeTypes) checkAllowedMimeTypes(allowedMimeTypes);

	const updated = await asCaller(storage.pool, input.caller, input.info, input.operation, (db) =>
		updateBucketRow(db, params.bucket, {
			public: body.public,
			file_size_limit: fileSizeLimit,
			allowed_mime_types: allowedMimeTypes
		})
	);
	if (updated === 0) throw storageErrors.noSuchBucket();
	sendJson(input.response, 200, { message: 'Successfully updated' });
}
