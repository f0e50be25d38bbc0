// The browser's Supabase client (one per tab), light on purpose: PostgREST and Realtime only,
// no auth-js. The server owns the session (hooks.server.ts refreshes the cookies); every request
// here carries the token session.ts keeps current, and Realtime asks for it on connect and on
// every heartbeat. Storage, which few pages need, is in browser-storage.ts.
import { PostgrestClient } from '@supabase/postgrest-js';
import { RealtimeClient } from '@supabase/realtime-js';
import type { RealtimeChannel, RealtimeChannelOptions } from '@supabase/realtime-js';
import { authCookieName, readAuthCookie } from './auth-cookie.ts';
import type { StoredToken } from './auth-cookie.ts';
import type { DataClient, RealtimeAccess, SessionAccess } from './clients.ts';
import type { Database } from './database.types.ts';
import { supabaseConfig } from './env.ts';
import { authorizedFetch, createSessionSource, fetchSessionToken } from './session.ts';
import type { SessionSource } from './session.ts';

export type BrowserClient = DataClient &
	RealtimeAccess &
	SessionAccess & {
		realtime: RealtimeClient;
		session: SessionSource;
		/** The fetch adding the project key and the user's token, for other Supabase services. */
		fetch: typeof fetch;
	};

let client: BrowserClient | null = null;

/** The cookie's token, decoded again only when the cookie string changes. */
function cookieReader(name: string): () => StoredToken | null {
	let seen: string | null = null;
	let token: StoredToken | null = null;
	return () => {
		const header = document.cookie;
		if (header !== seen) {
			seen = header;
			token = readAuthCookie(header, name);
		}
		return token;
	};
}

export function getBrowserClient(): BrowserClient {
	if (client) return client;
	const { url, key } = supabaseConfig();
	const session = createSessionSource({
		readCookie: cookieReader(authCookieName(url)),
		refresh: () => fetchSessionToken()
	});
	const fetchWithAuth = authorizedFetch({ apiKey: key, session });
	const rest = new PostgrestClient<Database>(new URL('rest/v1', withSlash(url)).href, {
		fetch: fetchWithAuth
	});
	const socketUrl = new URL('realtime/v1', withSlash(url));
	socketUrl.protocol = socketUrl.protocol.replace('http', 'ws');
	const realtime = new RealtimeClient(socketUrl.href, {
		params: { apikey: key },
		// Asked on connect and on every heartbeat: a token renewed meanwhile reaches the channels.
		accessToken: async () => (await session.getAccessToken()) ?? key,
		fetch: fetchWithAuth
	});
	session.onSessionChange((event, token) => {
		// As supabase-js does on its own auth events: channels hear of the new token at once.
		void realtime.setAuth(event === 'SIGNED_OUT' ? null : token);
	});
	client = {
		from: rest.from.bind(rest),
		rpc: rest.rpc.bind(rest),
		channel: (name: string, options?: RealtimeChannelOptions) => realtime.channel(name, options),
		removeChannel: (channel: RealtimeChannel) => realtime.removeChannel(channel),
		realtime,
		session,
		fetch: fetchWithAuth
	};
	return client;
}

function withSlash(url: string): string {
	return url.endsWith('/') ? url : `${url}/`;
}
