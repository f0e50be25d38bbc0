import { describe, expect, it } from 'vitest';
import {
	companyListQuery,
	companySchema,
	isIsoDay,
	namePattern,
	todayIso
} from '../../../../src/lib/schemas/companies.ts';

const errorsOf = (input: Record<string, unknown>) => {
	const result = companySchema.safeParse(input);
	const errors: Record<string, string> = {};
	for (const issue of result.success ? [] : result.error.issues)
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

describe('company form', () => {
	it('needs only a name and stores empty optional fields as null', () => {
		expect(companySchema.parse({ name: '  Atelier Lumen ', sector: '', website: '' })).toEqual({
			name: 'Atelier Lumen',
			description: null,
			sector: null,
			website: null,
			email: null,
			phone: null,
			city: null,
			founded_on: null
		});
	});

	it('refuses a missing or too long name in French', () => {
		expect(errorsOf({ name: '   ' })).toEqual({ name: 'Ce champ est obligatoire.' });
		expect(errorsOf({ name: 'x'.repeat(121) })).toEqual({ name: '120 caractères maximum.' });
	});

	it('accepts only the web addresses the database accepts (http(s) and a dotted host)', () => {
		expect(companySchema.parse({ name: 'A', website: 'https://a.example.fr/x?y' }).website).toBe(
			'https://a.example.fr/x?y'
		);
		for (const website of ['pas-un-site', 'ftp://a.fr', 'https://localhost', 'https://a b.fr']) {
			expect(errorsOf({ name: 'A', website })).toEqual({
				website: 'Saisissez une adresse web complète (https://…).'
			});
		}
	});

	it('refuses phone numbers the database refuses', () => {
		expect(companySchema.parse({ name: 'A', phone: '+33 4 78 00 12 34' }).phone).toBe(
			'+33 4 78 00 12 34'
		);
		expect(errorsOf({ name: 'A', phone: 'abc' })).toEqual({
			phone: 'Saisissez un numéro de téléphone valide (chiffres, espaces, +, points).'
		});
		expect(errorsOf({ name: 'A', phone: '12' })).toHaveProperty('phone');
	});

	it('lowercases e-mails and refuses malformed ones', () => {
		expect(companySchema.parse({ name: 'A', email: ' Contact@Lumen.FR ' }).email).toBe(
			'contact@lumen.fr'
		);
		expect(errorsOf({ name: 'A', email: 'contact@' })).toEqual({
			email: 'Saisissez une adresse e-mail valide.'
		});
	});

	it('refuses a creation date that is invalid or in the future', () => {
		expect(companySchema.parse({ name: 'A', founded_on: '2021-03-15' }).founded_on).toBe(
			'2021-03-15'
		);
		expect(errorsOf({ name: 'A', founded_on: '2021-02-30' })).toEqual({
			founded_on: 'Saisissez une date valide.'
		});
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		expect(errorsOf({ name: 'A', founded_on: tomorrow })).toEqual({
			founded_on: 'La date de création ne peut pas être dans le futur.'
		});
	});

	it('reads calendar days strictly', () => {
		expect(isIsoDay('2024-02-29')).toBe(true);
		expect(isIsoDay('2023-02-29')).toBe(false);
		expect(isIsoDay('2024-2-9')).toBe(false);
		expect(todayIso(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-24');
	});
});

describe('company directory query', () => {
	it('falls back to the defaults for anything unreadable', () => {
		expect(companyListQuery.parse({})).toEqual({ q: '', sector: '', mine: false, page: 1 });
		expect(companyListQuery.parse({ page: '-3', mine: 'oui', q: 'x'.repeat(200) })).toEqual({
			q: '',
			sector: '',
			mine: false,
			page: 1
		});
	});

	it('reads the search, the sector, "mine" and the page', () => {
		expect(
			companyListQuery.parse({ q: '  lumen ', sector: 'E-santé', mine: '1', page: '3' })
		).toEqual({ q: 'lumen', sector: 'E-santé', mine: true, page: 3 });
	});

	it('matches what was typed literally anywhere in the name', () => {
		expect(namePattern('lumen')).toBe('%lumen%');
		expect(namePattern('100%_bio\\')).toBe('%100\\%\\_bio\\\\%');
		// PostgREST reads * as %, with no escape: it is dropped rather than turned into a wildcard.
		expect(namePattern('a*b')).toBe('%ab%');
		expect(namePattern('  Atelier   Lumen ')).toBe('%Atelier Lumen%');
	});
});
