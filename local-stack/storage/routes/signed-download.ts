// GET /object/sign/{bucket}/{key}?token=…: serves the object a signed URL names, without RLS
// (the check happened at signing). Expires replaces Cache-Control, as upstream does.
// Mirrors routes/object/getSignedObject.ts.
import { asOwner, mustFindObject } from '../database.ts';
import { mustBeValidBucketName } from '../limits.ts';
import { sendObject } from '../read.ts';
import type { RouteInput } from '../runtime.ts';
import { SignedScope, verifySignedToken } from '../signed-url.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: { token: { type: 'string' }, download: { type: 'string' } },
	required: ['token']
} as const;

export async function signedDownload(input: RouteInput): Promise<void> {
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
		SignedScope.download,
		storage.context.keys
	);
	const row = await asOwner(storage.pool, (db) => mustFindObject(db, params.bucket, params.key));
	await sendObject(storage, input, row, {
		download: input.request.url.searchParams.get('download'),
		expires: typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toUTCString() : undefined
	});
}
