// Shared pieces of the Auth suites: supabase-js clients (implicit or PKCE, with an in-memory
// session store), unique addresses, the mail catcher read through Mailpit's API, raw calls to
// /auth/v1 for what supabase-js hides (headers, envelopes, redirects).
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';

export type Stack = {
	apiUrl: string;
	anonKey: string;
	serviceRoleKey: string;
	mailUrl: string | null;
};

export const PASSWORD = 'Mot-de-passe-2026!';

export function uniqueEmail(label: string): string {
	return `${label}-${randomUUID().slice(0, 8)}@example.com`;
}

function memoryStorage() {
	const values = new Map<string, string>();
	return {
		getItem: (key: string) => values.get(key) ?? null,
		setItem: (key: string, value: string) => void values.set(key, value),
		removeItem: (key: string) => void values.delete(key)
	};
}

/** A browser-like client: it keeps its session (and PKCE verifier) in memory. */
export function client(
	stack: Stack,
	options: { pkce?: boolean; key?: string; headers?: Record<string, string> } = {}
): SupabaseClient {
	return createClient(stack.apiUrl, options.key ?? stack.anonKey, {
		global: { headers: options.headers ?? {} },
		auth: {
			flowType: options.pkce ? 'pkce' : 'implicit',
			storage: memoryStorage(),
			persistSession: true,
			autoRefreshToken: false,
			detectSessionInUrl: false
		}
	});
}

export function admin(stack: Stack): SupabaseClient {
	return createClient(stack.apiUrl, stack.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}

/** A confirmed account made with the admin API. */
export async function createAccount(
	stack: Stack,
	label: string,
	metadata: Record<string, unknown> = {}
): Promise<{ id: string; email: string }> {
	const email = uniqueEmail(label);
	const { data, error } = await admin(stack).auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: metadata
	});
	if (error || !data.user) throw new Error(`createUser: ${error?.message}`);
	return { id: data.user.id, email };
}

/** fetch on /auth/v1 with the anon key, for the raw answer. */
export function authFetch(
	stack: Stack,
	path: string,
	init: RequestInit & { headers?: Record<string, string> } = {}
): Promise<Response> {
	return fetch(`${stack.apiUrl}/auth/v1${path}`, {
		...init,
		redirect: 'manual',
		headers: { apikey: stack.anonKey, ...(init.headers ?? {}) }
	});
}

export type Mail = {
	ID: string;
	Subject: string;
	Text: string;
	HTML: string;
	To: { Address: string }[];
};

/** Waits for the mails sent to `address` after `since` and returns the newest first. */
export async function mailsTo(
	stack: Stack,
	address: string,
	since: Date,
	count = 1
): Promise<Mail[]> {
	if (!stack.mailUrl) throw new Error('this stack has no mail catcher');
	const deadline = Date.now() + 10_000;
	for (;;) {
		const response = await fetch(
			`${stack.mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${address}`)}&limit=20`
		);
		const body = (await response.json()) as { messages: { ID: string; Created: string }[] };
		const fresh = body.messages.filter((message) => new Date(message.Created) >= since);
		if (fresh.length >= count) {
			return Promise.all(
				fresh.map(
					async (message) =>
						(await (await fetch(`${stack.mailUrl}/api/v1/message/${message.ID}`)).json()) as Mail
				)
			);
		}
		if (Date.now() > deadline) throw new Error(`no e-mail arrived for ${address}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** The first link of a mail, as a mail reader would follow it. */
export function linkIn(mail: Pick<Mail, 'HTML'>): string {
	const match = /href="([^"]+)"/.exec(mail.HTML);
	if (!match) throw new Error(`no link in ${mail.HTML}`);
	return match[1].replaceAll('&amp;', '&');
}

/** Opens an email link without following the redirect; returns where it sends the browser. */
export async function follow(link: string): Promise<URL> {
	const response = await fetch(link, { redirect: 'manual' });
	if (response.status !== 303)
		throw new Error(`expected a 303, got ${response.status}: ${await response.text()}`);
	return new URL(response.headers.get('location')!);
}

export function fragment(url: URL): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(url.hash.slice(1)));
}

/** A JWT built by hand (header and claims as given), signed with nothing or a given signature. */
export function handMadeJwt(header: object, claims: object, signature = ''): string {
	const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${encode(header)}.${encode(claims)}.${signature}`;
}

/**
 * A client signed in through a generated magic link (verify), for tests whose subject is not
 * the password grant: Auth limits token grants per IP, and the suites share one IP.
 */
export async function signedInByLink(stack: Stack, email: string) {
	const link = await admin(stack).auth.admin.generateLink({ type: 'magiclink', email });
	if (link.error) throw link.error;
	const signedIn = client(stack);
	const { data, error } = await signedIn.auth.verifyOtp({
		token_hash: link.data.properties!.hashed_token,
		type: 'magiclink'
	});
	if (error || !data.session) throw new Error(`verifyOtp: ${error?.message}`);
	return { client: signedIn, session: data.session };
}
