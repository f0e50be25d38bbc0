// Reads the session @supabase/ssr keeps in the `sb-<project ref>-auth-token` cookie (written by
// the server, readable by scripts: httpOnly false), as its cookie storage does: one cookie, or
// chunks `<name>.0`, `<name>.1`… joined in order, whose value is `base64-` + base64url(JSON) or,
// from older versions, the JSON itself. Pure, so it is unit-tested without a browser.

/** What the browser needs of a session: the bearer token and when it expires (epoch seconds). */
export type StoredToken = { accessToken: string; expiresAt: number };

const BASE64_PREFIX = 'base64-';

/** @supabase/ssr's default storage key: `sb-` + the first label of the project's host. */
export function authCookieName(supabaseUrl: string): string {
	return `sb-${new URL(supabaseUrl).hostname.split('.')[0]}-auth-token`;
}

/** `document.cookie` (or a Cookie header) as a name → value map, values URI-decoded. */
export function parseCookies(header: string): Map<string, string> {
	const cookies = new Map<string, string>();
	for (const part of header.split(';')) {
		const at = part.indexOf('=');
		if (at < 0) continue;
		const name = part.slice(0, at).trim();
		// The first occurrence wins, as in browsers' own lookup (most specific path first).
		if (!name || cookies.has(name)) continue;
		let value = part.slice(at + 1).trim();
		if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		try {
			cookies.set(name, decodeURIComponent(value));
		} catch {
			cookies.set(name, value);
		}
	}
	return cookies;
}

/** The whole stored value: the single cookie, else its chunks .0, .1… up to the first gap. */
export function combineCookieChunks(cookies: Map<string, string>, name: string): string | null {
	const single = cookies.get(name);
	if (single) return single;
	const chunks: string[] = [];
	for (let index = 0; ; index++) {
		const chunk = cookies.get(`${name}.${index}`);
		if (!chunk) break;
		chunks.push(chunk);
	}
	return chunks.length > 0 ? chunks.join('') : null;
}

function decodeBase64Url(text: string): string {
	const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
	const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
	const binary = atob(padded);
	const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
	// fatal: a truncated chunk set must read as no session, not as a mangled one.
	return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The token in a stored session value, or null when it is absent, partial or malformed. */
export function decodeSessionValue(value: string): StoredToken | null {
	let json: string;
	try {
		json = value.startsWith(BASE64_PREFIX)
			? decodeBase64Url(value.slice(BASE64_PREFIX.length))
			: value;
	} catch {
		return null;
	}
	let session: unknown;
	try {
		session = JSON.parse(json);
	} catch {
		return null;
	}
	if (!session || typeof session !== 'object') return null;
	const { access_token: accessToken, expires_at: expiresAt } = session as Record<string, unknown>;
	if (typeof accessToken !== 'string' || accessToken === '') return null;
	if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
	return { accessToken, expiresAt };
}

/** The session token in a cookie string, as @supabase/ssr's browser client would read it. */
export function readAuthCookie(header: string, name: string): StoredToken | null {
	const value = combineCookieChunks(parseCookies(header), name);
	return value ? decodeSessionValue(value) : null;
}
