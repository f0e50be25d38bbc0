// The route table of the Storage API (paths after /storage/v1), in the order Fastify's router
// would prefer them: static segments before `:bucket`, then the `/object/:bucket/*` catch-all.
// Each route names its auth mode (upstream's registerJwtAuth / allowInvalidJwt / public plugins)
// and its storage.operation (src/http/routes/operations.ts).
import { copyObject } from './routes/copy-object.ts';
import { createBucket } from './routes/create-bucket.ts';
import { deleteBucket } from './routes/delete-bucket.ts';
import { deleteObject } from './routes/delete-object.ts';
import { downloadObject } from './routes/download-object.ts';
import { emptyBucket } from './routes/empty-bucket.ts';
import { getBucket } from './routes/get-bucket.ts';
import { listBuckets } from './routes/list-buckets.ts';
import { listObjects } from './routes/list-objects.ts';
import { moveObject } from './routes/move-object.ts';
import {
	headObject,
	headPublicObject,
	objectInfo,
	publicObjectInfo
} from './routes/object-info.ts';
import { publicObject } from './routes/public-object.ts';
import { removeObjects } from './routes/remove-objects.ts';
import { signUploadUrl } from './routes/sign-upload-url.ts';
import { signUrl } from './routes/sign-url.ts';
import { signUrls } from './routes/sign-urls.ts';
import { signedDownload } from './routes/signed-download.ts';
import { signedUpload } from './routes/signed-upload.ts';
import { unsupported } from './routes/unsupported.ts';
import { updateBucket } from './routes/update-bucket.ts';
import { updateObject } from './routes/update-object.ts';
import { uploadObject } from './routes/upload-object.ts';
import type { RouteHandler } from './runtime.ts';

/**
 * required: a valid JWT (AccessDenied otherwise); optional: a bad or missing JWT makes an
 * unauthenticated anon caller; none: the route never reads the JWT (public and signed URLs);
 * service_role: a valid JWT whose role is service_role (HTTP 403 otherwise).
 */
export type AuthMode = 'required' | 'optional' | 'none' | 'service_role';

export type Route = {
	methods: string[];
	/** Segments; `:bucket` is one segment, a final `*` the rest of the path (the key). */
	pattern: string;
	auth: AuthMode;
	operation: string;
	handler: RouteHandler;
};

const route = (
	methods: string | string[],
	pattern: string,
	auth: AuthMode,
	operation: string,
	handler: RouteHandler
): Route => ({ methods: [methods].flat(), pattern, auth, operation, handler });

