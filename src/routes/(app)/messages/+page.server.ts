// The viewer's conversations (the `conversations` view, one row per counterpart) with each
// counterpart's name and avatar. The page re-runs this load when the inbox says a message
// came, was read, or the connection came back (depends key below).
import { redirect } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { fetchConversations } from '#lib/messages/queries.ts';
import { signInPath } from '#lib/navigation.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:conversations');
	if (!locals.claims) redirect(303, signInPath(url));
	const { data, error } = await fetchConversations(locals.supabase, locals.claims.sub);
	return {
		conversations: data ?? [],
		loadError: error ? messages.messages.errors.loadFailed : null
	};
};
