// The browser half of the shared validation: in a form's `use:enhance` callback, the form checks
// what it is about to send with the same zod/mini schema its action uses, shows the French errors
// next to the fields without a round trip and moves focus to the first invalid field. Without
// JavaScript nothing here runs and the action's own check answers; the action always checks again.
import { tick } from 'svelte';
import type { SubmitFunction } from '$app/forms';
import type * as z from 'zod/mini';
import { parseForm } from './forms.ts';
import type { FieldErrors } from './forms.ts';

type Submission = Pick<Parameters<SubmitFunction>[0], 'cancel' | 'formData' | 'formElement'>;

/** The controls the user sees for the fields in `errors`, in the form's order. */
function shownControls(form: HTMLFormElement, errors: FieldErrors): HTMLElement[] {
	return Array.from(form.elements).filter((control): control is HTMLElement => {
		const { name, type } = control as Element & { name?: unknown; type?: unknown };
		return typeof name === 'string' && Object.hasOwn(errors, name) && type !== 'hidden';
	});
}

/**
 * The errors that stop the submission (already cancelled), or null when the form may be sent.
 * Errors only about fields the form does not show (hidden ids, a stale version) do not stop it:
 * the action answers them in French, where a refusal here would leave nothing to see.
 */
export function checkBeforeSubmit(
	schema: z.core.$ZodType,
	{ cancel, formData, formElement }: Submission
): FieldErrors | null {
	const parsed = parseForm(schema, formData);
	if (parsed.ok) return null;
	const controls = shownControls(formElement, parsed.errors);
	if (controls.length === 0) return null;
	cancel();
	// Once the errors are rendered next to them (and announced through aria-describedby).
	void tick().then(() => controls[0].focus());
	return parsed.errors;
}
