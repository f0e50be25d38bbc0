import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	agendaPeriod,
	dayAsDate,
	dayOf,
	groupByDay,
	isDay,
	isoWeekday,
	monthWeeks,
	moveDay,
	startOfDayIn,
	startOfWeek,
	weekDays
} from '../../../src/lib/agenda.ts';

const HOUR = 3_600_000;

describe('calendar days', () => {
	it('accepts only real calendar dates', () => {
		expect(isDay('2026-02-28')).toBe(true);
		expect(isDay('2028-02-29')).toBe(true);
		expect(isDay('2026-02-29')).toBe(false);
		expect(isDay('2026-13-01')).toBe(false);
		expect(isDay('2026-1-01')).toBe(false);
		expect(isDay('')).toBe(false);
		expect(isDay(null)).toBe(false);
	});

	it('adds days across month and year ends and DST changes alike', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
		expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
	});

	it('starts weeks on Monday, as in France', () => {
		expect(isoWeekday('2026-11-01')).toBe(7);
		expect(isoWeekday('2026-11-02')).toBe(1);
		expect(startOfWeek('2026-11-01')).toBe('2026-10-26');
		expect(startOfWeek('2026-11-02')).toBe('2026-11-02');
		expect(weekDays('2026-11-04')).toEqual([
			'2026-11-02',
			'2026-11-03',
			'2026-11-04',
			'2026-11-05',
			'2026-11-06',
			'2026-11-07',
			'2026-11-08'
		]);
	});

	it('clamps a month step to the length of the target month', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
	});

	it('covers a month with whole weeks, from 4 to 6 rows', () => {
		const november = monthWeeks('2026-11-18');
		expect(november).toHaveLength(6);
		expect(november[0][0]).toBe('2026-10-26');
		expect(november[5][6]).toBe('2026-12-06');
		const february = monthWeeks('2027-02-10');
		expect(february).toHaveLength(4);
		expect(february[0][0]).toBe('2027-02-01');
		expect(february[3][6]).toBe('2027-02-28');
	});

	it('formats a day as its own calendar date whatever the machine zone', () => {
		expect(dayAsDate('2026-03-29').toISOString()).toBe('2026-03-29T12:00:00.000Z');
	});

	it('moves the keyboard focus by day, week, week edges and month', () => {
		expect(moveDay('2026-11-04', 'ArrowLeft')).toBe('2026-11-03');
		expect(moveDay('2026-11-04', 'ArrowRight')).toBe('2026-11-05');
		expect(moveDay('2026-11-04', 'ArrowUp')).toBe('2026-10-28');
		expect(moveDay('2026-11-04', 'ArrowDown')).toBe('2026-11-11');
		expect(moveDay('2026-11-04', 'Home')).toBe('2026-11-02');
		expect(moveDay('2026-11-04', 'End')).toBe('2026-11-08');
		expect(moveDay('2026-01-31', 'PageDown')).toBe('2026-02-28');
		expect(moveDay('2026-11-04', 'Tab')).toBeNull();
	});
});

describe('days and instants in a time zone', () => {
	it('places an instant on the day the viewer’s clock shows', () => {
		// 23:30 UTC on Monday is already Tuesday in Paris, still Monday in New York.
		expect(dayOf('2026-11-02T23:30:00Z', 'Europe/Paris')).toBe('2026-11-03');
		expect(dayOf('2026-11-02T23:30:00Z', 'America/New_York')).toBe('2026-11-02');
		expect(dayOf('2026-11-02T23:30:00Z', 'UTC')).toBe('2026-11-02');
	});

	it('starts a day at its local midnight, on both sides of a DST change', () => {
		expect(startOfDayIn('2026-03-29', 'Europe/Paris').toISOString()).toBe(
			'2026-03-28T23:00:00.000Z'
		);
		expect(startOfDayIn('2026-03-30', 'Europe/Paris').toISOString()).toBe(
			'2026-03-29T22:00:00.000Z'
		);
		expect(startOfDayIn('2026-10-26', 'Europe/Paris').toISOString()).toBe(
			'2026-10-25T23:00:00.000Z'
		);
	});

	it('bounds the week of the spring change by local midnights: 167 hours', () => {
		const week = agendaPeriod('week', '2026-03-25', 'Europe/Paris');
		expect(week.rows[0][0]).toBe('2026-03-23');
		expect(week.from.toISOString()).toBe('2026-03-22T23:00:00.000Z');
		expect(week.to.toISOString()).toBe('2026-03-29T22:00:00.000Z');
		expect((week.to.getTime() - week.from.getTime()) / HOUR).toBe(167);
		expect(week.previous).toBe('2026-03-18');
		expect(week.next).toBe('2026-04-01');
	});

	it('bounds the week of the autumn change by local midnights: 169 hours', () => {
		const week = agendaPeriod('week', '2026-10-25', 'Europe/Paris');
		expect(week.from.toISOString()).toBe('2026-10-18T22:00:00.000Z');
		expect(week.to.toISOString()).toBe('2026-10-25T23:00:00.000Z');
		expect((week.to.getTime() - week.from.getTime()) / HOUR).toBe(169);
	});

	it('bounds a month view by the first and last days of its grid', () => {
		const month = agendaPeriod('month', '2026-11-18', 'Europe/Paris');
		expect(month.rows).toHaveLength(6);
		expect(month.from.toISOString()).toBe('2026-10-25T23:00:00.000Z');
		expect(month.to.toISOString()).toBe('2026-12-06T23:00:00.000Z');
		expect(month.previous).toBe('2026-10-18');
		expect(month.next).toBe('2026-12-18');
	});

	it('groups items by local start day, in start order, across the spring change', () => {
		const items = [
			{ id: 'c', starts_at: '2026-03-29T22:30:00Z' }, // Monday 00:30 in Paris (UTC+2)
			{ id: 'b', starts_at: '2026-03-29T07:00:00Z' }, // Sunday 09:00
			{ id: 'a', starts_at: '2026-03-28T23:15:00Z' } // Sunday 00:15 (UTC+1)
		];
		const groups = groupByDay(items, 'Europe/Paris');
		expect([...groups.keys()]).toEqual(['2026-03-29', '2026-03-30']);
		expect(groups.get('2026-03-29')!.map((item) => item.id)).toEqual(['a', 'b']);
		expect(groups.get('2026-03-30')!.map((item) => item.id)).toEqual(['c']);
		expect([...groupByDay(items, 'UTC').keys()]).toEqual(['2026-03-28', '2026-03-29']);
	});
});
