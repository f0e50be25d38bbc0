// The browser's token: from the cookie while it has more than the margin left, else from the
// session endpoint, one request for every caller at once; sign-outs and new tokens announced;
// requests sent with the key and the token, and once more after a 401 with a renewed token.
import { describe, expect, it, vi } from 'vitest';
import type { StoredToken } from '../../../../src/lib/supabase/auth-cookie.ts';
import {
	authorizedFetch,
	createSessionSource,
	EXPIRY_MARGIN_MS,
	fetchSessionToken,
	MIN_REFRESH_INTERVAL_MS,
	SESSION_ENDPOINT
} from '../../../../src/lib/supabase/session.ts';
import type { RefreshOutcome, SessionEvent } from '../../../../src/lib/supabase/session.ts';

const NOW = 1_800_000_000_000;

/** A session source over a settable cookie, a controllable endpoint and a manual clock. */
function setup(initial: StoredToken | null) {
	const clock = { now: NOW };
	let cookie = initial;
	const answers: ((outcome: RefreshOutcome) => void)[] = [];
	const refresh = vi.fn(
		() => new Promise<RefreshOutcome>((resolve) => answers.push((outcome) => resolve(outcome)))
	);
	const source = createSessionSource({
		readCookie: () => cookie,
		refresh,
		now: () => clock.now
	});
	const events: [SessionEvent, string | null][] = [];
	source.onSessionChange((event, token) => events.push([event, token]));
	return {
		source,
		refresh,
		events,
		clock,
		setCookie: (value: StoredToken | null) => (cookie = value),
		answer: (outcome: RefreshOutcome) => answers.shift()!(outcome)
	};
}

const seconds = (ms: number) => ms / 1000;
const token = (accessToken: string, leftMs: number, now = NOW): StoredToken => ({
	accessToken,
	expiresAt: seconds(now + leftMs)
});
const settle = () => new Promise((done) => setTimeout(done, 0));

