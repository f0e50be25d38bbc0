import { fail, redirect } from '@sveltejs/kit';
import { authErrorMessage } from '#lib/errors.ts';
import { parseForm } from '#lib/forms.ts';
import type { FieldErrors } from '#lib/forms.ts';
import { resetPasswordSchema } from '#lib/schemas/auth.ts';
import type { Actions, PageServerLoad } from './$types';

// Reached from the recovery e-mail through /auth/confirm, which opened a session.
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.claims) redirect(303, '/forgot-password?expired=1');
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.claims) redirect(303, '/forgot-password?expired=1');
		const parsed = parseForm(resetPasswordSchema, await request.formData());
		if (!parsed.ok) return fail(400, parsed);
		const { error } = await locals.supabase.auth.updateUser({ password: parsed.data.password });
		if (error) {
			const message = authErrorMessage(error);
			const errors: FieldErrors = { password: message };
			return fail(400, { values: {}, errors });
		}
		redirect(303, '/dashboard?password=changed');
	}
};
