import { describe, expect, it } from 'vitest';
import { eventFormSchema } from '../../../../src/lib/schemas/events.ts';

const paris = eventFormSchema('Europe/Paris');
const base = {
	title: 'Portes ouvertes',
	location: 'Lyon',
	start_date: '2026-11-24',
	start_time: '14:00'
};
const errorsOf = (input: Record<string, unknown>) => {
	const result = paris.safeParse(input);
	const errors: Record<string, string> = {};
	for (const issue of result.success ? [] : result.error.issues)
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};
const png = (size = 10) => new File([new Uint8Array(size)], 'affiche.png', { type: 'image/png' });

describe('event form', () => {
	it('turns the local start (and end) into instants of the viewer’s time zone', () => {
		expect(paris.parse({ ...base, end_time: '18:00', description: '' })).toEqual({
			title: 'Portes ouvertes',
			description: null,
			location: 'Lyon',
			starts_at: '2026-11-24T13:00:00.000Z',
			ends_at: '2026-11-24T17:00:00.000Z',
			image: null,
			remove_image: false
		});
		// Summer time: Paris is UTC+2.
		expect(paris.parse({ ...base, start_date: '2026-07-01' }).starts_at).toBe(
			'2026-07-01T12:00:00.000Z'
		);
		expect(paris.parse({ ...base, end_date: '2026-11-26', end_time: '10:00' }).ends_at).toBe(
			'2026-11-26T09:00:00.000Z'
		);
	});

	it('has no end when none is given, and refuses an end day without its time', () => {
		expect(paris.parse(base).ends_at).toBeNull();
		expect(errorsOf({ ...base, end_date: '2026-11-25' })).toEqual({
			end_time: 'Indiquez l’heure de fin.'
		});
	});

	it('refuses an end that is not after the start, next to the end time', () => {
		expect(errorsOf({ ...base, end_time: '13:00' })).toEqual({
			end_time: 'La fin doit être après le début.'
		});
		expect(errorsOf({ ...base, end_time: '14:00' })).toEqual({
			end_time: 'La fin doit être après le début.'
		});
	});

	it('needs a title, a place, a valid start day and time, in French', () => {
		expect(errorsOf({})).toEqual({
			title: 'Ce champ est obligatoire.',
			location: 'Ce champ est obligatoire.',
			start_date: 'Ce champ est obligatoire.',
			start_time: 'Ce champ est obligatoire.'
		});
		expect(errorsOf({ ...base, start_time: '25:00' })).toEqual({
			start_time: 'Saisissez une heure valide (HH:MM).'
		});
		expect(errorsOf({ ...base, start_date: '24/11/2026' })).toEqual({
			start_date: 'Saisissez une date valide.'
		});
	});

	it('keeps a picture of an allowed type and size, and reads an empty file input as none', () => {
		const file = png();
		expect(paris.parse({ ...base, image: file }).image).toBe(file);
		expect(paris.parse({ ...base, image: new File([], '') }).image).toBeNull();
		expect(paris.parse({ ...base, image: '' }).image).toBeNull();
		expect(paris.parse({ ...base, remove_image: 'on' }).remove_image).toBe(true);
	});

	it('refuses a picture of another type or over 5 MiB', () => {
		const gif = new File([new Uint8Array(10)], 'anime.gif', { type: 'image/gif' });
		expect(errorsOf({ ...base, image: gif })).toEqual({
			image: 'Formats acceptés : JPEG, PNG ou WebP.'
		});
		expect(errorsOf({ ...base, image: png(5 * 1024 * 1024 + 1) })).toEqual({
			image: 'Cette image dépasse 5 Mo.'
		});
		expect(paris.parse({ ...base, image: png(5 * 1024 * 1024) }).image).not.toBeNull();
		expect(errorsOf({ ...base, image: 'pas-un-fichier' })).toEqual({
			image: 'Formats acceptés : JPEG, PNG ou WebP.'
		});
	});
});
