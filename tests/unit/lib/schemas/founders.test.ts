import { describe, expect, it } from 'vitest';
import { founderSchema } from '../../../../src/lib/schemas/founders.ts';

const errorsOf = (input: Record<string, unknown>) => {
	const result = founderSchema.safeParse(input);
	const errors: Record<string, string> = {};
	for (const issue of result.success ? [] : result.error.issues)
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

describe('founder form', () => {
	it('needs a first and last name; the rest is optional and stored as null', () => {
		expect(founderSchema.parse({ first_name: ' Aïcha ', last_name: 'Traoré', bio: '' })).toEqual({
			first_name: 'Aïcha',
			last_name: 'Traoré',
			position: null,
			bio: null,
			email: null,
			linkedin_url: null
		});
		expect(errorsOf({})).toEqual({
			first_name: 'Ce champ est obligatoire.',
			last_name: 'Ce champ est obligatoire.'
		});
	});

	it('accepts LinkedIn profile addresses only, as the database does', () => {
		for (const url of [
			'https://www.linkedin.com/in/julien-moreau-lumen',
			'https://fr.linkedin.com/in/lea-fontaine',
			'https://linkedin.com/company/x'
		]) {
			expect(
				founderSchema.parse({ first_name: 'A', last_name: 'B', linkedin_url: url }).linkedin_url
			).toBe(url);
		}
		for (const url of [
			'http://www.linkedin.com/in/x',
			'https://example.com/in/x',
			'https://www.linkedin.com/',
			'https://evil-linkedin.com/in/x'
		]) {
			expect(errorsOf({ first_name: 'A', last_name: 'B', linkedin_url: url })).toEqual({
				linkedin_url: 'Saisissez l’adresse d’un profil LinkedIn (https://www.linkedin.com/…).'
			});
		}
	});

	it('refuses over-long fields with the limit in French', () => {
		expect(errorsOf({ first_name: 'A', last_name: 'B', position: 'x'.repeat(121) })).toEqual({
			position: '120 caractères maximum.'
		});
		expect(errorsOf({ first_name: 'A', last_name: 'B', bio: 'x'.repeat(2001) })).toEqual({
			bio: '2000 caractères maximum.'
		});
	});
});
