// fr-FR formatting of dates, times, durations, money and file sizes, always in an explicit time
// zone so server-rendered and browser-rendered pages agree.
import { locale } from './index.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions, timeZone: string) {
	const key = JSON.stringify([options, timeZone]);
	let format = cache.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
		cache.set(key, format);
	}
	return format;
}

type DateInput = string | number | Date;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

/** « mardi 24 novembre 2026 » */
export const formatDate = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, timeZone).format(
		toDate(value)
	);

/** « 24/11/2026 » */
export const formatShortDate = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat({ day: '2-digit', month: '2-digit', year: 'numeric' }, timeZone).format(toDate(value));

/** « 14:30 » */
export const formatTime = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat({ hour: '2-digit', minute: '2-digit' }, timeZone).format(toDate(value));

/** « mar. 24 nov. 2026, 14:30 » */
export const formatDateTime = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat(
		{
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			hour: '2-digit',
			minute: '2-digit'
		},
		timeZone
	).format(toDate(value));

/** « novembre 2026 » */
export const formatMonthYear = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat({ month: 'long', year: 'numeric' }, timeZone).format(toDate(value));

/** « 24 novembre », or « 24 novembre 2026 » with the year */
export const formatDayMonth = (
	value: DateInput,
	timeZone = DEFAULT_TIME_ZONE,
	options: { year?: boolean } = {}
) =>
	dateFormat(
		{ day: 'numeric', month: 'long', year: options.year ? 'numeric' : undefined },
		timeZone
	).format(toDate(value));

/** « lun. 24 » */
export const formatWeekdayDay = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat({ weekday: 'short', day: 'numeric' }, timeZone).format(toDate(value));

/** « lun. » */
export const formatWeekdayShort = (value: DateInput, timeZone = DEFAULT_TIME_ZONE) =>
	dateFormat({ weekday: 'short' }, timeZone).format(toDate(value));

const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
/** « il y a 5 minutes », « demain » */
export function formatRelative(value: DateInput, now: Date = new Date()): string {
	const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000);
	const abs = Math.abs(seconds);
	if (abs < 45) return 'à l’instant';
	if (abs < 45 * 60) return relative.format(Math.round(seconds / 60), 'minute');
	if (abs < 22 * 3600) return relative.format(Math.round(seconds / 3600), 'hour');
	if (abs < 26 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
	if (abs < 320 * 86400) return relative.format(Math.round(seconds / (30 * 86400)), 'month');
	return relative.format(Math.round(seconds / (365 * 86400)), 'year');
}

/** « 1 h 30 », « 45 min » */
export function formatDuration(minutes: number): string {
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	if (h === 0) return `${m} min`;
	return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
/** « 85,00 € » (numeric columns arrive as strings) */
export const formatMoney = (value: number | string) => euro.format(Number(value));

const units = ['octets', 'Ko', 'Mo', 'Go'];
/** « 1,5 Mo » */
export function formatFileSize(bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 10 ? 0 : 1;
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The wall-clock parts of an instant in a time zone: for <input type="date|time"> values. */
export function toLocalInputs(
	value: DateInput,
	timeZone = DEFAULT_TIME_ZONE
): { date: string; time: string } {
	const parts = Object.fromEntries(
		dateFormat(
			{
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23'
			},
			timeZone
		)
			.formatToParts(toDate(value))
			.map((part) => [part.type, part.value])
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`
	};
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` + `time` (the inverse of
 * toLocalInputs), so a form's « date + heure » becomes one timestamptz. Around DST changes it
 * resolves like Temporal's `compatible` disambiguation: a time shown twice (autumn) is its first
 * occurrence, a time that never shows (spring gap) moves forward by the gap (02:30 → 03:30).
 */
export function fromLocalInputs(date: string, time: string, timeZone = DEFAULT_TIME_ZONE): Date {
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	const wallAt = (instant: number) => {
		const local = toLocalInputs(instant, timeZone);
		const [ly, lmo, ld] = local.date.split('-').map(Number);
		const [lh, lmi] = local.time.split(':').map(Number);
		return Date.UTC(ly, lmo - 1, ld, lh, lmi);
	};
	// The zone's offsets a day before and a day after: the two sides of any change near `wall`.
	const day = 86_400_000;
	const before = wallAt(wall - day) - (wall - day);
	const after = wallAt(wall + day) - (wall + day);
	const candidates = [wall - before, wall - after].filter((instant) => wallAt(instant) === wall);
	return new Date(candidates.length > 0 ? Math.min(...candidates) : wall - before);
}
