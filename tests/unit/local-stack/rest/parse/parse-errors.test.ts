// PGRST100 messages come from a Parsec-compatible core: each case below is an error PostgREST
// documents in its own doctests or spec suite, reproduced character for character.
import { describe, expect, it } from 'vitest';
import { parseFilter, parseLogic } from '../../../../../local-stack/rest/parse/filter.ts';
import { parseOrder } from '../../../../../local-stack/rest/parse/order.ts';
import { parseQueryParams } from '../../../../../local-stack/rest/parse/query-params.ts';
import { parseSelect } from '../../../../../local-stack/rest/parse/select.ts';

const failure = (result: { ok: boolean; failure?: { message: string; details: string } }) => {
	expect(result.ok).toBe(false);
	return result.failure;
};

describe('parse errors read exactly like PostgREST', () => {
	it('an unknown operator names the position and what was expected', () => {
		expect(failure(parseFilter('id', '0', false))).toEqual({
			message: '"failed to parse filter (0)" (line 1, column 1)',
			details: 'unexpected "0" expecting "not" or operator (eq, gt, ...)'
		});
		expect(failure(parseFilter('a.b', 'noop.0', false))).toEqual({
			message: '"failed to parse filter (noop.0)" (line 1, column 1)',
			details: 'unexpected "o" expecting "not" or operator (eq, gt, ...)'
		});
	});

	it('a bad order direction lists the four keywords', () => {
		expect(failure(parseOrder('order', 'id.ac'))).toEqual({
			message: '"failed to parse order (id.ac)" (line 1, column 4)',
			details: 'unexpected "c" expecting "asc", "desc", "nullsfirst" or "nullslast"'
		});
		expect(failure(parseOrder('order', 'id.asc.nullslasttt'))).toEqual({
			message: '"failed to parse order (id.asc.nullslasttt)" (line 1, column 17)',
			details: 'unexpected \'t\' expecting "," or end of input'
		});
	});

	it('an empty logic tree expects a field, not or a logic operator', () => {
		expect(failure(parseLogic('or', '()'))).toEqual({
			message: '"failed to parse logic tree (())" (line 1, column 4)',
			details:
				'unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)'
		});
	});

	it('select errors point into JSON paths and embeds', () => {
		expect(failure(parseSelect('id,clients(name[])'))).toEqual({
			message: '"failed to parse select parameter (id,clients(name[]))" (line 1, column 16)',
			details:
				'unexpected \'[\' expecting letter, digit, "-", "->>", "->", "::", ".", ")", "," or end of input'
		});
		expect(failure(parseSelect('data->>--34'))).toEqual({
			message: '"failed to parse select parameter (data->>--34)" (line 1, column 9)',
			details: 'unexpected "-" expecting digit'
		});
		expect(failure(parseSelect('data->(!@#$%^&*_d->>!@#$%^&*_e::integer'))).toEqual({
			message:
				'"failed to parse select parameter (data->(!@#$%^&*_d->>!@#$%^&*_e::integer)" (line 1, column 7)',
			details:
				'unexpected "(" expecting "-", digit or any non reserved character different from: .,>()'
		});
	});

	it('an empty columns parameter expects a field name', () => {
		expect(() => parseQueryParams('columns=', false)).toThrow(
			expect.objectContaining({
				code: 'PGRST100',
				message: '"failed to parse columns parameter ()" (line 1, column 1)',
				details: 'unexpected end of input expecting field name (* or [a..z0..9_$])'
			})
		);
	});
});
