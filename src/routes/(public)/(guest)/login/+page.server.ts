import { fail, redirect } from '@sveltejs/kit';
import { authErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { safeRedirect } from '#lib/navigation.ts';
import { signInSchema } from '#lib/schemas/auth.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	redirectTo: safeRedirect(url.searchParams.get('redirectTo')),
	reset: url.searchParams.get('reset') === 'done',
	// An e-mail link that could not be used (expired, already used, other browser).
	linkExpired: url.searchParams.get('link') === 'expired'
});

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const form = await request.formData();
		const parsed = parseForm(signInSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const { error } = await locals.supabase.auth.signInWithPassword(parsed.data);
		if (error) {
			return fail(
				error.status === 429 ? 429 : 400,
				formFailure(authErrorMessage(error), { email: parsed.data.email })
			);
		}
		redirect(
			303,
			safeRedirect(form.get('redirectTo')?.toString() ?? url.searchParams.get('redirectTo'))
		);
	}
};
