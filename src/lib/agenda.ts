// Calendar arithmetic of the planning agenda. Days are wall-calendar dates ('YYYY-MM-DD', weeks
// start on Monday as in France), computed without any time zone; they meet instants only through
// the viewer's zone, so an item lands on the day its owner's clock shows, DST changes included.
import { fromLocalInputs, toLocalInputs } from '#lib/i18n/format.ts';

export type Day = string;
export type AgendaView = 'week' | 'month' | 'list';
export const agendaViews: readonly AgendaView[] = ['week', 'month', 'list'];

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: Day): [number, number, number] {
	const match = DAY_PATTERN.exec(day);
	if (!match) throw new Error(`not a day: ${day}`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

// Calendar days are counted in UTC, where every day has 24 hours.
const toUtc = (day: Day) => {
	const [y, m, d] = parts(day);
	return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);

/** A real calendar date such as '2026-02-28' (not '2026-02-30'). */
export function isDay(value: unknown): value is Day {
	if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
	const [y] = parts(value);
	return y >= 1900 && y <= 9999 && fromUtc(toUtc(value)) === value;
}

export function addDays(day: Day, count: number): Day {
	return fromUtc(toUtc(day) + count * 86_400_000);
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(day: Day): number {
	return ((new Date(toUtc(day)).getUTCDay() + 6) % 7) + 1;
}

export function startOfWeek(day: Day): Day {
	return addDays(day, 1 - isoWeekday(day));
}

export function startOfMonth(day: Day): Day {
	return `${day.slice(0, 7)}-01`;
}

/** The same day of another month, clamped to its length (31 January + 1 month = 28/29 February). */
export function addMonths(day: Day, count: number): Day {
	const [y, m, d] = parts(day);
	const first = new Date(Date.UTC(y, m - 1 + count, 1));
	const length = new Date(
		Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)
	).getUTCDate();
	first.setUTCDate(Math.min(d, length));
	return fromUtc(first.getTime());
}

export function sameMonth(a: Day, b: Day): boolean {
	return a.slice(0, 7) === b.slice(0, 7);
}

/** The seven days of the week holding `day`, Monday first. */
export function weekDays(day: Day): Day[] {
	const monday = startOfWeek(day);
	return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The weeks (Monday to Sunday) covering the month of `day`: 4 to 6 rows of 7 days. */
export function monthWeeks(day: Day): Day[][] {
	const first = startOfMonth(day);
	const last = addDays(addMonths(first, 1), -1);
	const weeks: Day[][] = [];
	for (let monday = startOfWeek(first); monday <= last; monday = addDays(monday, 7)) {
		weeks.push(weekDays(monday));
	}
	return weeks;
}

/** The calendar day an instant falls on for a clock in `timeZone`. */
export function dayOf(instant: string | number | Date, timeZone: string): Day {
	return toLocalInputs(instant, timeZone).date;
}

/** The first instant of a calendar day in `timeZone` (its local midnight). */
export function startOfDayIn(day: Day, timeZone: string): Date {
	return fromLocalInputs(day, '00:00', timeZone);
}

export type AgendaPeriod = {
	view: 'week' | 'month';
	/** The days shown, by rows (one row for a week). */
	rows: Day[][];
	/** Instants bounding what the period shows: [from, to). */
	from: Date;
	to: Date;
	previous: Day;
	next: Day;
};

/** What a week or month view of `anchor` shows, and where its previous / next links go. */
export function agendaPeriod(view: 'week' | 'month', anchor: Day, timeZone: string): AgendaPeriod {
	const rows = view === 'week' ? [weekDays(anchor)] : monthWeeks(anchor);
	const firstDay = rows[0][0];
	const lastDay = rows[rows.length - 1][6];
	return {
		view,
		rows,
		from: startOfDayIn(firstDay, timeZone),
		to: startOfDayIn(addDays(lastDay, 1), timeZone),
		previous: view === 'week' ? addDays(anchor, -7) : addMonths(anchor, -1),
		next: view === 'week' ? addDays(anchor, 7) : addMonths(anchor, 1)
	};
}

/** Items grouped by the day their start falls on in `timeZone`, each day in start order. */
export function groupByDay<T extends { starts_at: string }>(
	items: readonly T[],
	timeZone: string
): Map<Day, T[]> {
	const groups = new Map<Day, T[]>();
	const sorted = [...items].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
	for (const item of sorted) {
		const day = dayOf(item.starts_at, timeZone);
		const group = groups.get(day);
		if (group) group.push(item);
		else groups.set(day, [item]);
	}
	return groups;
}

/** A day as an instant for formatting its calendar date (noon UTC, formatted in UTC). */
export function dayAsDate(day: Day): Date {
	return new Date(toUtc(day) + 12 * 3_600_000);
}

/** Where keyboard moves go in the grid: ±1 day, ±1 week, start or end of the week. */
export function moveDay(day: Day, key: string): Day | null {
	switch (key) {
		case 'ArrowLeft':
			return addDays(day, -1);
		case 'ArrowRight':
			return addDays(day, 1);
		case 'ArrowUp':
			return addDays(day, -7);
		case 'ArrowDown':
			return addDays(day, 7);
		case 'Home':
			return startOfWeek(day);
		case 'End':
			return addDays(startOfWeek(day), 6);
		case 'PageUp':
			return addMonths(day, -1);
		case 'PageDown':
			return addMonths(day, 1);
		default:
			return null;
	}
}