const ANY = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export const routes: Route[] = [
	// Refused features, wherever they start.
	route(ANY, '/upload/resumable/*', 'none', 'storage.tus', unsupported('resumable uploads (TUS)')),
	route(ANY, '/upload/resumable', 'none', 'storage.tus', unsupported('resumable uploads (TUS)')),
	route(ANY, '/s3/*', 'none', 'storage.s3', unsupported('the S3 protocol')),
	route(ANY, '/render/image/*', 'none', 'storage.render', unsupported('image transformation')),
	route(ANY, '/iceberg/*', 'none', 'storage.iceberg', unsupported('analytics (Iceberg) buckets')),
	route(ANY, '/vector/*', 'none', 'storage.vector', unsupported('vector buckets')),
	route(ANY, '/cdn/*', 'none', 'storage.cdn', unsupported('CDN cache purge')),
	route(
		'POST',
		'/object/list-v2/:bucket',
		'none',
		'storage.object.list_v2',
		unsupported('list-v2')
	),

	route(
		ANY,
		'/bucket/:bucket/lifecycle',
		'none',
		'storage.bucket.lifecycle',
		unsupported('bucket lifecycle rules')
	),

	// Buckets.
	route('GET', '/bucket', 'required', 'storage.bucket.list', listBuckets),
	route('GET', '/bucket/', 'required', 'storage.bucket.list', listBuckets),
	route('POST', '/bucket', 'required', 'storage.bucket.create', createBucket),
	route('POST', '/bucket/', 'required', 'storage.bucket.create', createBucket),
	route('POST', '/bucket/:bucket/empty', 'service_role', 'storage.bucket.empty', emptyBucket),
	route('GET', '/bucket/:bucket', 'required', 'storage.bucket.get', getBucket),
	route('PUT', '/bucket/:bucket', 'required', 'storage.bucket.update', updateBucket),
	route('DELETE', '/bucket/:bucket', 'required', 'storage.bucket.delete', deleteBucket),

	// Objects: static prefixes first.
	route('POST', '/object/list/:bucket', 'required', 'storage.object.list', listObjects),
	route('POST', '/object/move', 'required', 'storage.object.move', moveObject),
	route('POST', '/object/copy', 'required', 'storage.object.copy', copyObject),
	route('POST', '/object/sign/:bucket', 'required', 'storage.object.sign_many', signUrls),
	route('POST', '/object/sign/:bucket/*', 'required', 'storage.object.sign', signUrl),
	route('GET', '/object/sign/:bucket/*', 'none', 'storage.object.get_signed', signedDownload),
	route(
		'POST',
		'/object/upload/sign/:bucket/*',
		'required',
		'storage.object.sign_upload_url',
		signUploadUrl
	),
	route(
		'PUT',
		'/object/upload/sign/:bucket/*',
		'none',
		'storage.object.upload_signed',
		signedUpload
	),
	route('GET', '/object/public/:bucket/*', 'none', 'storage.object.get_public', publicObject),
	route('HEAD', '/object/public/:bucket/*', 'none', 'storage.object.info_public', headPublicObject),
	route(
		'GET',
		'/object/authenticated/:bucket/*',
		'required',
		'storage.object.get_authenticated',
		downloadObject
	),
	route(
		'HEAD',
		'/object/authenticated/:bucket/*',
		'required',
		'object.head_authenticated_info',
		headObject
	),
	route(
		'GET',
		'/object/info/public/:bucket/*',
		'none',
		'storage.object.info_public',
		publicObjectInfo
	),
	route(
		'GET',
		'/object/info/authenticated/:bucket/*',
		'required',
		'object.get_authenticated_info',
		objectInfo
	),
	route('GET', '/object/info/:bucket/*', 'optional', 'object.get_authenticated_info', objectInfo),

	// The catch-all object routes.
	route('POST', '/object/:bucket/*', 'required', 'storage.object.upload', uploadObject),
	route('PUT', '/object/:bucket/*', 'required', 'storage.object.upload_update', updateObject),
	route('GET', '/object/:bucket/*', 'optional', 'storage.object.get_authenticated', downloadObject),
	route('HEAD', '/object/:bucket/*', 'optional', 'object.head_authenticated_info', headObject),
	route('DELETE', '/object/:bucket/*', 'required', 'storage.object.delete', deleteObject),
	route('DELETE', '/object/:bucket', 'required', 'storage.object.delete_many', removeObjects)
];

export type RouteMatch = { route: Route; bucket: string; key: string };

/** Percent-decoding of a path piece; a malformed escape is refused like Fastify does. */
function decode(piece: string): string | null {
	try {
		return decodeURIComponent(piece);
	} catch {
		return null;
	}
}

function matchPattern(pattern: string, path: string): { bucket: string; key: string } | null {
	const wanted = pattern.split('/');
	const given = path.split('/');
	let bucket = '';
	for (let i = 0; i < wanted.length; i++) {
		const part = wanted[i];
		if (part === '*') {
			if (i !== wanted.length - 1 || given.length <= i) return null;
			const key = decode(given.slice(i).join('/'));
			return key === null ? null : { bucket, key };
		}
		if (i >= given.length) return null;
		if (part === ':bucket') {
			if (given[i] === '') return null;
			const decoded = decode(given[i]);
			if (decoded === null) return null;
			bucket = decoded;
			continue;
		}
		if (part !== given[i]) return null;
	}
	return given.length === wanted.length ? { bucket, key: '' } : null;
}

/** The first route of the table whose method and pattern match. */
export function matchRoute(method: string, path: string): RouteMatch | null {
	for (const candidate of routes) {
		if (!candidate.methods.includes(method)) continue;
		const match = matchPattern(candidate.pattern, path);
		if (match) return { route: candidate, ...match };
	}
	return null;
}
