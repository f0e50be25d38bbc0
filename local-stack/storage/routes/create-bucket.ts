// POST /bucket: creates a bucket as the caller, so storage.buckets' RLS policies decide (the
// service role bypasses them). Mirrors supabase/storage routes/bucket/createBucket.ts.
import { asCaller, insertBucket } from '../database.ts';
import { storageErrors } from '../errors.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { bucketSizeLimit, checkAllowedMimeTypes, mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { fileSizeLimitField, validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		name: { type: 'string' },
		id: { type: 'string' },
		public: { type: 'boolean' },
		type: { type: 'string', enum: ['STANDARD', 'ANALYTICS'] },
		file_size_limit: { type: 'any' },
		allowed_mime_types: { type: 'array', nullable: true, items: { type: 'string' } },
		versioning_status: { type: 'string', enum: ['DISABLED', 'ENABLED', 'SUSPENDED'] }
	},
	required: ['name']
} as const;

type Body = {
	name: string;
	id?: string;
	public?: boolean;
	type?: 'STANDARD' | 'ANALYTICS';
	file_size_limit?: unknown;
	allowed_mime_types?: string[] | null;
	versioning_status?: string;
};

export async function createBucket(input: RouteInput): Promise<void> {
	const { storage, caller } = input;
	const body = validate(await readJsonBody(input.request.raw), schema, 'body') as Body;
	const sizeLimit = fileSizeLimitField(body.file_size_limit, 'body/file_size_limit');
	const id = body.id || body.name;
	if (body.name.trim() !== body.name) throw storageErrors.invalidBucketName();
	mustBeValidBucketName(body.name);
	// The id names the bucket's folder on disk, so it obeys the same rule as the name.
	mustBeValidBucketName(id);
	if (body.type === 'ANALYTICS')
		throw storageErrors.notAvailableLocally('analytics (Iceberg) buckets');
	if (body.versioning_status !== undefined && body.versioning_status !== 'DISABLED')
		throw storageErrors.notAvailableLocally('object versioning');

	const fileSizeLimit =
		sizeLimit === undefined || sizeLimit === null
			? null
			: bucketSizeLimit(sizeLimit, storage.globalLimit);
	const allowedMimeTypes = body.allowed_mime_types
		? body.allowed_mime_types.filter((type) => type)
		: (body.allowed_mime_types ?? null);
	if (allowedMimeTypes) checkAllowedMimeTypes(allowedMimeTypes);

	await asCaller(storage.pool, caller, input.info, input.operation, (db) =>
		insertBucket(db, {
			id,
			name: body.name,
			owner: caller.owner,
			public: body.public ?? false,
			fileSizeLimit,
			allowedMimeTypes
		})
	);
	sendJson(input.response, 200, { name: body.name });
}
