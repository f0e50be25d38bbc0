// What the account forms accept: sign-up, sign-in, forgotten and new password.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { email, requiredText } from './fields.ts';

const a = messages.auth.errors;
const required = messages.common.errors.required;
export const PASSWORD_MIN_LENGTH = 8;

const password = z
	.string({ error: required })
	.check(
		z.minLength(1, { error: required }),
		z.minLength(PASSWORD_MIN_LENGTH, { error: a.weakPassword }),
		z.maxLength(72, { error: a.weakPassword })
	);

export const roles = ['member', 'company', 'coach'] as const;

export const signUpSchema = z.object({
	first_name: requiredText(80),
	last_name: requiredText(80),
	email,
	password,
	role: z.enum(roles, { error: a.invalidRole })
});

export const signInSchema = z.object({
	email,
	password: z.string({ error: required }).check(z.minLength(1, { error: required }))
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
	.object({ password, confirm_password: z.string({ error: required }) })
	.check(
		z.refine((value) => value.password === value.confirm_password, {
			error: a.passwordsDiffer,
			path: ['confirm_password']
		})
	);
