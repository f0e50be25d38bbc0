// POST /object/copy: duplicates an object, across buckets too. The caller must SELECT the source
// and be allowed to create (or with `x-upsert`, upsert) the destination; the bytes are copied to
// a new file and committed like an upload. Mirrors routes/object/copyObject.ts.
import { asCaller, mustFindObject } from '../database.ts';
import type { ObjectMetadata } from '../database.ts';
import { header, readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../limits.ts';
import { objectJson } from '../present.ts';
import type { RouteInput } from '../runtime.ts';
import { checkCanUpload, commitObject, parseMetadataHeader } from '../upload.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		bucketId: { type: 'string' },
		sourceKey: { type: 'string' },
		destinationBucket: { type: 'string' },
		destinationKey: { type: 'string' },
		metadata: {
			type: 'object',
			properties: { cacheControl: { type: 'string' }, mimetype: { type: 'string' } }
		},
		copyMetadata: { type: 'boolean' }
	},
	required: ['sourceKey', 'bucketId', 'destinationKey']
} as const;

type Body = {
	bucketId: string;
	sourceKey: string;
	destinationBucket?: string;
	destinationKey: string;
	metadata?: { cacheControl?: string; mimetype?: string };
	copyMetadata?: boolean;
};

export async function copyObject(input: RouteInput): Promise<void> {
	const { storage, caller, request } = input;
	const body = validate(await readJsonBody(request.raw), schema, 'body') as Body;
	const toBucket = body.destinationBucket || body.bucketId;
	mustBeValidBucketName(body.bucketId);
	mustBeValidBucketName(toBucket);
	mustBeValidKey(body.destinationKey);
	const copyMetadata = body.copyMetadata ?? true;
	const upsert = header(request, 'x-upsert') === 'true';
	const permission = {
		kind: 'caller',
		caller,
		info: input.info,
		operation: input.operation
	} as const;

	const source = await asCaller(storage.pool, caller, input.info, input.operation, (db) =>
		mustFindObject(db, body.bucketId, body.sourceKey)
	);
	// REST copies keep the source's content type and cache control unless the body overrides them.
	const metadata: Record<string, unknown> = { ...(source.metadata ?? {}) };
	if (!copyMetadata) {
		if (body.metadata?.cacheControl !== undefined)
			metadata.cacheControl = body.metadata.cacheControl;
		if (body.metadata?.mimetype !== undefined) metadata.mimetype = body.metadata.mimetype;
	}
	const userMetadata = copyMetadata
		? source.user_metadata
		: parseMetadataHeader(header(request, 'x-metadata'));
	const target = { bucketId: toBucket, key: body.destinationKey, owner: caller.owner, upsert };
	await checkCanUpload(storage, permission, {
		...target,
		metadata,
		userMetadata: userMetadata ?? undefined
	});

	const file = await storage.files.copyToTemp(body.bucketId, body.sourceKey, source.version ?? '');
	const row = await commitObject(storage, {
		...target,
		file,
		metadata: {
			...metadata,
			size: file.size,
			contentLength: file.size,
			lastModified: file.lastModified.toISOString(),
			httpStatusCode: 200
		} as ObjectMetadata,
		userMetadata
	});
	sendJson(input.response, 200, {
		Id: row.id,
		Key: `${toBucket}/${body.destinationKey}`,
		...objectJson(row)
	});
}
