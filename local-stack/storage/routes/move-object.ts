// POST /object/move: renames an object, across buckets too. The caller must be able to SELECT
// the source and UPDATE it into its new name (tested in a rolled-back transaction, as upstream
// does); then the file gets its new name and the row follows in one owner transaction.
// Mirrors routes/object/moveObject.ts.
import { randomUUID } from 'node:crypto';
import { asCaller, asOwner, lockObject, mustFindObject, relocateObject } from '../database.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		bucketId: { type: 'string' },
		sourceKey: { type: 'string' },
		destinationBucket: { type: 'string' },
		destinationKey: { type: 'string' }
	},
	required: ['bucketId', 'sourceKey', 'destinationKey']
} as const;

type Body = {
	bucketId: string;
	sourceKey: string;
	destinationBucket?: string;
	destinationKey: string;
};

export async function moveObject(input: RouteInput): Promise<void> {
	const { storage, caller } = input;
	const body = validate(await readJsonBody(input.request.raw), schema, 'body') as Body;
	const from = { bucketId: body.bucketId, name: body.sourceKey };
	const toBucket = body.destinationBucket || body.bucketId;
	mustBeValidBucketName(from.bucketId);
	mustBeValidBucketName(toBucket);
	mustBeValidKey(body.destinationKey);
	const version = randomUUID();
	const to = { bucketId: toBucket, name: body.destinationKey, version, owner: caller.owner };

	await asCaller(
		storage.pool,
		caller,
		input.info,
		input.operation,
		async (db) => {
			await mustFindObject(db, from.bucketId, from.name);
			await relocateObject(db, from, to);
		},
		{ rollback: true }
	);
	const source = await asOwner(storage.pool, (db) => mustFindObject(db, from.bucketId, from.name));
	if (from.bucketId === to.bucketId && from.name === to.name) {
		sendJson(input.response, 200, { message: 'Successfully moved' });
		return;
	}

	const target = { bucket: to.bucketId, key: to.name, version };
	if (source.version)
		await storage.files.linkVersion(
			{ bucket: from.bucketId, key: from.name, version: source.version },
			target
		);
	try {
		await asOwner(storage.pool, async (db) => {
			await lockObject(db, to.bucketId, to.name);
			await lockObject(db, from.bucketId, from.name);
			await relocateObject(db, from, to);
		});
	} catch (error) {
		await storage.files.remove(target.bucket, target.key, version);
		throw error;
	}
	await storage.files.remove(from.bucketId, from.name, source.version);
	sendJson(input.response, 200, { message: 'Successfully moved' });
}
