import { fail, redirect } from '@sveltejs/kit';
import { authErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { signUpSchema } from '#lib/schemas/auth.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const parsed = parseForm(signUpSchema, await request.formData());
		if (!parsed.ok) return fail(400, parsed);
		const { email, password, first_name, last_name, role } = parsed.data;
		const { data, error } = await locals.supabase.auth.signUp({
			email,
			password,
			options: {
				// The profile (and a coach's record) is created from these by a database trigger.
				data: { first_name, last_name, role },
				emailRedirectTo: `${url.origin}/auth/confirm?next=/dashboard`
			}
		});
		if (error) {
			const field =
				error.code === 'weak_password'
					? 'password'
					: error.code === 'user_already_exists'
						? 'email'
						: null;
			const message = authErrorMessage(error);
			const values = { email, first_name, last_name, role };
			return fail(
				error.status === 429 ? 429 : 400,
				field ? { values, errors: { [field]: message } } : formFailure(message, values)
			);
		}
		if (data.session) redirect(303, '/dashboard');
		return { checkEmail: true };
	}
};
