// The browser's view of the session the server owns: hooks.server.ts (@supabase/ssr) keeps the
// cookies and refreshes them, the browser only needs a current access token. It reads the token
// from the auth cookie and, when that is missing or close to expiry, asks GET /auth/session (one
// request in flight for every caller), telling listeners of new tokens and of sign-outs, as
// auth-js's onAuthStateChange did. Plain TypeScript with injected I/O, unit-tested.
import type { StoredToken } from './auth-cookie.ts';

/** Same-origin endpoint answering { access_token, expires_at, expires_in } or 401. */
export const SESSION_ENDPOINT = '/auth/session';
/** A token with less than this left is renewed first (the server refreshes within 90 s). */
export const EXPIRY_MARGIN_MS = 60_000;
/**
 * After an answer, a token still usable is not asked for again within this time: a project whose
 * tokens live under the margin, or an unreachable endpoint, must not cost one request per call.
 */
export const MIN_REFRESH_INTERVAL_MS = 5_000;

export type SessionEvent = 'SIGNED_IN' | 'TOKEN_REFRESHED' | 'SIGNED_OUT';
export type SessionListener = (event: SessionEvent, accessToken: string | null) => void;

/** What the endpoint said: a token (expiry in the browser's clock), signed out, or no answer. */
export type RefreshOutcome =
	| { status: 'ok'; token: StoredToken }
	| { status: 'signed-out' }
	| { status: 'failed' };

export type SessionSource = {
	/** A token valid for at least the margin, or null when signed out (or none is to be had). */
	getAccessToken(options?: { force?: boolean }): Promise<string | null>;
	/** Called on every change of token and on sign-out; returns an unsubscribe function. */
	onSessionChange(listener: SessionListener): () => void;
};

export type SessionSourceOptions = {
	/** The token in the auth cookie right now (its expiry in the server's clock). */
	readCookie: () => StoredToken | null;
	refresh: () => Promise<RefreshOutcome>;
	now?: () => number;
	marginMs?: number;
	minRefreshIntervalMs?: number;
};

export function createSessionSource(options: SessionSourceOptions): SessionSource {
	const now = options.now ?? (() => Date.now());
	const margin = options.marginMs ?? EXPIRY_MARGIN_MS;
	const minInterval = options.minRefreshIntervalMs ?? MIN_REFRESH_INTERVAL_MS;
	const listeners = new Set<SessionListener>();
	/** The endpoint's last token, its expiry moved to the browser's clock. */
	let fetched: StoredToken | null = null;
	/** A token the server no longer has a session for (a cookie may outlive it a moment). */
	let refused: string | null = null;
	/** Server clock minus browser clock, in seconds, learnt from the endpoint's answers. */
	let skew = 0;
	let current: string | null = null;
	let signedOut = false;
	let lastAnswerAt = -Infinity;
	let inflight: Promise<string | null> | null = null;

	const emit = (event: SessionEvent, token: string | null) => {
		for (const listener of [...listeners]) {
			try {
				listener(event, token);
			} catch (error) {
				console.error('session listener failed', error);
			}
		}
	};

	/** Tells listeners when the token in use changes, whoever brought it. */
	const use = (token: string): string => {
		if (token !== current) {
			const event = current === null ? 'SIGNED_IN' : 'TOKEN_REFRESHED';
			current = token;
			signedOut = false;
			emit(event, token);
		}
		return token;
	};

	type Known = { token: string; expiresAtMs: number };
	/** The freshest known token, its expiry in the browser's clock (ms). */
	const best = (): Known | null => {
		const cookie = options.readCookie();
		const candidates: Known[] = [];
		if (cookie) {
			candidates.push({ token: cookie.accessToken, expiresAtMs: (cookie.expiresAt - skew) * 1000 });
		}
		if (fetched) {
			candidates.push({ token: fetched.accessToken, expiresAtMs: fetched.expiresAt * 1000 });
		}
		const usable = candidates.filter((candidate) => candidate.token !== refused);
		usable.sort((a, b) => b.expiresAtMs - a.expiresAtMs);
		return usable[0] ?? null;
	};

	const settle = (outcome: RefreshOutcome, known: Known | null): string | null => {
		lastAnswerAt = now();
		if (outcome.status === 'ok') {
			refused = null;
			fetched = outcome.token;
			const cookie = options.readCookie();
			// The answer set the cookie too: one expiry seen through both clocks.
			if (cookie?.accessToken === outcome.token.accessToken) {
				skew = cookie.expiresAt - outcome.token.expiresAt;
			}
			return use(outcome.token.accessToken);
		}
		if (outcome.status === 'signed-out') {
			refused = known?.token ?? null;
			fetched = null;
			current = null;
			if (!signedOut) {
				signedOut = true;
				emit('SIGNED_OUT', null);
			}
			return null;
		}
		// No answer: the token we have, even late, lets the server itself say what it thinks.
		return known ? use(known.token) : null;
	};

	const refresh = (known: Known | null): Promise<string | null> => {
		inflight ??= options
			.refresh()
			.catch((): RefreshOutcome => ({ status: 'failed' }))
			.then((outcome) => settle(outcome, known))
			.finally(() => {
				inflight = null;
			});
		return inflight;
	};

	return {
		async getAccessToken({ force = false } = {}) {
			const known = best();
			if (!force && known && known.expiresAtMs - now() > margin) return use(known.token);
			if (inflight) return inflight;
			if (!force) {
				// Just answered: keep what there is rather than asking again at once.
				if (now() - lastAnswerAt < minInterval) return known ? use(known.token) : null;
				// Signed out with nothing to renew: wait for a new cookie (a sign-in elsewhere).
				if (signedOut && !known) return null;
			}
			return refresh(known);
		},
		onSessionChange(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		}
	};
}

