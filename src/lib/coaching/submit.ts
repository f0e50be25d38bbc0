// The `use:enhance` callback of the coaching forms: marks the form busy while it is sent, then
// lets SvelteKit apply the result as without JavaScript (page data refreshed, `form` set) and
// confirms a success with a toast. A 409 says the page was stale: with `refreshOnConflict` its
// data is reloaded too (SvelteKit only does so after a success), keeping the refusal shown.
import type { SubmitFunction } from '$app/forms';
import { refreshAll } from '$app/navigation';
import { showToast } from '#lib/components/toasts.svelte.ts';

export function submitWith(options: {
	busy: (value: boolean) => void;
	success?: string;
	reset?: boolean;
	refreshOnConflict?: boolean;
	done?: () => void;
}): SubmitFunction {
	return () => {
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
