// See https://svelte.dev/docs/kit/types#app.d.ts
import type { JwtPayload } from '@supabase/supabase-js';
import type { TypedSupabaseClient } from '#lib/supabase/server.ts';

declare global {
	namespace App {
		interface Locals {
			/** The user's own Supabase client: every query runs under their RLS. */
			supabase: TypedSupabaseClient;
			/** Verified claims of the session's access token, or null when signed out. */
			claims: JwtPayload | null;
			/** Time zone of the visitor (cookie set by the browser), for dates rendered on the server. */
			timeZone: string;
		}
		interface Error {
			message: string;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
