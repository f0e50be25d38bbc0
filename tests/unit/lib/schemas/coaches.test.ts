// The coach profile forms refuse what the database would refuse (rate range, LinkedIn URL,
// weekly availability shape) with French messages, and the directory reads its filters safely.
import { describe, expect, it } from 'vitest';
import {
	addSlotSchema,
	coachDomainSchema,
	coachProfileSchema,
	parseDirectoryFilters,
	removeSlotSchema,
	weeklyAvailability
} from '../../../../src/lib/schemas/coaches.ts';

const issue = (result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => result.error?.issues.map((item) => [item.path.join('.'), item.message]);

describe('the coach profile', () => {
	it('reads a French decimal rate and drops empty optional fields', () => {
		const result = coachProfileSchema.parse({ bio: '  ', hourly_rate: '85,50', linkedin_url: '' });
		expect(result).toEqual({ bio: null, hourly_rate: 85.5, linkedin_url: null });
	});

	it('refuses a rate that is not an amount in euros or beyond 100 000 €', () => {
		expect(issue(coachProfileSchema.safeParse({ hourly_rate: '-5' }))).toEqual([
			['hourly_rate', 'Saisissez un tarif en euros, par exemple 85 ou 85,50.']
		]);
		expect(issue(coachProfileSchema.safeParse({ hourly_rate: '100000,01' }))).toEqual([
			['hourly_rate', 'Le tarif doit être compris entre 0 et 100 000 €.']
		]);
		expect(issue(coachProfileSchema.safeParse({ hourly_rate: '' }))).toEqual([
			['hourly_rate', 'Ce champ est obligatoire.']
		]);
	});

	it('accepts only https LinkedIn addresses, as the database does', () => {
		const ok = coachProfileSchema.safeParse({
			hourly_rate: '90',
			linkedin_url: 'https://fr.linkedin.com/in/sophie'
		});
		expect(ok.success).toBe(true);
		expect(
			issue(
				coachProfileSchema.safeParse({
					hourly_rate: '90',
					linkedin_url: 'http://linkedin.com/in/x'
				})
			)
		).toEqual([
			['linkedin_url', 'Saisissez l’adresse d’un profil LinkedIn (https://www.linkedin.com/in/…).']
		]);
	});

	it('refuses a presentation over 5000 characters', () => {
		expect(
			issue(coachProfileSchema.safeParse({ hourly_rate: '1', bio: 'a'.repeat(5001) }))
		).toEqual([['bio', '5000 caractères maximum.']]);
	});

	it('needs a domain id to add or remove a domain', () => {
		expect(issue(coachDomainSchema.safeParse({ domain_id: '' }))).toEqual([
			['domain_id', 'Choisissez un domaine d’expertise.']
		]);
	});
});

describe('the weekly availability', () => {
	it('accepts what private.is_valid_weekly_availability accepts, 24:00 as an end included', () => {
		expect(
			weeklyAvailability.safeParse([
				{ weekday: 1, start: '09:00', end: '12:00' },
				{ weekday: 7, start: '20:00', end: '24:00' }
			]).success
		).toBe(true);
	});

	it('refuses what the database refuses: bad weekday, bad time, end not after start, extra keys', () => {
		expect(
			weeklyAvailability.safeParse([{ weekday: 8, start: '09:00', end: '12:00' }]).success
		).toBe(false);
		expect(
			weeklyAvailability.safeParse([{ weekday: 1, start: '9:00', end: '12:00' }]).success
		).toBe(false);
		expect(
			weeklyAvailability.safeParse([{ weekday: 1, start: '24:00', end: '24:00' }]).success
		).toBe(false);
		expect(
			weeklyAvailability.safeParse([{ weekday: 1, start: '12:00', end: '09:00' }]).success
		).toBe(false);
		expect(
			weeklyAvailability.safeParse([{ weekday: 1, start: '09:00', end: '12:00', note: 'x' }])
				.success
		).toBe(false);
		expect(
			weeklyAvailability.safeParse(
				Array.from({ length: 101 }, () => ({ weekday: 1, start: '09:00', end: '09:01' }))
			).success
		).toBe(false);
	});

	it('refuses two slots of one day that overlap', () => {
		expect(
			issue(
				weeklyAvailability.safeParse([
					{ weekday: 1, start: '09:00', end: '12:00' },
					{ weekday: 1, start: '11:00', end: '13:00' }
				])
			)
		).toEqual([['1.start', 'Ce créneau chevauche un créneau existant du même jour.']]);
	});

	const current = JSON.stringify([{ weekday: 2, start: '14:00', end: '18:00' }]);

	it('adds a slot to the current list, sorted, midnight as end read as 24:00', () => {
		const result = addSlotSchema.parse({
			current,
			version: 'v1',
			weekday: '1',
			start: '20:00',
			end: '00:00'
		});
		expect(result).toEqual({
			availability: [
				{ weekday: 1, start: '20:00', end: '24:00' },
				{ weekday: 2, start: '14:00', end: '18:00' }
			],
			version: 'v1'
		});
	});

	it('refuses a new slot that overlaps, ends before it starts or has no valid day', () => {
		expect(
			issue(
				addSlotSchema.safeParse({
					current,
					version: 'v1',
					weekday: '2',
					start: '17:00',
					end: '19:00'
				})
			)
		).toEqual([['start', 'Ce créneau chevauche un créneau existant du même jour.']]);
		expect(
			issue(
				addSlotSchema.safeParse({
					current,
					version: 'v1',
					weekday: '3',
					start: '17:00',
					end: '09:00'
				})
			)
		).toEqual([['end', 'La fin doit être après le début.']]);
		expect(
			issue(
				addSlotSchema.safeParse({
					current,
					version: 'v1',
					weekday: '',
					start: '09:00',
					end: '10:00'
				})
			)
		).toEqual([['weekday', 'Choisissez un jour de la semaine.']]);
	});

	it('refuses a tampered current list', () => {
		expect(
			addSlotSchema.safeParse({
				current: '{',
				version: 'v1',
				weekday: '1',
				start: '09:00',
				end: '10:00'
			}).success
		).toBe(false);
		expect(
			addSlotSchema.safeParse({
				current: '[{"weekday":1}]',
				version: 'v1',
				weekday: '1',
				start: '09:00',
				end: '10:00'
			}).success
		).toBe(false);
	});

	it('removes the slot at the given index only', () => {
		const two = JSON.stringify([
			{ weekday: 1, start: '09:00', end: '12:00' },
			{ weekday: 2, start: '14:00', end: '18:00' }
		]);
		expect(
			removeSlotSchema.parse({ current: two, version: 'v1', index: '0' }).availability
		).toEqual([{ weekday: 2, start: '14:00', end: '18:00' }]);
		expect(removeSlotSchema.safeParse({ current: two, version: 'v1', index: '2' }).success).toBe(
			false
		);
	});
});

describe('the directory filters', () => {
	it('reads valid filters and defaults the sort and page', () => {
		const { filters, errors } = parseDirectoryFilters(
			new URLSearchParams(
				'domain=30000000-0000-4000-8000-000000000001&max_rate=90,5&weekday=2&period=morning'
			)
		);
		expect(filters).toEqual({
			domain: '30000000-0000-4000-8000-000000000001',
			maxRate: 90.5,
			weekday: 2,
			period: 'morning',
			sort: 'rating',
			page: 1
		});
		expect(errors).toEqual({});
	});

	it('ignores invalid filters and reports a bad maximum rate next to its field', () => {
		const { filters, errors } = parseDirectoryFilters(
			new URLSearchParams('domain=x&max_rate=abc&weekday=9&period=night&sort=name&page=0')
		);
		expect(filters).toEqual({
			domain: null,
			maxRate: null,
			weekday: null,
			period: null,
			sort: 'rating',
			page: 1
		});
		expect(errors).toEqual({ max_rate: 'Saisissez un tarif maximum positif.' });
	});
});
