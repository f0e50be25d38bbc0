// The per-request Supabase client of server code: the user's own session from the cookies
// @supabase/ssr writes, so RLS applies to everything SSR loads and actions do.
import { createServerClient } from '@supabase/ssr';
import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from './database.types.ts';
import { supabaseConfig } from './env.ts';

export function createSupabaseServerClient(event: Pick<RequestEvent, 'cookies' | 'setHeaders' | 'fetch'>) {
	const { url, key } = supabaseConfig();
	return createServerClient<Database>(url, key, {
		global: { fetch: event.fetch },
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (cookies, headers) => {
				for (const { name, value, options } of cookies) {
					event.cookies.set(name, value, { ...options, path: '/' });
				}
				// Responses that set auth cookies must never be cached by a proxy.
				if (Object.keys(headers).length > 0) event.setHeaders(headers);
			}
		}
	});
}

export type TypedSupabaseClient = ReturnType<typeof createSupabaseServerClient>;
