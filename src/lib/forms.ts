// Form parsing shared by every action and by the browser's check before sending (form-check.ts):
// FormData → zod/mini schema → either typed data or the French field errors and the values to
// show again (never passwords), for `fail(400, …)`.
import { safeParse } from 'zod/mini';
import type * as z from 'zod/mini';

export type FieldErrors = Record<string, string>;
export type FormFailure = { values: Record<string, string>; errors: FieldErrors; message?: string };

const SECRET_FIELDS = /password/i;

export function formValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET_FIELDS.test(key)) values[key] = value;
	}
	return values;
}

/** The first message of each invalid field, keyed by the field's name. */
export function fieldErrors(error: z.core.$ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
		errors[key] ??= issue.message;
	}
	return errors;
}

export function parseForm<S extends z.core.$ZodType>(
	schema: S,
	form: FormData
): { ok: true; data: z.output<S> } | ({ ok: false } & FormFailure) {
	const input: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key);
		input[key] = all.length > 1 ? all : all[0];
	}
	const result = safeParse(schema, input);
	if (result.success) return { ok: true, data: result.data };
	return { ok: false, values: formValues(form), errors: fieldErrors(result.error) };
}

/** A failure not tied to one field (e.g. wrong credentials), keeping what the user typed. */
export function formFailure(
	message: string,
	values: Record<string, string> = {},
	errors: FieldErrors = {}
): FormFailure {
	return { values, errors, message };
}

/**
 * Destructive actions ask first: ConfirmButton's dialog (or, without JavaScript, its inline
 * question) sends `confirmed=yes`; a post without it only asks for confirmation.
 */
export const isConfirmed = (form: FormData) => form.get('confirmed') === 'yes';
