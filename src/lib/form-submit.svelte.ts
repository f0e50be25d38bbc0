// How every enhanced form is sent: checked first with its action's zod/mini schema (form-check.ts:
// errors next to the fields, nothing sent), busy while it is sent, then SvelteKit applies the answer
// as it would without JavaScript (page data refreshed, `form` set, redirect followed) and a toast
// confirms a success. `FormState` holds what a single form shows meanwhile: busy, and the browser's
// errors until the server's next answer replaces them.
import type { SubmitFunction } from '$app/forms';
import { refreshAll } from '$app/navigation';
import type { core } from 'zod/mini';
import { showToast } from '#lib/components/toasts.svelte.ts';
import { checkBeforeSubmit } from '#lib/form-check.ts';
import type { FieldErrors } from '#lib/forms.ts';

export type SubmitOptions = {
	/** Told true when the form is sent, false once its answer is applied. */
	busy: (value: boolean) => void;
	/**
	 * The action's schema, and where the errors it finds in the browser go (null: none). Without a
	 * schema nothing is checked and the errors are cleared on every submission.
	 */
	check?: { schema?: core.$ZodType; errors: (errors: FieldErrors | null) => void };
	/** True while something no schema sees (a picture refused when chosen) holds the form back. */
	blocked?: () => boolean;
	/** The toast that confirms a success. */
	success?: string;
	/**
	 * Which answer is a success: the action's own result (default), or its redirect to what it
	 * saved (create and edit pages).
	 */
	successOn?: 'success' | 'redirect';
	/** Whether the fields are cleared after a success (default) or kept as typed. */
	reset?: boolean;
	/**
	 * A 409 says the page was stale: its data is reloaded too (SvelteKit only does so after a
	 * success), keeping the refusal shown.
	 */
	refreshOnConflict?: boolean;
	/** Called after a success, once its answer is applied (e.g. to close a dialog). */
	done?: () => void;
};

export function submitWith(options: SubmitOptions): SubmitFunction {
	return (submission) => {
		if (options.check) {
			const { schema, errors } = options.check;
			const found = schema ? checkBeforeSubmit(schema, submission) : null;
			errors(found);
			if (found) return;
		}
		if (options.blocked?.()) {
			submission.cancel();
			return;
		}
		options.busy(true);
		return async ({ result, update }) => {
			await update({ reset: options.reset ?? result.type === 'success' });
			if (options.refreshOnConflict && result.type === 'failure' && result.status === 409) {
				await refreshAll();
			}
			options.busy(false);
			if (result.type === (options.successOn ?? 'success')) {
				if (options.success) showToast(options.success);
				options.done?.();
			}
		};
	};
}

/** One form's busy state and shown errors: the browser's check, else the server's answer. */
export class FormState {
	submitting = $state(false);
	#checked = $state<FieldErrors | null>(null);
	#serverErrors: () => FieldErrors | null | undefined;

	/** `serverErrors` reads the errors of the action's last answer (`form?.errors`). */
	constructor(serverErrors: () => FieldErrors | null | undefined) {
		this.#serverErrors = serverErrors;
	}

	get errors(): FieldErrors {
		return this.#checked ?? this.#serverErrors() ?? {};
	}

	/** The form's `use:enhance` callback, checked with `schema` when given. */
	enhance(
		options: Omit<SubmitOptions, 'busy' | 'check'> & { schema?: core.$ZodType }
	): SubmitFunction {
		const { schema, ...rest } = options;
		return submitWith({
			...rest,
			busy: (value) => (this.submitting = value),
			check: schema && { schema, errors: (errors) => (this.#checked = errors) }
		});
	}
}
