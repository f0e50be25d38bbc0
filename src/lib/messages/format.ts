// How message times read in fr-FR, in the viewer's time zone: the time alone today, « Hier »
// yesterday, the date before; day separators in a conversation.
import { messages } from '#lib/i18n/index.ts';
import { formatDate, formatShortDate, formatTime, toLocalInputs } from '#lib/i18n/format.ts';

const t = messages.messages.conversation;

function dayOf(value: string | Date, timeZone: string): string {
	return toLocalInputs(value, timeZone).date;
}

function previousDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** « 14:30 », « Hier », « 24/11/2026 »: the stamp of a conversation in the list. */
export function conversationStamp(value: string, timeZone: string, now = new Date()): string {
	const day = dayOf(value, timeZone);
	const today = dayOf(now, timeZone);
	if (day === today) return formatTime(value, timeZone);
	if (day === previousDay(today)) return t.yesterday;
	return formatShortDate(value, timeZone);
}

/** « Aujourd’hui », « Hier », « mardi 24 novembre 2026 »: a day separator. */
export function dayLabel(value: string, timeZone: string, now = new Date()): string {
	const day = dayOf(value, timeZone);
	const today = dayOf(now, timeZone);
	if (day === today) return t.today;
	if (day === previousDay(today)) return t.yesterday;
	return formatDate(value, timeZone);
}

/** Whether two instants fall on different days for the viewer (a separator goes between). */
export function isNewDay(previous: string | null, value: string, timeZone: string): boolean {
	return previous === null || dayOf(previous, timeZone) !== dayOf(value, timeZone);
}
