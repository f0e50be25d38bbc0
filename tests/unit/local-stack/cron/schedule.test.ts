import { describe, expect, it } from 'vitest';
import { CronScheduleError, isDue, parseSchedule } from '../../../../local-stack/cron/schedule.ts';
import type { CalendarSchedule } from '../../../../local-stack/cron/schedule.ts';

const calendar = (text: string) => {
	const schedule = parseSchedule(text);
	if (schedule.kind !== 'calendar') throw new Error(`${text} is not a calendar schedule`);
	return schedule;
};
const at = (iso: string) => new Date(iso);
const due = (schedule: CalendarSchedule, iso: string) => isDue(schedule, at(iso));

describe('parseSchedule', () => {
	it('reads pg_cron intervals of 1 to 59 seconds', () => {
		expect(parseSchedule('30 seconds')).toEqual({ kind: 'interval', seconds: 30 });
		expect(parseSchedule('1 second')).toEqual({ kind: 'interval', seconds: 1 });
		expect(() => parseSchedule('60 seconds')).toThrow(CronScheduleError);
		expect(() => parseSchedule('0 seconds')).toThrow('invalid schedule: 0 seconds');
	});

	it('reads @reboot and the @ macros', () => {
		expect(parseSchedule('@reboot')).toEqual({ kind: 'reboot' });
		const daily = calendar('@daily');
		expect([...daily.minutes]).toEqual([0]);
		expect([...daily.hours]).toEqual([0]);
		expect(calendar('@hourly').hours.size).toBe(24);
	});

	it('expands lists, ranges and steps', () => {
		const schedule = calendar('*/15 9-17/4 1,15 * *');
		expect([...schedule.minutes]).toEqual([0, 15, 30, 45]);
		expect([...schedule.hours]).toEqual([9, 13, 17]);
		expect([...schedule.daysOfMonth]).toEqual([1, 15]);
		expect(schedule.months.size).toBe(12);
	});

	it('reads month and day names, and 7 as Sunday', () => {
		const schedule = calendar('0 8 * jan-mar mon,fri,7');
		expect([...schedule.months]).toEqual([1, 2, 3]);
		expect([...schedule.daysOfWeek].sort()).toEqual([0, 1, 5]);
	});

	it('refuses what pg_cron refuses', () => {
		for (const text of [
			'* * * *',
			'60 * * * *',
			'* 24 * * *',
			'* * 0 * *',
			'* * * 13 *',
			'x * * * *',
			'5-1 * * * *'
		]) {
			expect(() => parseSchedule(text), text).toThrow(`invalid schedule: ${text}`);
		}
	});
});

describe('isDue', () => {
	it('matches every minute for * * * * *', () => {
		expect(due(calendar('* * * * *'), '2026-03-04T05:06:00Z')).toBe(true);
	});

	it('uses UTC, like pg_cron with cron.timezone = GMT', () => {
		const schedule = calendar('30 2 * * *');
		expect(due(schedule, '2026-03-04T02:30:00Z')).toBe(true);
		expect(due(schedule, '2026-03-04T03:30:00+01:00')).toBe(true);
		expect(due(schedule, '2026-03-04T02:31:00Z')).toBe(false);
	});

	it('runs on either day when both day fields are restricted (Vixie cron)', () => {
		const schedule = calendar('0 0 1 * mon');
		expect(due(schedule, '2026-06-01T00:00:00Z')).toBe(true); // the 1st, a Monday
		expect(due(schedule, '2026-06-08T00:00:00Z')).toBe(true); // a Monday
		expect(due(schedule, '2026-07-01T00:00:00Z')).toBe(true); // the 1st, a Wednesday
		expect(due(schedule, '2026-07-02T00:00:00Z')).toBe(false);
	});

	it('needs both when only one day field is restricted', () => {
		const schedule = calendar('0 0 * * */2');
		expect(schedule.daysOfWeekRestricted).toBe(false);
		expect(due(schedule, '2026-06-02T00:00:00Z')).toBe(true); // Tuesday = 2
		expect(due(schedule, '2026-06-03T00:00:00Z')).toBe(false);
	});

	it('reads $ as the last day of the month', () => {
		const schedule = calendar('0 12 $ * *');
		expect(due(schedule, '2026-02-28T12:00:00Z')).toBe(true);
		expect(due(schedule, '2028-02-28T12:00:00Z')).toBe(false);
		expect(due(schedule, '2028-02-29T12:00:00Z')).toBe(true);
	});
});
