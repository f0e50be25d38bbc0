// The Storage service at /storage/v1 (supabase/storage's REST API): every route is open at the
// gateway because Storage verifies JWTs itself; each request is matched against the route table,
// its caller authenticated as the route requires, and any error rendered storage-style.
import { join } from 'node:path';
import type { StackContext } from '../context.ts';
import type { Service, ServiceRequest } from '../gateway/service.ts';
import { authenticate } from './auth.ts';
import type { Caller } from './auth.ts';
import { FileBackend } from './backend/file.ts';
import { syncConfigBuckets } from './config-buckets.ts';
import { isStorageError, renderError, storageErrors } from './errors.ts';
import { requestInfo, sendError, sendJson } from './http.ts';
import { matchRoute } from './router.ts';
import type { AuthMode } from './router.ts';
import type { Storage } from './runtime.ts';
import { sweepOrphanFiles } from './sweep.ts';

const UNAUTHENTICATED: Caller = {
	role: 'anon',
	claims: { role: 'anon' },
	token: '',
	owner: undefined,
	authenticated: false
};

function resolveCaller(request: ServiceRequest, storage: Storage, mode: AuthMode): Caller {
	if (mode === 'none') return UNAUTHENTICATED;
	if (mode === 'optional') return authenticate(request.headers, storage.context.keys, 'optional');
	// Upstream's route schemas require the header before the JWT plugin looks at it.
	if (request.headers.authorization === undefined)
		throw storageErrors.validation("headers must have required property 'authorization'");
	const caller = authenticate(request.headers, storage.context.keys, 'required');
	if (mode === 'service_role' && caller.role !== 'service_role') throw storageErrors.invalidRole();
	return caller;
}

export function createStorageService(context: StackContext): Service {
	const storage: Storage = {
		context,
		files: new FileBackend(join(context.dataDir, 'storage')),
		pool: context.pools.storage,
		globalLimit: context.project.storage.fileSizeLimit
	};
	const enabled = context.project.storage.enabled;

	return {
		name: 'storage',
		prefix: '/storage/v1',
		isOpenRoute: () => true,

		async start() {
			if (!enabled) return;
			await storage.files.init();
			await sweepOrphanFiles(storage);
			await syncConfigBuckets(storage);
		},

		async handle(request, response) {
			if (!enabled) {
				// `[storage] enabled = false`: the CLI starts no Storage, so Kong has no route.
				request.raw.resume();
				sendJson(response, 404, { message: 'no Route matched with those values' });
				return;
			}
			const match = matchRoute(request.method, request.path);
			try {
				if (!match)
					throw storageErrors.routeNotFound(request.method, request.path + request.url.search);
				const caller = resolveCaller(request, storage, match.route.auth);
				await match.route.handler({
					storage,
					request,
					response,
					params: { bucket: match.bucket, key: match.key },
					caller,
					operation: match.route.operation,
					info: requestInfo(request)
				});
			} catch (error) {
				if (isStorageError(error, 'Aborted') && request.raw.destroyed) {
					response.destroy();
					return;
				}
				if (renderError(error).status >= 500)
					context.log(
						`[storage] ${request.method} ${request.path}: ${(error as Error)?.stack ?? String(error)}`
					);
				sendError(request.raw, response, error);
			}
		}
	};
}
