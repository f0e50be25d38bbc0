// Weekly availability as wall-clock slots of Paris: the directory's filter, the times a member
// is offered (in their own zone, across DST changes) and the check that a time lies in a slot.
import { describe, expect, it } from 'vitest';
import {
	fitsAvailability,
	groupByLocalDay,
	isoWeekday,
	matchesAvailability,
	overlaps,
	proposeStartTimes,
	slotsByWeekday
} from '../../../../src/lib/coaching/availability.ts';

const slots = [
	{ weekday: 4, start: '09:00', end: '18:00' },
	{ weekday: 1, start: '09:00', end: '12:00' },
	{ weekday: 2, start: '14:00', end: '18:00' }
];

describe('weekdays and the week grid', () => {
	it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
		expect(isoWeekday('2026-12-07')).toBe(1);
		expect(isoWeekday('2026-12-13')).toBe(7);
	});

	it('lists the slots of each weekday in time order, empty days included', () => {
		const week = slotsByWeekday([...slots, { weekday: 1, start: '07:00', end: '08:00' }]);
		expect(week.map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(week[0].slots.map((slot) => slot.start)).toEqual(['07:00', '09:00']);
		expect(week[2].slots).toEqual([]);
	});

	it('sees two slots of one day that share time as overlapping, touching ones as not', () => {
		const a = { weekday: 1, start: '09:00', end: '12:00' };
		expect(overlaps(a, { weekday: 1, start: '11:00', end: '13:00' })).toBe(true);
		expect(overlaps(a, { weekday: 1, start: '12:00', end: '13:00' })).toBe(false);
		expect(overlaps(a, { weekday: 2, start: '09:00', end: '12:00' })).toBe(false);
	});
});

describe('the directory availability filter', () => {
	it('keeps every coach when no availability filter is given', () => {
		expect(matchesAvailability([], {})).toBe(true);
	});

	it('keeps a coach with a slot on the chosen weekday only', () => {
		expect(matchesAvailability(slots, { weekday: 2 })).toBe(true);
		expect(matchesAvailability(slots, { weekday: 3 })).toBe(false);
	});

	it('matches a part of the day when a slot overlaps it', () => {
		expect(matchesAvailability(slots, { period: 'morning' })).toBe(true);
		expect(matchesAvailability(slots, { period: 'evening' })).toBe(false);
		expect(
			matchesAvailability([{ weekday: 5, start: '17:00', end: '19:00' }], { period: 'evening' })
		).toBe(true);
	});

	it('needs weekday and part of the day to hold for the same slot', () => {
		expect(matchesAvailability(slots, { weekday: 2, period: 'morning' })).toBe(false);
		expect(matchesAvailability(slots, { weekday: 1, period: 'morning' })).toBe(true);
	});
});

describe('the start times proposed to a member', () => {
	// Wednesday 2 December 2026, 18:21 UTC = 19:21 in Paris.
	const now = new Date('2026-12-02T18:21:00Z');

	it('offers every half hour of each slot where the whole session fits, from the next slot on', () => {
		const times = proposeStartTimes(slots, { durationMinutes: 60, now, days: 7 });
		// Thursday 3 December 09:00 Paris is 08:00 UTC; the last hour of Thursday starts at 17:00.
		expect(times[0].toISOString()).toBe('2026-12-03T08:00:00.000Z');
		const thursday = times.filter((time) => time.toISOString().startsWith('2026-12-03'));
		expect(thursday).toHaveLength(17);
		expect(thursday.at(-1)?.toISOString()).toBe('2026-12-03T16:00:00.000Z');
		// Monday 09:00–12:00: 09:00, 09:30 … 11:00.
		expect(times.filter((time) => time.toISOString().startsWith('2026-12-07'))).toHaveLength(5);
	});

	it('leaves out times too close to now and times longer sessions would overrun', () => {
		const soon = new Date('2026-12-03T07:45:00Z');
		const times = proposeStartTimes(slots, { durationMinutes: 120, now: soon, days: 0 });
		expect(times.map((time) => time.toISOString())).not.toContain('2026-12-03T08:00:00.000Z');
		expect(times.at(-1)?.toISOString()).toBe('2026-12-03T15:00:00.000Z');
	});

	it('keeps Paris wall-clock times across the change to summer time', () => {
		// Sunday 28 March 2027: clocks go from 02:00 to 03:00 in Paris.
		const sunday = [{ weekday: 7, start: '01:00', end: '04:00' }];
		const times = proposeStartTimes(sunday, {
			durationMinutes: 30,
			now: new Date('2027-03-27T12:00:00Z'),
			days: 1,
			stepMinutes: 60
		});
		// 01:00 CET, 03:00 CEST; 02:00 does not exist that night.
		expect(times.map((time) => time.toISOString())).toEqual([
			'2027-03-28T00:00:00.000Z',
			'2027-03-28T01:00:00.000Z'
		]);
	});

	it('groups the times by calendar day of the viewer’s own zone', () => {
		const late = [{ weekday: 4, start: '23:00', end: '24:00' }];
		const times = proposeStartTimes(late, { durationMinutes: 30, now, days: 1 });
		// 23:00 and 23:30 in Paris are already Friday in Tokyo.
		expect(groupByLocalDay(times, 'Europe/Paris').map((day) => day.date)).toEqual(['2026-12-03']);
		expect(groupByLocalDay(times, 'Asia/Tokyo').map((day) => day.date)).toEqual(['2026-12-04']);
	});
});

describe('checking a requested time against the slots', () => {
	it('accepts a session inside a slot, up to its very end', () => {
		expect(fitsAvailability(slots, new Date('2026-12-03T16:00:00Z'), 60)).toBe(true);
	});

	it('refuses a session running past the end of the slot or outside any slot', () => {
		expect(fitsAvailability(slots, new Date('2026-12-03T16:30:00Z'), 60)).toBe(false);
		expect(fitsAvailability(slots, new Date('2026-12-02T10:00:00Z'), 30)).toBe(false);
	});

	it('refuses a start that is not on a whole minute', () => {
		expect(fitsAvailability(slots, new Date('2026-12-03T09:00:30Z'), 30)).toBe(false);
	});

	it('reads the slot until midnight written 24:00', () => {
		const evening = [{ weekday: 3, start: '22:00', end: '24:00' }];
		expect(fitsAvailability(evening, new Date('2026-12-02T22:00:00Z'), 60)).toBe(true);
	});
});