describe('the browser session', () => {
	it('uses the cookie token without any request while it has more than the margin left', async () => {
		const s = setup(token('cookie-jwt', EXPIRY_MARGIN_MS + 1000));
		expect(await s.source.getAccessToken()).toBe('cookie-jwt');
		expect(await s.source.getAccessToken()).toBe('cookie-jwt');
		expect(s.refresh).not.toHaveBeenCalled();
		expect(s.events).toEqual([['SIGNED_IN', 'cookie-jwt']]);
	});

	it('asks the endpoint once for every caller when the token is within the margin of expiry', async () => {
		const s = setup(token('old', EXPIRY_MARGIN_MS - 1000));
		const calls = [s.source.getAccessToken(), s.source.getAccessToken(), s.source.getAccessToken()];
		await settle();
		expect(s.refresh).toHaveBeenCalledTimes(1);
		s.answer({ status: 'ok', token: token('fresh', 3_600_000) });
		expect(await Promise.all(calls)).toEqual(['fresh', 'fresh', 'fresh']);
		// The fresh token is kept: no further request while it lasts.
		expect(await s.source.getAccessToken()).toBe('fresh');
		expect(s.refresh).toHaveBeenCalledTimes(1);
		expect(s.events).toEqual([['SIGNED_IN', 'fresh']]);
	});

	it('asks the endpoint when there is no cookie at all', async () => {
		const s = setup(null);
		const call = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'ok', token: token('from-endpoint', 3_600_000) });
		expect(await call).toBe('from-endpoint');
	});

	it('asks again for a second renewal once the first has settled, not before', async () => {
		const s = setup(token('old', 10_000));
		const first = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'ok', token: token('second', 3_600_000) });
		await first;
		s.clock.now += 3_600_000 - EXPIRY_MARGIN_MS + 1;
		const again = s.source.getAccessToken();
		await settle();
		expect(s.refresh).toHaveBeenCalledTimes(2);
		s.answer({ status: 'ok', token: token('third', 3_600_000, s.clock.now) });
		expect(await again).toBe('third');
		expect(s.events.map(([event]) => event)).toEqual(['SIGNED_IN', 'TOKEN_REFRESHED']);
	});

	it('prefers a newer cookie written by a page load to the token it fetched itself', async () => {
		const s = setup(null);
		const call = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'ok', token: token('fetched', 600_000) });
		await call;
		s.setCookie(token('newer-cookie', 3_600_000));
		expect(await s.source.getAccessToken()).toBe('newer-cookie');
		expect(s.events.at(-1)).toEqual(['TOKEN_REFRESHED', 'newer-cookie']);
	});

	it('announces a sign-out once when the endpoint answers 401, and returns no token', async () => {
		const s = setup(token('old', 1000));
		const call = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'signed-out' });
		expect(await call).toBeNull();
		// The refused cookie is not used again, nor is the endpoint asked with nothing to renew.
		s.clock.now += MIN_REFRESH_INTERVAL_MS;
		s.setCookie(null);
		expect(await s.source.getAccessToken()).toBeNull();
		expect(s.refresh).toHaveBeenCalledTimes(1);
		expect(s.events).toEqual([['SIGNED_OUT', null]]);
	});

	it('does not use a refused cookie token still present after the sign-out', async () => {
		const s = setup(token('refused', 1000));
		const call = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'signed-out' });
		await call;
		expect(await s.source.getAccessToken()).toBeNull();
	});

	it('takes a new sign-in from the cookie after a sign-out', async () => {
		const s = setup(token('old', 1000));
		const call = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'signed-out' });
		await call;
		s.setCookie(token('new-session', 3_600_000));
		expect(await s.source.getAccessToken()).toBe('new-session');
		expect(s.events.at(-1)).toEqual(['SIGNED_IN', 'new-session']);
	});

	it('keeps the current token when the endpoint does not answer, without asking at every call', async () => {
		const s = setup(token('still-valid', 30_000));
		const call = s.source.getAccessToken();
		await settle();
		s.answer({ status: 'failed' });
		expect(await call).toBe('still-valid');
		expect(await s.source.getAccessToken()).toBe('still-valid');
		expect(s.refresh).toHaveBeenCalledTimes(1);
		s.clock.now += MIN_REFRESH_INTERVAL_MS;
		void s.source.getAccessToken();
		await settle();
		expect(s.refresh).toHaveBeenCalledTimes(2);
		expect(s.events.map(([event]) => event)).toEqual(['SIGNED_IN']);
	});

	it('treats a failed request to the endpoint as no answer', async () => {
		const source = createSessionSource({
			readCookie: () => token('kept', 10_000),
			refresh: () => Promise.reject(new Error('offline')),
			now: () => NOW
		});
		expect(await source.getAccessToken()).toBe('kept');
	});

	it('renews on demand even while the token looks fresh, sharing the request in flight', async () => {
		const s = setup(token('looks-fresh', 3_600_000));
		const forced = [
			s.source.getAccessToken({ force: true }),
			s.source.getAccessToken({ force: true })
		];
		await settle();
		expect(s.refresh).toHaveBeenCalledTimes(1);
		s.answer({ status: 'ok', token: token('renewed', 3_600_000) });
		expect(await Promise.all(forced)).toEqual(['renewed', 'renewed']);
	});

	it('judges the cookie by the server clock once the endpoint has shown how far apart they are', async () => {
		// The browser's clock is ten minutes behind: the cookie's expiry looks further away than it is.
		const behind = 600_000;
		const s = setup(null);
		const call = s.source.getAccessToken();
		await settle();
		// The endpoint's answer set the cookie: its expiry in the server's clock, ours in the browser's.
		s.setCookie({ accessToken: 'a', expiresAt: seconds(NOW + behind + 3_600_000) });
		s.answer({ status: 'ok', token: token('a', 3_600_000) });
		await call;
		// An hour later a page load writes a cookie that, by the server's clock, expires in 30 s:
		// by the browser's clock it would look good for ten more minutes.
		s.clock.now += 3_600_000;
		s.setCookie({ accessToken: 'b', expiresAt: seconds(s.clock.now + behind + 30_000) });
		void s.source.getAccessToken();
		await settle();
		expect(s.refresh).toHaveBeenCalledTimes(2);
	});

	it('stops telling a listener once it unsubscribed, and survives a listener that throws', async () => {
		const source = createSessionSource({
			readCookie: () => token('t', 3_600_000),
			refresh: async () => ({ status: 'failed' }),
			now: () => NOW
		});
		const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const gone = vi.fn();
		const kept = vi.fn();
		source.onSessionChange(() => {
			throw new Error('broken');
		});
		source.onSessionChange(gone)();
		source.onSessionChange(kept);
		await source.getAccessToken();
		expect(gone).not.toHaveBeenCalled();
		expect(kept).toHaveBeenCalledWith('SIGNED_IN', 't');
		error.mockRestore();
	});
});

