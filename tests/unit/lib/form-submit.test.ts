// Sending an enhanced form: the schema's check first (nothing sent on an error), busy while the
// answer is applied, the toast and the follow-up only for the answer that means success, a stale
// page reloaded on 409 when asked; FormState shows the browser's errors until the next answer.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { refreshAll, showToast } = vi.hoisted(() => ({
	refreshAll: vi.fn(async () => undefined),
	showToast: vi.fn()
}));
vi.mock('$app/navigation', () => ({ refreshAll }));
vi.mock('#lib/components/toasts.svelte.ts', () => ({ showToast }));

const { FormState, submitWith } = await import('../../../src/lib/form-submit.svelte.ts');
const { contactSchema } = await import('../../../src/lib/schemas/contacts.ts');

type Submit = ReturnType<typeof submitWith>;
type ActionResult = Parameters<
	Extract<Awaited<ReturnType<Submit>>, (input: never) => unknown>
>[0]['result'];

/** A contact form as the enhance callback sees it, with the given last name. */
function submission(lastName: string) {
	const controls = [
		{ name: 'first_name', type: 'text', value: 'Léa', focus: vi.fn() },
		{ name: 'last_name', type: 'text', value: lastName, focus: vi.fn() }
	];
	const formData = new FormData();
	for (const control of controls) formData.append(control.name, control.value);
	const formElement = { elements: controls } as unknown as HTMLFormElement;
	const cancel = vi.fn();
	return { input: { cancel, formData, formElement } as unknown as Parameters<Submit>[0], cancel };
}

/** Sends the form and applies `result` the way SvelteKit's enhance would. */
async function send(submit: Submit, lastName: string, result: ActionResult) {
	const { input, cancel } = submission(lastName);
	const after = await submit(input);
	const update = vi.fn(async () => undefined);
	if (typeof after === 'function') {
		await after({ ...input, action: new URL('http://localhost/'), result, update });
	}
	return { sent: typeof after === 'function', cancel, update };
}

const success: ActionResult = { type: 'success', status: 200, location: '/contacts/new' };
const redirect: ActionResult = { type: 'redirect', status: 303, location: '/contacts/1' };
const conflict: ActionResult = {
	type: 'failure',
	status: 409,
	data: { message: 'Périmé' },
	location: '/contacts/new'
};

beforeEach(() => {
	refreshAll.mockClear();
	showToast.mockClear();
});

describe('submitWith', () => {
	it('sends nothing when the schema refuses a shown field, and reports its errors', async () => {
		const busy = vi.fn();
		const errors = vi.fn();
		const submit = submitWith({ busy, check: { schema: contactSchema, errors } });
		const { sent, cancel } = await send(submit, '  ', success);
		expect(sent).toBe(false);
		expect(cancel).toHaveBeenCalledOnce();
		expect(errors).toHaveBeenCalledWith({ last_name: 'Ce champ est obligatoire.' });
		expect(busy).not.toHaveBeenCalled();
	});

	it('clears the errors shown before when there is no schema to check with', async () => {
		const errors = vi.fn();
		const submit = submitWith({ busy: vi.fn(), check: { errors } });
		const { sent } = await send(submit, '  ', success);
		expect(sent).toBe(true);
		expect(errors).toHaveBeenCalledWith(null);
	});

	it('holds back a form something outside the schema blocks', async () => {
		const busy = vi.fn();
		const submit = submitWith({ busy, blocked: () => true });
		const { sent, cancel } = await send(submit, 'Roux', success);
		expect(sent).toBe(false);
		expect(cancel).toHaveBeenCalledOnce();
		expect(busy).not.toHaveBeenCalled();
	});

	it('is busy until the answer is applied, then confirms a success once and clears the fields', async () => {
		const busy = vi.fn();
		const done = vi.fn();
		const submit = submitWith({ busy, success: 'Enregistré', done });
		const { update } = await send(submit, 'Roux', success);
		expect(busy.mock.calls).toEqual([[true], [false]]);
		expect(update).toHaveBeenCalledWith({ reset: true });
		expect(busy.mock.invocationCallOrder[1]).toBeGreaterThan(update.mock.invocationCallOrder[0]);
		expect(showToast).toHaveBeenCalledExactlyOnceWith('Enregistré');
		expect(done).toHaveBeenCalledOnce();
	});

	it('keeps the fields after a refusal and confirms nothing', async () => {
		const done = vi.fn();
		const submit = submitWith({ busy: vi.fn(), success: 'Enregistré', done });
		const { update } = await send(submit, 'Roux', conflict);
		expect(update).toHaveBeenCalledWith({ reset: false });
		expect(showToast).not.toHaveBeenCalled();
		expect(done).not.toHaveBeenCalled();
		expect(refreshAll).not.toHaveBeenCalled();
	});

	it('confirms a create or edit page on its redirect, not on a plain success', async () => {
		const submit = submitWith({
			busy: vi.fn(),
			success: 'Contact ajouté',
			successOn: 'redirect',
			reset: false
		});
		const redirected = await send(submit, 'Roux', redirect);
		expect(redirected.update).toHaveBeenCalledWith({ reset: false });
		expect(showToast).toHaveBeenCalledExactlyOnceWith('Contact ajouté');
		showToast.mockClear();
		await send(submit, 'Roux', success);
		expect(showToast).not.toHaveBeenCalled();
	});

	it('reloads a stale page on a 409 when asked to', async () => {
		const submit = submitWith({ busy: vi.fn(), refreshOnConflict: true });
		await send(submit, 'Roux', conflict);
		expect(refreshAll).toHaveBeenCalledOnce();
	});
});

describe('FormState', () => {
	it('shows the browser’s errors, then the server’s once a valid form is sent', async () => {
		const server = { errors: { last_name: 'Refusé par le serveur.' } as Record<string, string> };
		const state = new FormState(() => server.errors);
		expect(state.errors).toEqual({ last_name: 'Refusé par le serveur.' });
		const submit = state.enhance({ schema: contactSchema });
		await send(submit, '  ', success);
		expect(state.errors).toEqual({ last_name: 'Ce champ est obligatoire.' });
		await send(submit, 'Roux', success);
		expect(state.errors).toEqual({ last_name: 'Refusé par le serveur.' });
	});

	it('is submitting from the send until the answer is applied', async () => {
		const state = new FormState(() => undefined);
		const { input } = submission('Roux');
		const after = await state.enhance({ schema: contactSchema })(input);
		expect(state.submitting).toBe(true);
		if (typeof after !== 'function') throw new Error('the form was not sent');
		await after({
			...input,
			action: new URL('http://localhost/'),
			result: success,
			update: vi.fn()
		});
		expect(state.submitting).toBe(false);
		expect(state.errors).toEqual({});
	});
});
