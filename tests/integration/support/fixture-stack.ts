// Protocol suites (REST, Storage, Realtime, Auth variants) need tables, policies or settings of
// their own: they run on a separate local stack started on a fixture project folder
// (config.toml + migrations/), so the app's database under test stays exactly as migrated.
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient, SupabaseClientOptions } from '@supabase/supabase-js';
import { removeDataDir, startStack } from './start-stack.ts';
import type { StartedStack } from './start-stack.ts';

export type FixtureStack = StartedStack & {
	anon(options?: SupabaseClientOptions<'public'>): SupabaseClient;
	service(options?: SupabaseClientOptions<'public'>): SupabaseClient;
	/** A client that sends the given access token (e.g. one minted by `userToken`). */
	as(accessToken: string, options?: SupabaseClientOptions<'public'>): SupabaseClient;
	close(): Promise<void>;
};

const noSession = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false };

export async function startFixtureStack(workdir: string): Promise<FixtureStack> {
	const stack = await startStack({ workdir, fresh: true });
	const client = (key: string, options: SupabaseClientOptions<'public'> = {}) =>
		createClient(stack.apiUrl, key, { ...options, auth: { ...noSession, ...options.auth } });
	return {
		...stack,
		anon: (options) => client(stack.anonKey, options),
		service: (options) => client(stack.serviceRoleKey, options),
		as: (accessToken, options = {}) =>
			client(stack.anonKey, { ...options, accessToken: async () => accessToken }),
		async close() {
			await stack.stop();
			removeDataDir(stack.dataDir);
		}
	};
}
