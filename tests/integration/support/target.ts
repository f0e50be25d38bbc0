// The stack under test (URL and keys) and supabase-js clients for it. Suites import only this
// and @supabase/supabase-js, so they run unchanged against any Supabase stack.
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import { inject } from 'vitest';

export const target = inject('target');

const noSession = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
};

export function anonClient(): SupabaseClient {
	return createClient(target.apiUrl, target.anonKey, noSession);
}

export function serviceClient(): SupabaseClient {
	return createClient(target.apiUrl, target.serviceRoleKey, noSession);
}
