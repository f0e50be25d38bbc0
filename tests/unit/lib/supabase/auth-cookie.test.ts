// The auth cookie as @supabase/ssr writes it: one cookie or chunks, `base64-` + base64url JSON
// (or plain JSON from older versions); anything partial or malformed reads as no session.
import { describe, expect, it } from 'vitest';
import {
	authCookieName,
	combineCookieChunks,
	decodeSessionValue,
	parseCookies,
	readAuthCookie
} from '../../../../src/lib/supabase/auth-cookie.ts';

const NAME = 'sb-127-auth-token';

function session(extra: Record<string, unknown> = {}) {
	return {
		access_token: 'header.payload.signature',
		token_type: 'bearer',
		expires_in: 3600,
		expires_at: 1_900_000_000,
		refresh_token: 'refresh',
		user: { id: 'u1', user_metadata: { first_name: 'Éloïse', last_name: 'Dupré' } },
		...extra
	};
}

/** As @supabase/ssr encodes: base64url of the UTF-8 JSON, behind `base64-`. */
function encode(value: unknown): string {
	return `base64-${Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')}`;
}

/** As @supabase/ssr chunks: pieces of at most `size` characters named .0, .1, … */
function chunks(value: string, size: number): string[] {
	const parts: string[] = [];
	for (let at = 0; at < value.length; at += size) parts.push(value.slice(at, at + size));
	return parts.map((part, index) => `${NAME}.${index}=${part}`);
}

describe('the auth cookie', () => {
	it('is named after the first label of the project host, as @supabase/ssr names it', () => {
		expect(authCookieName('http://127.0.0.1:54321')).toBe('sb-127-auth-token');
		expect(authCookieName('https://abcdefgh.supabase.co')).toBe('sb-abcdefgh-auth-token');
	});

	it('reads the token and expiry of a single base64url cookie, non-ASCII metadata included', () => {
		const header = `tz=Europe%2FParis; ${NAME}=${encode(session())}; other=1`;
		expect(readAuthCookie(header, NAME)).toEqual({
			accessToken: 'header.payload.signature',
			expiresAt: 1_900_000_000
		});
	});

	it('joins chunks .0, .1, … in order before decoding', () => {
		const big = session({ user: { id: 'u1', user_metadata: { bio: 'é'.repeat(3000) } } });
		const value = encode(big);
		const parts = chunks(value, 1000);
		expect(parts.length).toBeGreaterThan(3);
		// Browsers do not promise any order in document.cookie.
		const header = [...parts].reverse().join('; ');
		expect(readAuthCookie(header, NAME)?.accessToken).toBe('header.payload.signature');
	});

	it('stops at the first missing chunk, so a partial set reads as no session', () => {
		const parts = chunks(encode(session()), 100);
		const header = parts.filter((_, index) => index !== 2).join('; ');
		expect(combineCookieChunks(parseCookies(header), NAME)).toBe(
			parts
				.slice(0, 2)
				.map((part) => part.split('=')[1])
				.join('')
		);
		expect(readAuthCookie(header, NAME)).toBeNull();
	});

	it('prefers the unchunked cookie when both forms are present', () => {
		const header = `${NAME}.0=garbage; ${NAME}=${encode(session({ access_token: 'single' }))}`;
		expect(readAuthCookie(header, NAME)?.accessToken).toBe('single');
	});

	it('accepts the plain JSON value of older versions, URI-encoded', () => {
		const header = `${NAME}=${encodeURIComponent(JSON.stringify(session()))}`;
		expect(readAuthCookie(header, NAME)?.expiresAt).toBe(1_900_000_000);
	});

	it('reads no session from a missing cookie, bad base64, bad JSON or a session without token', () => {
		expect(readAuthCookie('other=1', NAME)).toBeNull();
		expect(readAuthCookie(`${NAME}=base64-%%%`, NAME)).toBeNull();
		expect(decodeSessionValue(`base64-${Buffer.from('{"access_').toString('base64url')}`)).toBeNull();
		expect(decodeSessionValue(encode({ expires_at: 1 }))).toBeNull();
		expect(decodeSessionValue(encode({ access_token: 'x' }))).toBeNull();
		expect(decodeSessionValue(encode(null))).toBeNull();
	});

	it('keeps the first of two cookies of the same name, as browsers list the most specific first', () => {
		const header = `${NAME}=${encode(session({ access_token: 'first' }))}; ${NAME}=${encode(session({ access_token: 'second' }))}`;
		expect(readAuthCookie(header, NAME)?.accessToken).toBe('first');
	});
});
