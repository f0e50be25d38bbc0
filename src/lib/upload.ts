// Browser uploads straight to Supabase Storage with real progress: storage-js's fetch cannot
// report upload progress, so this sends the same request (POST /storage/v1/object/<bucket>/<key>,
// the user's own access token, raw body, exact Content-Type) through XMLHttpRequest, whose
// upload events can, and which can be aborted mid-body (Storage then keeps nothing).

export type StorageFailure =
	| 'tooLarge'
	| 'badType'
	| 'forbidden'
	| 'duplicate'
	| 'unauthorized'
	| 'network'
	| 'aborted'
	| 'other';

export type UploadResult =
	| { ok: true; key: string }
	| { ok: false; failure: StorageFailure; status: number; message?: string };

export type UploadHandle = { done: Promise<UploadResult>; abort(): void };

type ErrorBody = { statusCode?: string | number; code?: string; error?: string; message?: string };

/**
 * What a Storage refusal means. Storage answers most errors with HTTP 400 and the real status in
 * the body's `statusCode` (a string), with its ErrorCode in `code` (supabase/storage
 * src/internal/errors/codes.ts); older servers only send `error`.
 */
export function classifyStorageError(httpStatus: number, body: unknown): StorageFailure {
	const error = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
	const status = Number(error.statusCode ?? httpStatus);
	const code = error.code ?? '';
	if (code === 'EntityTooLarge' || status === 413) return 'tooLarge';
	if (code === 'InvalidMimeType' || status === 415 || error.error === 'invalid_mime_type')
		return 'badType';
	if (code === 'KeyAlreadyExists' || code === 'ResourceAlreadyExists' || status === 409)
		return 'duplicate';
	if (code === 'InvalidJWT' || status === 401) return 'unauthorized';
	if (code === 'AccessDenied' || status === 403) return 'forbidden';
	return 'other';
}

export function uploadToStorage(options: {
	supabaseUrl: string;
	apiKey: string;
	accessToken: string;
	bucket: string;
	key: string;
	file: Blob;
	contentType: string;
	onProgress?: (loaded: number, total: number) => void;
}): UploadHandle {
	const xhr = new XMLHttpRequest();
	const path = options.key.split('/').map(encodeURIComponent).join('/');
	const done = new Promise<UploadResult>((resolve) => {
		xhr.open('POST', `${options.supabaseUrl}/storage/v1/object/${options.bucket}/${path}`);
		xhr.setRequestHeader('apikey', options.apiKey);
		xhr.setRequestHeader('Authorization', `Bearer ${options.accessToken}`);
		xhr.setRequestHeader('Content-Type', options.contentType);
		xhr.setRequestHeader('cache-control', 'max-age=3600');
		xhr.setRequestHeader('x-upsert', 'false');
		xhr.responseType = 'text';
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
		};
		xhr.onload = () => {
			if (xhr.status >= 200 && xhr.status < 300) {
				resolve({ ok: true, key: options.key });
				return;
			}
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				// A proxy's HTML error page: the status alone decides.
			}
			const message =
				typeof body === 'object' && body !== null && 'message' in body
					? String((body as ErrorBody).message)
					: undefined;
			resolve({
				ok: false,
				failure: classifyStorageError(xhr.status, body),
				status: xhr.status,
				message
			});
		};
		xhr.onerror = () => resolve({ ok: false, failure: 'network', status: 0 });
		xhr.ontimeout = () => resolve({ ok: false, failure: 'network', status: 0 });
		xhr.onabort = () => resolve({ ok: false, failure: 'aborted', status: 0 });
		xhr.send(options.file);
	});
	return { done, abort: () => xhr.abort() };
}