/** Asks the session endpoint, on this origin with this page's cookies, never from a cache. */
export async function fetchSessionToken(
	fetchImpl: typeof fetch = fetch,
	now: () => number = () => Date.now()
): Promise<RefreshOutcome> {
	let response: Response;
	try {
		response = await fetchImpl(SESSION_ENDPOINT, {
			credentials: 'same-origin',
			cache: 'no-store',
			headers: { accept: 'application/json' }
		});
	} catch {
		return { status: 'failed' };
	}
	if (response.status === 401) return { status: 'signed-out' };
	if (!response.ok) return { status: 'failed' };
	const body = (await response.json().catch(() => null)) as {
		access_token?: unknown;
		expires_in?: unknown;
	} | null;
	if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') {
		return { status: 'failed' };
	}
	// expires_in is counted by the server: the browser's own clock may be off by minutes.
	return {
		status: 'ok',
		token: { accessToken: body.access_token, expiresAt: now() / 1000 + body.expires_in }
	};
}

function canReplay(input: RequestInfo | URL, init: RequestInit | undefined): boolean {
	if (typeof input !== 'string' && !(input instanceof URL)) return false;
	const body = init?.body;
	return (
		body === undefined ||
		body === null ||
		typeof body === 'string' ||
		body instanceof Blob ||
		body instanceof ArrayBuffer ||
		ArrayBuffer.isView(body) ||
		body instanceof FormData ||
		body instanceof URLSearchParams
	);
}

/**
 * A fetch for PostgREST and Storage that sends the project key and the user's bearer token
 * (the key itself when signed out, as supabase-js does). A 401 means the token was refused
 * (expired early, clocks apart): the request is sent once more with a renewed token, if any.
 */
export function authorizedFetch(options: {
	apiKey: string;
	session: Pick<SessionSource, 'getAccessToken'>;
	fetch?: typeof fetch;
}): typeof fetch {
	const { apiKey, session } = options;
	const send = options.fetch ?? ((input, init) => fetch(input, init));
	const attempt = (input: RequestInfo | URL, init: RequestInit | undefined, token: string | null) => {
		const headers = new Headers(init?.headers);
		if (!headers.has('apikey')) headers.set('apikey', apiKey);
		if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token ?? apiKey}`);
		return send(input, { ...init, headers });
	};
	return async (input, init) => {
		const token = await session.getAccessToken();
		const response = await attempt(input, init, token);
		if (response.status !== 401 || !token || !canReplay(input, init)) return response;
		const renewed = await session.getAccessToken({ force: true });
		if (!renewed || renewed === token) return response;
		return attempt(input, init, renewed);
	};
}
