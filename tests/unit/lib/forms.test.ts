// Form parsing shared by the actions and the browser check: a FormData read through a zod/mini
// schema gives typed data, or the first French message of each field and what to show again.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
	fieldErrors,
	formFailure,
	formValues,
	isConfirmed,
	parseForm
} from '../../../src/lib/forms.ts';
import { contactSchema } from '../../../src/lib/schemas/contacts.ts';
import { signUpSchema } from '../../../src/lib/schemas/auth.ts';

const formOf = (entries: [string, string | File][]) => {
	const form = new FormData();
	for (const [key, value] of entries) form.append(key, value);
	return form;
};

describe('parseForm', () => {
	it('gives the schema’s output when the form is valid', () => {
		const parsed = parseForm(
			contactSchema,
			formOf([
				['last_name', ' Durand '],
				['email', 'A@B.FR']
			])
		);
		expect(parsed).toEqual({
			ok: true,
			data: {
				first_name: '',
				last_name: 'Durand',
				email: 'a@b.fr',
				phone: null,
				company_name: null,
				position: null,
				notes: null
			}
		});
	});

	it('gives the first French message of each invalid field and the values typed, never a password', () => {
		const parsed = parseForm(
			signUpSchema,
			formOf([
				['first_name', ''],
				['last_name', 'Martin'],
				['email', 'pas-une-adresse'],
				['password', 'court'],
				['role', 'member']
			])
		);
		expect(parsed).toEqual({
			ok: false,
			errors: {
				first_name: 'Ce champ est obligatoire.',
				email: 'Saisissez une adresse e-mail valide.',
				password: 'Ce mot de passe est trop faible : utilisez au moins 8 caractères.'
			},
			values: { first_name: '', last_name: 'Martin', email: 'pas-une-adresse', role: 'member' }
		});
	});

	it('reads a repeated field as a list and a single one as a value', () => {
		const schema = z.object({ tag: z.array(z.string()), one: z.string() });
		const parsed = parseForm(
			schema,
			formOf([
				['tag', 'a'],
				['tag', 'b'],
				['one', 'x']
			])
		);
		expect(parsed).toEqual({ ok: true, data: { tag: ['a', 'b'], one: 'x' } });
	});

	it('files issues without a path under _form', () => {
		const schema = z.string().check(z.refine(() => false, { error: 'Formulaire invalide.' }));
		const result = z.safeParse(schema, 'x');
		expect(result.success ? {} : fieldErrors(result.error)).toEqual({
			_form: 'Formulaire invalide.'
		});
	});
});

describe('the other form helpers', () => {
	it('keep only text values and never echo a password field', () => {
		const form = formOf([
			['name', 'Agence'],
			['new_password', 'secret'],
			['file', new File(['x'], 'a.txt')]
		]);
		expect(formValues(form)).toEqual({ name: 'Agence' });
	});

	it('carry a message not tied to one field', () => {
		expect(formFailure('Identifiants incorrects.', { email: 'a@b.fr' })).toEqual({
			message: 'Identifiants incorrects.',
			values: { email: 'a@b.fr' },
			errors: {}
		});
	});

	it('treat a destructive post as confirmed only with confirmed=yes', () => {
		expect(isConfirmed(formOf([['confirmed', 'yes']]))).toBe(true);
		expect(isConfirmed(formOf([['confirmed', 'on']]))).toBe(false);
		expect(isConfirmed(formOf([]))).toBe(false);
	});
});
