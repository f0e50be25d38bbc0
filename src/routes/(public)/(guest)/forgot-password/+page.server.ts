import { fail } from '@sveltejs/kit';
import { authErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { forgotPasswordSchema } from '#lib/schemas/auth.ts';
import type { Actions, PageServerLoad } from './$types';

/** Sent back here by an expired or already used recovery link (see /auth/confirm). */
export const load: PageServerLoad = ({ url }) => ({ expired: url.searchParams.has('expired') });

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const parsed = parseForm(forgotPasswordSchema, await request.formData());
		if (!parsed.ok) return fail(400, parsed);
		const { error } = await locals.supabase.auth.resetPasswordForEmail(parsed.data.email, {
			redirectTo: `${url.origin}/auth/confirm?next=/reset-password`
		});
		// Whether the address has an account is never revealed; only real failures are shown.
		if (error && error.status !== 404) {
			return fail(
				error.status === 429 ? 429 : 400,
				formFailure(authErrorMessage(error), { email: parsed.data.email })
			);
		}
		return { sent: true };
	}
};
