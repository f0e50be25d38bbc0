// Sign-out is a POST (a form in the app shell), so a link or a prefetch can never sign anyone out.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals }) => {
	await locals.supabase.auth.signOut({ scope: 'local' });
	redirect(303, '/login');
};
