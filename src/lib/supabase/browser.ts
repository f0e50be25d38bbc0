// The browser's Supabase client (one per tab): same cookie session as the server, used for
// Realtime channels and uploads with progress.
import { createBrowserClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.types.ts';
import { supabaseConfig } from './env.ts';

let client: SupabaseClient<Database> | null = null;

export function getBrowserClient(): SupabaseClient<Database> {
	if (!client) {
		const { url, key } = supabaseConfig();
		client = createBrowserClient<Database>(url, key);
	}
	return client;
}
