// Shared set-up of the REST protocol suites: a local stack on the fixture project (a small
// library schema, members' notes under RLS, functions of every shape), supabase-js clients for
// anon, the service role and minted members, and a raw fetch for what supabase-js hides
// (status lines, headers, exact bodies).
import { resolve } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import { signToken, userToken } from '../support/jwt.ts';

export const FIXTURE_DIR = resolve(import.meta.dirname, 'fixture');

/** The two members the seed gives notes to. */
export const ALICE = '00000000-0000-4000-8000-00000000000a';
export const BOB = '00000000-0000-4000-8000-00000000000b';

export type Member = { id: string; token: string; client: SupabaseClient };

export type RawResponse = {
	status: number;
	statusText: string;
	headers: Headers;
	text: string;
	json(): unknown;
};

export type RestStack = {
	fixture: FixtureStack;
	anon: SupabaseClient;
	service: SupabaseClient;
	member(sub?: string, options?: { expiresIn?: number }): Member;
	/** A token signed with the project secret carrying exactly these claims. */
	token(claims: Record<string, unknown>): string;
	/** fetch on /rest/v1 with the anon apikey; `token` sets the bearer. */
	raw(
		path: string,
		init?: { method?: string; headers?: Record<string, string>; body?: string; token?: string }
	): Promise<RawResponse>;
	close(): Promise<void>;
};

export async function startRestStack(): Promise<RestStack> {
	const fixture = await startFixtureStack(FIXTURE_DIR);
	return {
		fixture,
		anon: fixture.anon(),
		service: fixture.service(),
		member(sub, options = {}) {
			const { token, sub: id } = userToken(fixture.jwtSecret, {
				sub,
				expiresIn: options.expiresIn
			});
			return { id, token, client: fixture.as(token) };
		},
		token: (claims) => signToken(claims, fixture.jwtSecret),
		async raw(path, init = {}) {
			const headers: Record<string, string> = { apikey: fixture.anonKey, ...init.headers };
			if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
			const res = await fetch(`${fixture.apiUrl}/rest/v1${path}`, {
				method: init.method ?? 'GET',
				headers,
				body: init.body
			});
			const text = await res.text();
			return {
				status: res.status,
				statusText: res.statusText,
				headers: res.headers,
				text,
				json: () => JSON.parse(text)
			};
		},
		close: () => fixture.close()
	};
}