describe('the session endpoint client', () => {
	const respond = (status: number, body: unknown) =>
		vi.fn(async () => new Response(JSON.stringify(body), { status }));

	it('asks the same-origin endpoint with the page cookies and no cache', async () => {
		const fetchImpl = respond(200, { access_token: 'jwt', expires_at: 1, expires_in: 3600 });
		await fetchSessionToken(fetchImpl as unknown as typeof fetch, () => NOW);
		expect(fetchImpl).toHaveBeenCalledWith(
			SESSION_ENDPOINT,
			expect.objectContaining({ credentials: 'same-origin', cache: 'no-store' })
		);
	});

	it('counts the expiry from the answer’s expires_in, in the browser clock', async () => {
		const fetchImpl = respond(200, { access_token: 'jwt', expires_at: 5, expires_in: 3600 });
		expect(await fetchSessionToken(fetchImpl as unknown as typeof fetch, () => NOW)).toEqual({
			status: 'ok',
			token: { accessToken: 'jwt', expiresAt: seconds(NOW) + 3600 }
		});
	});

	it('reads 401 as signed out, and other statuses, bad bodies and network errors as no answer', async () => {
		const as = (f: unknown) => fetchSessionToken(f as typeof fetch, () => NOW);
		expect(await as(respond(401, { message: 'x' }))).toEqual({ status: 'signed-out' });
		expect(await as(respond(503, { message: 'x' }))).toEqual({ status: 'failed' });
		expect(await as(respond(200, { access_token: 1 }))).toEqual({ status: 'failed' });
		expect(
			await as(
				vi.fn(async () => {
					throw new TypeError('Failed to fetch');
				})
			)
		).toEqual({ status: 'failed' });
	});
});

describe('the authorized fetch', () => {
	function recorder(statuses: number[]) {
		const seen: { url: string; apikey: string | null; authorization: string | null }[] = [];
		const send = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
			const headers = new Headers(init?.headers);
			seen.push({
				url: String(input),
				apikey: headers.get('apikey'),
				authorization: headers.get('authorization')
			});
			return new Response(null, { status: statuses.shift() ?? 200 });
		});
		return { seen, send: send as unknown as typeof fetch };
	}
	const sessionWith = (...tokens: (string | null)[]) => {
		const getAccessToken = vi.fn(async (options?: { force?: boolean }) => {
			void options;
			return tokens.length > 1 ? tokens.shift()! : tokens[0];
		});
		return { getAccessToken };
	};

	it('sends the project key and the user token', async () => {
		const r = recorder([200]);
		const authed = authorizedFetch({ apiKey: 'pk', session: sessionWith('jwt'), fetch: r.send });
		await authed('http://api/rest/v1/contacts', { headers: { prefer: 'count=exact' } });
		expect(r.seen).toEqual([
			{ url: 'http://api/rest/v1/contacts', apikey: 'pk', authorization: 'Bearer jwt' }
		]);
	});

	it('sends the key as bearer when signed out, as supabase-js does', async () => {
		const r = recorder([200]);
		await authorizedFetch({ apiKey: 'pk', session: sessionWith(null), fetch: r.send })('http://x');
		expect(r.seen[0].authorization).toBe('Bearer pk');
	});

	it('sends a refused request once more with a renewed token', async () => {
		const r = recorder([401, 200]);
		const session = sessionWith('expired', 'renewed');
		const response = await authorizedFetch({ apiKey: 'pk', session, fetch: r.send })('http://x', {
			method: 'POST',
			body: '{"a":1}'
		});
		expect(response.status).toBe(200);
		expect(r.seen.map((request) => request.authorization)).toEqual([
			'Bearer expired',
			'Bearer renewed'
		]);
		expect(session.getAccessToken).toHaveBeenLastCalledWith({ force: true });
	});

	it('returns the 401 when renewal brings the same token or none, without sending again', async () => {
		const same = recorder([401]);
		const one = await authorizedFetch({
			apiKey: 'pk',
			session: sessionWith('jwt'),
			fetch: same.send
		})('http://x');
		expect(one.status).toBe(401);
		expect(same.seen).toHaveLength(1);
		const none = recorder([401]);
		await authorizedFetch({ apiKey: 'pk', session: sessionWith('jwt', null), fetch: none.send })(
			'http://x'
		);
		expect(none.seen).toHaveLength(1);
	});

	it('does not send a streamed body twice', async () => {
		const r = recorder([401, 200]);
		const body = new ReadableStream();
		const response = await authorizedFetch({
			apiKey: 'pk',
			session: sessionWith('expired', 'renewed'),
			fetch: r.send
		})('http://x', { method: 'POST', body });
		expect(response.status).toBe(401);
		expect(r.seen).toHaveLength(1);
	});
});
