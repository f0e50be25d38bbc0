// POST /object/sign/{bucket}: download URLs for many paths at once; paths the caller cannot
// SELECT (or that do not exist) get upstream's error string instead of a URL.
// Mirrors routes/object/getSignedURLs.ts.
import { asCaller, findObjectNames } from '../database.ts';
import { readJsonBody, sendJson } from '../http.ts';
import { mustBeValidBucketName } from '../limits.ts';
import type { RouteInput } from '../runtime.ts';
import { checkExpiresIn, signDownloadToken } from '../signed-url.ts';
import { validate } from '../validate.ts';

const schema = {
	type: 'object',
	properties: {
		expiresIn: { type: 'integer', minimum: 1 },
		paths: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1000 }
	},
	required: ['expiresIn', 'paths']
} as const;

export async function signUrls(input: RouteInput): Promise<void> {
	const { storage, params } = input;
	const body = validate(await readJsonBody(input.request.raw), schema, 'body') as {
		expiresIn: number;
		paths: string[];
	};
	checkExpiresIn(body.expiresIn);
	mustBeValidBucketName(params.bucket);
	const visible = await asCaller(storage.pool, input.caller, input.info, input.operation, (db) =>
		findObjectNames(db, params.bucket, body.paths)
	);
	sendJson(
		input.response,
		200,
		body.paths.map((path) => {
			if (!visible.has(path))
				return {
					error: 'Either the object does not exist or you do not have access to it',
					path,
					signedURL: null
				};
			const url = `${params.bucket}/${path}`;
			const token = signDownloadToken(url, body.expiresIn, storage.context.keys);
			return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` };
		})
	);
}
