// Every request gets the user's own Supabase client and verified claims (getClaims checks the
// token's signature against the project's JWKS); the (app) routes are only for signed-in users.
import { redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { Handle } from '@sveltejs/kit/hooks';
import { DEFAULT_TIME_ZONE } from '#lib/i18n/format.ts';
import { supabaseConfig } from '#lib/supabase/env.ts';
import { createSupabaseServerClient } from '#lib/supabase/server.ts';
import { signInPath } from '#lib/navigation.ts';

const supabase: Handle = async ({ event, resolve }) => {
	event.locals.supabase = createSupabaseServerClient(event);
	const { data, error } = await event.locals.supabase.auth.getClaims();
	event.locals.claims = error || !data ? null : data.claims;
	const zone = event.cookies.get('tz');
	event.locals.timeZone = zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
	return resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
};

const guard: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id ?? '';
	if (routeId.startsWith('/(app)') && !event.locals.claims) {
		redirect(303, signInPath(event.url));
	}
	if (routeId.startsWith('/(public)/(guest)') && event.locals.claims) {
		redirect(303, '/dashboard');
	}
	return resolve(event);
};

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** Refuses to start without a Supabase project rather than failing on the first request. */
export const init = () => {
	supabaseConfig();
};

export const handle = sequence(supabase, guard);
