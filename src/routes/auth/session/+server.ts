// The browser's fresh access token (src/lib/supabase/session.ts): hooks.server.ts has already
// read the caller's own session cookies and refreshed them if the token was about to expire
// (@supabase/ssr writes the new cookies on this response); this returns that token, verified by
// getClaims, and nothing else. 401 when signed out; 503 when the token could not be verified.
import { json } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async ({ locals }) => {
	const { data } = await locals.supabase.auth.getSession();
	const session = data.session;
	if (!session?.access_token || !session.expires_at) {
		return json(
			{ message: messages.common.errors.unauthorized },
			{ status: 401, headers: NO_STORE }
		);
	}
	// A session whose token getClaims refused (signature, expiry, unreachable Auth) is not handed
	// out: the caller retries later, and the next page load redirects it if it is really gone.
	if (!locals.claims) {
		return json({ message: messages.common.errors.generic }, { status: 503, headers: NO_STORE });
	}
	return json(
		{
			access_token: session.access_token,
			expires_at: session.expires_at,
			// Counted here, so a browser whose clock is off still knows how long the token lives.
			expires_in: Math.max(0, session.expires_at - Math.floor(Date.now() / 1000))
		},
		{ headers: NO_STORE }
	);
};
