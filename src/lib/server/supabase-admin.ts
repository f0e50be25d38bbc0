// The one service-role Supabase client of the app, made on first use and kept for the life of
// the server process (never one per request). It bypasses row-level security, so only the
// LiveKit webhook and the video participant records use it; it lives under lib/server, which
// SvelteKit refuses to bundle into browser code.
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '#lib/supabase/database.types.ts';
import { supabaseConfig } from '#lib/supabase/env.ts';
import { supabaseSecretKey } from './env.ts';

export type AdminClient = SupabaseClient<Database>;

let client: AdminClient | null = null;

export function supabaseAdmin(): AdminClient {
	client ??= createClient<Database>(supabaseConfig().url, supabaseSecretKey(), {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
	return client;
}
