import { describe, expect, it } from 'vitest';
import { planFormSchema } from '../../../../src/lib/schemas/plans.ts';

const base = {
	title: 'Rendez-vous banque',
	date: '2026-11-24',
	time: '14:30',
	duration_minutes: '60'
};
const errorsOf = (input: Record<string, unknown>, zone = 'Europe/Paris') => {
	const result = planFormSchema(zone).safeParse(input);
	const errors: Record<string, string> = {};
	// The first message of each field, as the app's parseForm shows it.
	for (const issue of result.success ? [] : result.error.issues)
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

describe('plan form', () => {
	it('turns the local date and time into one instant in the viewer’s zone', () => {
		expect(planFormSchema('Europe/Paris').parse(base)).toEqual({
			title: 'Rendez-vous banque',
			description: null,
			location: null,
			duration_minutes: 60,
			reminder_minutes_before: null,
			starts_at: '2026-11-24T13:30:00.000Z'
		});
		expect(planFormSchema('America/New_York').parse(base).starts_at).toBe(
			'2026-11-24T19:30:00.000Z'
		);
	});

	it('keeps the wall-clock hour on both sides of a DST change', () => {
		const paris = planFormSchema('Europe/Paris');
		expect(paris.parse({ ...base, date: '2026-03-28', time: '09:00' }).starts_at).toBe(
			'2026-03-28T08:00:00.000Z'
		);
		expect(paris.parse({ ...base, date: '2026-03-30', time: '09:00' }).starts_at).toBe(
			'2026-03-30T07:00:00.000Z'
		);
		// 02:30 does not exist on 29 March in Paris: the clock jumps to 03:30.
		expect(paris.parse({ ...base, date: '2026-03-29', time: '02:30' }).starts_at).toBe(
			'2026-03-29T01:30:00.000Z'
		);
	});

	it('accepts a time with seconds, as some browsers send it', () => {
		expect(planFormSchema('Europe/Paris').parse({ ...base, time: '14:30:00' }).starts_at).toBe(
			'2026-11-24T13:30:00.000Z'
		);
	});

	it('reads the reminder choice, empty meaning no reminder', () => {
		const schema = planFormSchema('Europe/Paris');
		expect(
			schema.parse({ ...base, reminder_minutes_before: '' }).reminder_minutes_before
		).toBeNull();
		expect(schema.parse({ ...base, reminder_minutes_before: '0' }).reminder_minutes_before).toBe(0);
		expect(schema.parse({ ...base, reminder_minutes_before: '1440' }).reminder_minutes_before).toBe(
			1440
		);
		expect(errorsOf({ ...base, reminder_minutes_before: '10081' })).toEqual({
			reminder_minutes_before: 'Choisissez un rappel dans la liste.'
		});
		expect(errorsOf({ ...base, reminder_minutes_before: 'bientôt' })).toEqual({
			reminder_minutes_before: 'Choisissez un rappel dans la liste.'
		});
	});

	it('refuses bad input with French messages next to each field', () => {
		expect(
			errorsOf({ title: ' ', date: '2026-02-30', time: '25:00', duration_minutes: '0' })
		).toEqual({
			title: 'Ce champ est obligatoire.',
			date: 'Saisissez une date valide.',
			time: 'Saisissez une heure valide (HH:MM).',
			duration_minutes: 'La durée doit être un nombre entier de minutes entre 1 et 1440.'
		});
		expect(errorsOf({ ...base, duration_minutes: '1441' })).toEqual({
			duration_minutes: 'La durée doit être un nombre entier de minutes entre 1 et 1440.'
		});
		expect(errorsOf({ ...base, duration_minutes: '12.5' })).toEqual({
			duration_minutes: 'La durée doit être un nombre entier de minutes entre 1 et 1440.'
		});
		expect(errorsOf({ ...base, date: '' })).toEqual({ date: 'Ce champ est obligatoire.' });
		expect(errorsOf({ ...base, title: 'x'.repeat(161) })).toEqual({
			title: '160 caractères maximum.'
		});
	});
});
