// Where the app finds its Supabase project, read at run time so one build serves any project.
import { PUBLIC_SUPABASE_PUBLISHABLE_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';

export const MISSING_SUPABASE_CONFIG =
	'PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_PUBLISHABLE_KEY must be set (see README, Configuration)';

export function supabaseConfig(): { url: string; key: string } {
	if (!PUBLIC_SUPABASE_URL || !PUBLIC_SUPABASE_PUBLISHABLE_KEY) throw new Error(MISSING_SUPABASE_CONFIG);
	return { url: PUBLIC_SUPABASE_URL, key: PUBLIC_SUPABASE_PUBLISHABLE_KEY };
}
