// The browser half of the shared zod validation: a form checks what it is about to send with the
// same schema its action uses, shows the French errors next to the fields without a round trip,
// and moves focus to the first invalid field. The action still checks everything itself. Forms
// load their schema (and zod with it) on first submit, keeping it out of the page's first load.
import { tick } from 'svelte';
import type { z } from 'zod';
import { parseForm } from './forms.ts';
import type { FieldErrors } from './forms.ts';

/** The errors that stop the submission, or null when the form may be sent. */
export function checkBeforeSubmit(
	schema: z.ZodType,
	formData: FormData,
	form: HTMLFormElement
): FieldErrors | null {
	const parsed = parseForm(schema, formData);
	if (parsed.ok) return null;
	void tick().then(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
	return parsed.errors;
}
