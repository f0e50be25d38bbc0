// The REST service at /rest/v1, PostgREST v14 as the Supabase CLI configures it: exposed schemas,
// extra search path and db-max-rows from `[api]` in config.toml, anon role `anon`, aggregates and
// execution plans off, `db-tx-end = commit`; the schema cache kept fresh by NOTIFY pgrst.
import type { StackContext } from '../context.ts';
import type { Service } from '../gateway/service.ts';
import { createCacheKeeper } from './cache.ts';
import { handleRest } from './routes.ts';
import type { RestRuntime } from './routes.ts';

export function createRestService(context: StackContext): Service {
	const runtime: RestRuntime = {
		context,
		cache: createCacheKeeper(context),
		plan: {
			maxRows: context.project.api.maxRows > 0 ? context.project.api.maxRows : null,
			aggregatesEnabled: false,
			planEnabled: false
		},
		allowTxOverride: false
	};
	return {
		name: 'rest',
		prefix: '/rest/v1',
		start: () => runtime.cache.start(),
		stop: () => runtime.cache.stop(),
		handle: (request, response) => handleRest(runtime, request, response)
	};
}
