import { describe, expect, it } from 'vitest';
import { contactSearchFilters } from '../../../src/lib/contacts.ts';

describe('contact search', () => {
	it('makes one filter per word over names, company and e-mail', () => {
		expect(contactSearchFilters('  ')).toEqual([]);
		expect(contactSearchFilters('Bernard banque')).toEqual([
			'first_name.ilike."*Bernard*",last_name.ilike."*Bernard*",company_name.ilike."*Bernard*",email.ilike."*Bernard*"',
			'first_name.ilike."*banque*",last_name.ilike."*banque*",company_name.ilike."*banque*",email.ilike."*banque*"'
		]);
	});

	it('quotes PostgREST syntax and matches LIKE wildcards literally', () => {
		const [filter] = contactSearchFilters('a,b(c)"d');
		expect(filter.startsWith('first_name.ilike."*a,b(c)\\"d*",')).toBe(true);
		const [wild] = contactSearchFilters('100%_x');
		// LIKE escapes (\% \_) whose backslashes are themselves escaped inside the quoted value.
		expect(wild.startsWith('first_name.ilike."*100\\\\%\\\\_x*",')).toBe(true);
	});
});
