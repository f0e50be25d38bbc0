// GET /auth/session hands the caller their own access token from their own cookies (read and
// refreshed by hooks.server.ts), never cached: 401 signed out, 503 when the token is unverified.
import { describe, expect, it } from 'vitest';
import { GET } from '../../../../../src/routes/auth/session/+server.ts';

type Session = { access_token: string; expires_at?: number } | null;

function call(session: Session, claims: Record<string, unknown> | null) {
	const locals = {
		supabase: { auth: { getSession: async () => ({ data: { session }, error: null }) } },
		claims
	};
	return GET({ locals } as unknown as Parameters<typeof GET>[0]);
}

describe('GET /auth/session', () => {
	it('returns the session token with its expiry, counted from now, and forbids caching', async () => {
		const expiresAt = Math.floor(Date.now() / 1000) + 1800;
		const response = await call({ access_token: 'jwt', expires_at: expiresAt }, { sub: 'u1' });
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const body = await response.json();
		expect(body).toEqual({
			access_token: 'jwt',
			expires_at: expiresAt,
			expires_in: expect.any(Number)
		});
		expect(body.expires_in).toBeGreaterThan(1790);
		expect(body.expires_in).toBeLessThanOrEqual(1800);
		// Only the access token: the refresh token and the user stay in the cookies.
		expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_at', 'expires_in']);
	});

	it('answers 401 in French when there is no session', async () => {
		const response = await call(null, null);
		expect(response.status).toBe(401);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect((await response.json()).message).toBe('Veuillez vous connecter pour continuer.');
	});

	it('answers 503 rather than a token whose claims could not be verified', async () => {
		const response = await call({ access_token: 'jwt', expires_at: 1 }, null);
		expect(response.status).toBe(503);
		expect(await response.json()).not.toHaveProperty('access_token');
	});
});
