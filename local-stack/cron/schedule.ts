// pg_cron's schedule grammar: five cron fields (minute hour day-of-month month day-of-week) with
// lists, ranges, steps and names, `$` for the last day of the month, the @ macros, and
// '[1-59] seconds' intervals. Matching follows Vixie cron (which pg_cron embeds), in UTC like
// pg_cron's default `cron.timezone = 'GMT'`.

export type CalendarSchedule = {
	kind: 'calendar';
	minutes: ReadonlySet<number>;
	hours: ReadonlySet<number>;
	daysOfMonth: ReadonlySet<number>;
	months: ReadonlySet<number>;
	/** 0 = Sunday … 6 = Saturday (7 is folded into 0). */
	daysOfWeek: ReadonlySet<number>;
	lastDayOfMonth: boolean;
	/** Vixie cron: when both day fields are restricted, a day matching either one runs. */
	daysOfMonthRestricted: boolean;
	daysOfWeekRestricted: boolean;
};

export type CronSchedule =
	CalendarSchedule | { kind: 'interval'; seconds: number } | { kind: 'reboot' };

export class CronScheduleError extends Error {}

const MACROS: Record<string, string> = {
	'@yearly': '0 0 1 1 *',
	'@annually': '0 0 1 1 *',
	'@monthly': '0 0 1 * *',
	'@weekly': '0 0 * * 0',
	'@daily': '0 0 * * *',
	'@midnight': '0 0 * * *',
	'@hourly': '0 * * * *'
};

const MONTH_NAMES = [
	'jan',
	'feb',
	'mar',
	'apr',
	'may',
	'jun',
	'jul',
	'aug',
	'sep',
	'oct',
	'nov',
	'dec'
];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

type FieldSpec = { low: number; high: number; names?: string[] };

const FIELDS = {
	minute: { low: 0, high: 59 },
	hour: { low: 0, high: 23 },
	dayOfMonth: { low: 1, high: 31 },
	month: { low: 1, high: 12, names: MONTH_NAMES },
	dayOfWeek: { low: 0, high: 7, names: DAY_NAMES }
} as const satisfies Record<string, FieldSpec>;

function invalid(schedule: string): CronScheduleError {
	return new CronScheduleError(`invalid schedule: ${schedule}`);
}

function parseValue(text: string, spec: FieldSpec, schedule: string): number {
	let value: number;
	if (/^[0-9]+$/.test(text)) value = Number(text);
	else {
		const index = spec.names?.indexOf(text) ?? -1;
		if (index < 0) throw invalid(schedule);
		value = spec.low + index;
	}
	if (value < spec.low || value > spec.high) throw invalid(schedule);
	return value;
}

function parseField(field: string, spec: FieldSpec, schedule: string): Set<number> {
	const values = new Set<number>();
	for (const item of field.split(',')) {
		const match = /^(\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:\/([0-9]+))?$/.exec(item);
		if (!match) throw invalid(schedule);
		const step = match[2] === undefined ? 1 : Number(match[2]);
		if (step < 1 || step > spec.high - spec.low + 1) throw invalid(schedule);
		let from = spec.low;
		let to = spec.high;
		if (match[1] !== '*') {
			const [first, last] = match[1].split('-');
			from = parseValue(first, spec, schedule);
			// `5/15` means from 5 to the end of the range, as in Vixie cron.
			to = last !== undefined ? parseValue(last, spec, schedule) : match[2] ? spec.high : from;
			if (to < from) throw invalid(schedule);
		}
		for (let value = from; value <= to; value += step) values.add(value);
	}
	return values;
}

export function parseSchedule(schedule: string): CronSchedule {
	const spec = schedule.trim().toLowerCase();
	const interval = /^([0-9]+) seconds?$/.exec(spec);
	if (interval) {
		const seconds = Number(interval[1]);
		if (seconds < 1 || seconds > 59) throw invalid(schedule);
		return { kind: 'interval', seconds };
	}
	if (spec === '@reboot') return { kind: 'reboot' };
	const fields = (MACROS[spec] ?? spec).split(/\s+/);
	if (fields.length !== 5) throw invalid(schedule);
	const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
	const lastDayOfMonth = dayOfMonth === '$';
	const daysOfWeek = new Set(
		[...parseField(dayOfWeek, FIELDS.dayOfWeek, schedule)].map((day) => day % 7)
	);
	return {
		kind: 'calendar',
		minutes: parseField(minute, FIELDS.minute, schedule),
		hours: parseField(hour, FIELDS.hour, schedule),
		daysOfMonth: lastDayOfMonth ? new Set() : parseField(dayOfMonth, FIELDS.dayOfMonth, schedule),
		months: parseField(month, FIELDS.month, schedule),
		daysOfWeek,
		lastDayOfMonth,
		daysOfMonthRestricted: dayOfMonth !== '*' && !dayOfMonth.startsWith('*/'),
		daysOfWeekRestricted: dayOfWeek !== '*' && !dayOfWeek.startsWith('*/')
	};
}

/** Whether a calendar schedule is due in the UTC minute holding `date`. */
export function isDue(schedule: CalendarSchedule, date: Date): boolean {
	if (!schedule.minutes.has(date.getUTCMinutes())) return false;
	if (!schedule.hours.has(date.getUTCHours())) return false;
	if (!schedule.months.has(date.getUTCMonth() + 1)) return false;
	const day = date.getUTCDate();
	const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
	const dayOfMonth = schedule.lastDayOfMonth ? day === lastDay : schedule.daysOfMonth.has(day);
	const dayOfWeek = schedule.daysOfWeek.has(date.getUTCDay());
	if (schedule.daysOfMonthRestricted && schedule.daysOfWeekRestricted)
		return dayOfMonth || dayOfWeek;
	return dayOfMonth && dayOfWeek;
}
