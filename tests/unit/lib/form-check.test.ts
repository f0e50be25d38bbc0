// The browser check before sending: the action's own schema decides; errors about fields the
// form shows stop the submission and the first of those fields gets the focus; errors only
// about hidden fields let the action answer.
import { describe, expect, it, vi } from 'vitest';
import { checkBeforeSubmit } from '../../../src/lib/form-check.ts';
import { renameDocumentSchema } from '../../../src/lib/schemas/documents.ts';
import { contactSchema } from '../../../src/lib/schemas/contacts.ts';

const ID = '3f1c2b8a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** A form as checkBeforeSubmit sees it: its controls in order, each focusable. */
function submission(controls: { name: string; type: string; value: string }[]) {
	const elements = controls.map((control) => ({ ...control, focus: vi.fn() }));
	const formData = new FormData();
	for (const control of controls) formData.append(control.name, control.value);
	const cancel = vi.fn();
	const formElement = { elements } as unknown as HTMLFormElement;
	return { submission: { cancel, formData, formElement }, cancel, elements };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

describe('checkBeforeSubmit', () => {
	it('lets a valid form go, untouched', async () => {
		const {
			submission: input,
			cancel,
			elements
		} = submission([
			{ name: 'id', type: 'hidden', value: ID },
			{ name: 'name', type: 'text', value: 'Bilan 2025.pdf' }
		]);
		expect(checkBeforeSubmit(renameDocumentSchema, input)).toBeNull();
		await settle();
		expect(cancel).not.toHaveBeenCalled();
		expect(elements[1].focus).not.toHaveBeenCalled();
	});

	it('stops a form with a bad visible field and focuses the first invalid field in form order', async () => {
		const {
			submission: input,
			cancel,
			elements
		} = submission([
			{ name: 'first_name', type: 'text', value: 'Léa' },
			{ name: 'last_name', type: 'text', value: '  ' },
			{ name: 'email', type: 'email', value: 'pas-une-adresse' }
		]);
		expect(checkBeforeSubmit(contactSchema, input)).toEqual({
			last_name: 'Ce champ est obligatoire.',
			email: 'Saisissez une adresse e-mail valide.'
		});
		expect(cancel).toHaveBeenCalledOnce();
		await settle();
		expect(elements[1].focus).toHaveBeenCalledOnce();
		expect(elements[2].focus).not.toHaveBeenCalled();
	});

	it('lets the action answer errors about hidden fields only, which the form cannot show', async () => {
		const { submission: input, cancel } = submission([
			{ name: 'id', type: 'hidden', value: 'pas-un-uuid' },
			{ name: 'name', type: 'text', value: 'Bilan.pdf' }
		]);
		expect(checkBeforeSubmit(renameDocumentSchema, input)).toBeNull();
		expect(cancel).not.toHaveBeenCalled();
	});
});
