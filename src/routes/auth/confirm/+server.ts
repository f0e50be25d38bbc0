// Where e-mail links land: a PKCE `code` (sign-up confirmation, recovery, e-mail change, magic
// link opened in the same browser) or a `token_hash` (custom templates) becomes a session cookie,
// then the user continues to `next`.
import { redirect } from '@sveltejs/kit';
import type { EmailOtpType } from '@supabase/supabase-js';
import { safeRedirect } from '#lib/navigation.ts';
import type { RequestHandler } from './$types';

const OTP_TYPES = new Set(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']);

export const GET: RequestHandler = async ({ url, locals }) => {
	const next = safeRedirect(url.searchParams.get('next'));
	const code = url.searchParams.get('code');
	const tokenHash = url.searchParams.get('token_hash');
	const type = url.searchParams.get('type');

	// An e-mail change confirmed on one address only (double confirmation): GoTrue sends its
	// message instead of a code, and the other address's link is still to be opened.
	if (!code && !tokenHash && url.searchParams.has('message') && locals.claims) {
		redirect(303, '/profile?email=other');
	}
	if (code) {
		const { error } = await locals.supabase.auth.exchangeCodeForSession(code);
		if (!error) redirect(303, next);
	} else if (tokenHash && type && OTP_TYPES.has(type)) {
		const { error } = await locals.supabase.auth.verifyOtp({
			token_hash: tokenHash,
			type: type as EmailOtpType
		});
		if (!error) redirect(303, next);
	}
	redirect(303, next === '/reset-password' ? '/forgot-password?expired=1' : '/login?link=expired');
};
