import { describe, expect, it } from 'vitest';
import {
	formatDayMonth,
	formatFileSize,
	formatMonthYear,
	formatWeekdayDay,
	fromLocalInputs,
	toLocalInputs
} from '../../../../src/lib/i18n/format.ts';

describe('file sizes', () => {
	it('are written in French units with a decimal comma', () => {
		expect(formatFileSize(0)).toBe('0 octets');
		expect(formatFileSize(910)).toBe('910 octets');
		expect(formatFileSize(1536)).toBe('1,5 Ko');
		expect(formatFileSize(10 * 1024 * 1024)).toBe('10 Mo');
		expect(formatFileSize(10 * 1024 * 1024 + 1)).toBe('10 Mo');
		expect(formatFileSize(2.25 * 1024 * 1024)).toBe('2,3 Mo');
		expect(formatFileSize(3 * 1024 ** 3)).toBe('3 Go');
	});
});

describe('calendar labels', () => {
	it('name months, days and weekdays in French', () => {
		const day = new Date('2026-11-24T12:00:00Z');
		expect(formatMonthYear(day, 'UTC')).toBe('novembre 2026');
		expect(formatDayMonth(day, 'UTC')).toBe('24 novembre');
		expect(formatDayMonth(day, 'UTC', { year: true })).toBe('24 novembre 2026');
		expect(formatWeekdayDay(day, 'UTC')).toBe('mar. 24');
	});
});

describe('a form’s local date and time as one instant', () => {
	it('reads the wall clock of the given zone', () => {
		expect(fromLocalInputs('2026-11-24', '14:30', 'Europe/Paris').toISOString()).toBe(
			'2026-11-24T13:30:00.000Z'
		);
		expect(fromLocalInputs('2026-07-14', '14:30', 'Europe/Paris').toISOString()).toBe(
			'2026-07-14T12:30:00.000Z'
		);
		expect(fromLocalInputs('2026-11-24', '14:30', 'Asia/Tokyo').toISOString()).toBe(
			'2026-11-24T05:30:00.000Z'
		);
	});

	it('round-trips with toLocalInputs on ordinary days', () => {
		for (const zone of ['Europe/Paris', 'America/New_York', 'Pacific/Auckland', 'UTC']) {
			const instant = fromLocalInputs('2026-06-01', '08:05', zone);
			expect(toLocalInputs(instant, zone)).toEqual({ date: '2026-06-01', time: '08:05' });
		}
	});

	it('moves a time skipped by the spring change forward by the gap, in every zone', () => {
		const paris = fromLocalInputs('2026-03-29', '02:30', 'Europe/Paris');
		expect(paris.toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(toLocalInputs(paris, 'Europe/Paris')).toEqual({ date: '2026-03-29', time: '03:30' });
		const newYork = fromLocalInputs('2026-03-08', '02:30', 'America/New_York');
		expect(toLocalInputs(newYork, 'America/New_York')).toEqual({
			date: '2026-03-08',
			time: '03:30'
		});
	});

	it('takes the first of the two instants a time shows at on the autumn change', () => {
		expect(fromLocalInputs('2026-10-25', '02:30', 'Europe/Paris').toISOString()).toBe(
			'2026-10-25T00:30:00.000Z'
		);
		expect(fromLocalInputs('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
			'2026-11-01T05:30:00.000Z'
		);
	});

	it('keeps the hours next to a change exact', () => {
		expect(fromLocalInputs('2026-03-29', '01:59', 'Europe/Paris').toISOString()).toBe(
			'2026-03-29T00:59:00.000Z'
		);
		expect(fromLocalInputs('2026-03-29', '03:00', 'Europe/Paris').toISOString()).toBe(
			'2026-03-29T01:00:00.000Z'
		);
		expect(fromLocalInputs('2026-10-25', '03:00', 'Europe/Paris').toISOString()).toBe(
			'2026-10-25T02:00:00.000Z'
		);
	});
});
