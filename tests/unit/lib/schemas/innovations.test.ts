import { describe, expect, it } from 'vitest';
import { innovationFormSchema } from '../../../../src/lib/schemas/innovations.ts';

const paris = innovationFormSchema('Europe/Paris');
const errorsOf = (input: Record<string, unknown>) => {
	const result = paris.safeParse(input);
	const errors: Record<string, string> = {};
	for (const issue of result.success ? [] : result.error.issues)
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

describe('innovation form', () => {
	it('turns the publication day into midnight of that day in the viewer’s time zone', () => {
		expect(
			paris.parse({ title: ' Kit LED ', kind: 'product', published_on: '2026-07-01' })
		).toEqual({
			title: 'Kit LED',
			description: null,
			kind: 'product',
			published_at: '2026-06-30T22:00:00.000Z'
		});
		expect(
			innovationFormSchema('America/Montreal').parse({
				title: 'A',
				kind: 'service',
				published_on: '2026-01-15'
			}).published_at
		).toBe('2026-01-15T05:00:00.000Z');
	});

	it('accepts only the three kinds of the database enum', () => {
		for (const kind of ['product', 'service', 'process']) {
			expect(paris.parse({ title: 'A', kind, published_on: '2026-01-01' }).kind).toBe(kind);
		}
		expect(errorsOf({ title: 'A', kind: 'idea', published_on: '2026-01-01' })).toEqual({
			kind: 'Choisissez le type : produit, service ou procédé.'
		});
	});

	it('needs a title and a valid day, in French', () => {
		expect(errorsOf({ kind: 'product' })).toEqual({
			title: 'Ce champ est obligatoire.',
			published_on: 'Ce champ est obligatoire.'
		});
		expect(errorsOf({ title: 'A', kind: 'product', published_on: '2026-13-01' })).toEqual({
			published_on: 'Saisissez une date valide.'
		});
		expect(
			errorsOf({ title: 'x'.repeat(161), kind: 'product', published_on: '2026-01-01' })
		).toEqual({
			title: '160 caractères maximum.'
		});
	});
});
