// The `use:enhance` callback of the coaching forms: checks the form with its action's schema
// first (`check`: errors next to the fields, nothing sent), marks the form busy while it is sent,
// then lets SvelteKit apply the result as without JavaScript (page data refreshed, `form` set) and
// confirms a success with a toast. A 409 says the page was stale: with `refreshOnConflict` its
// data is reloaded too (SvelteKit only does so after a success), keeping the refusal shown.
import type { SubmitFunction } from '$app/forms';
import { refreshAll } from '$app/navigation';
import type { core } from 'zod/mini';
import { showToast } from '#lib/components/toasts.svelte.ts';
import { checkBeforeSubmit } from '#lib/form-check.ts';
import type { FieldErrors } from '#lib/forms.ts';

export function submitWith(options: {
	busy: (value: boolean) => void;
	success?: string;
	reset?: boolean;
	refreshOnConflict?: boolean;
	done?: () => void;
	/** The action's schema, and where the errors it finds in the browser go (null: none). */
	check?: { schema: core.$ZodType; errors: (errors: FieldErrors | null) => void };
}): SubmitFunction {
	return (submission) => {
		if (options.check) {
			const errors = checkBeforeSubmit(options.check.schema, submission);
			options.check.errors(errors);
			if (errors) return;
		}
		options.busy(true);
		return async ({ result, update }) => {
			await update({ reset: options.reset ?? result.type === 'success' });
			if (options.refreshOnConflict && result.type === 'failure' && result.status === 409) {
				await refreshAll();
			}
			options.busy(false);
			if (result.type === 'success') {
				if (options.success) showToast(options.success);
				options.done?.();
			}
		};
	};
}
