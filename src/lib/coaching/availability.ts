// Coaches' structured weekly availability (`coaches.weekly_availability`: [{weekday 1..7 with
// Monday = 1, start "HH:MM", end "HH:MM" or "24:00"}], the shape the database's
// private.is_valid_weekly_availability accepts). The slots are wall-clock times of the
// platform's zone (Paris, where the coaches work); this module turns them into real instants,
// proposes request times in the viewer's zone and answers the directory's availability filter.
import { DEFAULT_TIME_ZONE, fromLocalInputs, toLocalInputs } from '#lib/i18n/format.ts';

export type AvailabilitySlot = { weekday: number; start: string; end: string };
export type Period = 'morning' | 'afternoon' | 'evening';

/** The zone in which coaches' weekly slots are written. */
export const AVAILABILITY_TIME_ZONE = DEFAULT_TIME_ZONE;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const PERIODS: Record<Period, { from: number; to: number }> = {
	morning: { from: 0, to: 12 * 60 },
	afternoon: { from: 12 * 60, to: 18 * 60 },
	evening: { from: 18 * 60, to: 24 * 60 }
};

/** "09:30" → 570; "24:00" → 1440. */
export function minutesOf(time: string): number {
	const [h, m] = time.split(':').map(Number);
	return h * 60 + m;
}

/** 570 → "09:30" (1440 → "24:00"). */
export function timeOf(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Monday = 1 … Sunday = 7 of a calendar date "YYYY-MM-DD". */
export function isoWeekday(date: string): number {
	const [y, m, d] = date.split('-').map(Number);
	const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return day === 0 ? 7 : day;
}

/** The calendar date `days` after "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function sortSlots(slots: readonly AvailabilitySlot[]): AvailabilitySlot[] {
	return [...slots].sort(
		(a, b) => a.weekday - b.weekday || minutesOf(a.start) - minutesOf(b.start)
	);
}

/** The slots of each weekday (1..7), in time order: the week grid. */
export function slotsByWeekday(
	slots: readonly AvailabilitySlot[]
): { weekday: number; slots: AvailabilitySlot[] }[] {
	const sorted = sortSlots(slots);
	return WEEKDAYS.map((weekday) => ({
		weekday,
		slots: sorted.filter((slot) => slot.weekday === weekday)
	}));
}

/** Two slots of one day that share at least a minute. */
export function overlaps(a: AvailabilitySlot, b: AvailabilitySlot): boolean {
	return (
		a.weekday === b.weekday &&
		minutesOf(a.start) < minutesOf(b.end) &&
		minutesOf(b.start) < minutesOf(a.end)
	);
}

/**
 * The directory's availability filter: some slot on that weekday (when given) that overlaps
 * that part of the day (when given).
 */
export function matchesAvailability(
	slots: readonly AvailabilitySlot[],
	filter: { weekday?: number | null; period?: Period | null }
): boolean {
	if (!filter.weekday && !filter.period) return true;
	return slots.some((slot) => {
		if (filter.weekday && slot.weekday !== filter.weekday) return false;
		if (!filter.period) return true;
		const range = PERIODS[filter.period];
		return minutesOf(slot.start) < range.to && range.from < minutesOf(slot.end);
	});
}

/**
 * Whether a session of `durationMinutes` starting at `startsAt` lies inside one slot (a session
 * does not run past midnight into the next day's slot).
 */
export function fitsAvailability(
	slots: readonly AvailabilitySlot[],
	startsAt: Date,
	durationMinutes: number,
	zone = AVAILABILITY_TIME_ZONE
): boolean {
	const local = toLocalInputs(startsAt, zone);
	const weekday = isoWeekday(local.date);
	const start = minutesOf(local.time);
	const end = start + durationMinutes;
	// A wall-clock time that does not exist (DST gap) or a start not on the minute never fits.
	if (startsAt.getUTCSeconds() !== 0 || startsAt.getUTCMilliseconds() !== 0) return false;
	return slots.some(
		(slot) =>
			slot.weekday === weekday && minutesOf(slot.start) <= start && end <= minutesOf(slot.end)
	);
}

export type ProposalOptions = {
	durationMinutes: number;
	/** Only times strictly after this instant (plus `leadMinutes`). */
	now: Date;
	days?: number;
	stepMinutes?: number;
	leadMinutes?: number;
	zone?: string;
};

/**
 * Start times a member may ask for: every `stepMinutes` inside each slot, so that the session
 * ends inside the slot, over the next `days` days, in time order.
 */
export function proposeStartTimes(
	slots: readonly AvailabilitySlot[],
	options: ProposalOptions
): Date[] {
	const {
		durationMinutes,
		now,
		days = 28,
		stepMinutes = 30,
		leadMinutes = 30,
		zone = AVAILABILITY_TIME_ZONE
	} = options;
	const earliest = now.getTime() + leadMinutes * 60_000;
	const today = toLocalInputs(now, zone).date;
	const seen = new Set<number>();
	const times: Date[] = [];
	for (let offset = 0; offset <= days; offset++) {
		const date = addDays(today, offset);
		const weekday = isoWeekday(date);
		for (const slot of sortSlots(slots)) {
			if (slot.weekday !== weekday) continue;
			const last = minutesOf(slot.end) - durationMinutes;
			for (let minute = minutesOf(slot.start); minute <= last; minute += stepMinutes) {
				const instant = fromLocalInputs(date, timeOf(minute), zone);
				// Wall-clock times skipped by a DST change come back shifted: leave them out.
				if (toLocalInputs(instant, zone).time !== timeOf(minute)) continue;
				const at = instant.getTime();
				if (at <= earliest || seen.has(at)) continue;
				seen.add(at);
				times.push(instant);
			}
		}
	}
	return times.sort((a, b) => a.getTime() - b.getTime());
}

/** Start times grouped by calendar day in the viewer's zone, in order. */
export function groupByLocalDay(
	times: readonly Date[],
	zone: string
): { date: string; times: Date[] }[] {
	const groups: { date: string; times: Date[] }[] = [];
	for (const time of times) {
		const date = toLocalInputs(time, zone).date;
		const group = groups.at(-1);
		if (group && group.date === date) group.times.push(time);
		else groups.push({ date, times: [time] });
	}
	return groups;
}
