import { describe, expect, it } from 'vitest';
import { contactListQuery, contactSchema } from '../../../../src/lib/schemas/contacts.ts';

const errorsOf = (input: Record<string, unknown>) => {
	const result = contactSchema.safeParse(input);
	const errors: Record<string, string> = {};
	// The first message of each field, as the app's parseForm shows it.
	for (const issue of result.success ? [] : result.error.issues)
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

describe('contact form', () => {
	it('needs only a last name and stores empty optional fields as null', () => {
		const result = contactSchema.parse({
			last_name: '  Agence des Pentes ',
			first_name: '',
			email: ''
		});
		expect(result).toEqual({
			first_name: '',
			last_name: 'Agence des Pentes',
			email: null,
			phone: null,
			company_name: null,
			position: null,
			notes: null
		});
	});

	it('refuses a missing last name in French', () => {
		expect(errorsOf({ first_name: 'Anne' })).toEqual({ last_name: 'Ce champ est obligatoire.' });
		expect(errorsOf({ last_name: '   ' })).toEqual({ last_name: 'Ce champ est obligatoire.' });
	});

	it('normalises e-mails and refuses malformed ones', () => {
		expect(contactSchema.parse({ last_name: 'Rey', email: ' Anne.Rey@Exemple.FR ' }).email).toBe(
			'anne.rey@exemple.fr'
		);
		expect(errorsOf({ last_name: 'Rey', email: 'anne@' })).toEqual({
			email: 'Saisissez une adresse e-mail valide.'
		});
	});

	it('accepts French phone numbers and refuses what the table refuses', () => {
		for (const phone of ['04 72 00 11 22', '+33 6 12 34 56 78', '(01) 45.67.89.00']) {
			expect(contactSchema.parse({ last_name: 'Rey', phone }).phone).toBe(phone);
		}
		expect(errorsOf({ last_name: 'Rey', phone: 'appelez-moi' }).phone).toMatch(
			/numéro de téléphone/
		);
		expect(errorsOf({ last_name: 'Rey', phone: '12' }).phone).toMatch(/numéro de téléphone/);
	});

	it('applies the table’s length limits with the limit in the message', () => {
		expect(errorsOf({ last_name: 'x'.repeat(81) })).toEqual({
			last_name: '80 caractères maximum.'
		});
		expect(errorsOf({ last_name: 'Rey', notes: 'x'.repeat(2001) })).toEqual({
			notes: '2000 caractères maximum.'
		});
		expect(errorsOf({ last_name: 'Rey', company_name: 'x'.repeat(121) })).toEqual({
			company_name: '120 caractères maximum.'
		});
	});
});

describe('contact list query', () => {
	it('falls back to defaults for anything unreadable', () => {
		expect(contactListQuery.parse({})).toEqual({ q: '', sort: 'name', page: 1 });
		expect(contactListQuery.parse({ q: ' lemaire ', sort: 'company', page: '3' })).toEqual({
			q: 'lemaire',
			sort: 'company',
			page: 3
		});
		expect(contactListQuery.parse({ sort: 'salary', page: '-2' })).toEqual({
			q: '',
			sort: 'name',
			page: 1
		});
	});
});
