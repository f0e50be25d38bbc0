// Small fr-FR renderings shared by the coaching pages: people's names, ratings, weekly slots and
// the status tone of requests and sessions.
import { formatTime } from '#lib/i18n/format.ts';
import { interpolate, locale, messages } from '#lib/i18n/index.ts';
import type { AvailabilitySlot } from './availability.ts';

const t = messages.coaching;

export function fullName(person: { first_name?: string | null; last_name?: string | null } | null) {
	if (!person) return '';
	return `${person.first_name ?? ''} ${person.last_name ?? ''}`.replace(/\s+/g, ' ').trim();
}

const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
/** 4.5 → « 4,5 »; 5 → « 5 » */
export const formatRating = (value: number | string) => oneDecimal.format(Number(value));

export function ratingLabel(average: number | string | null, count: number): string {
	if (average === null || count === 0) return t.coaches.noRating;
	return interpolate(t.coaches.ratingLabel, { average: formatRating(average), count });
}

export const weekdayName = (weekday: number) => t.weekdays[weekday - 1] ?? '';
export const weekdayShort = (weekday: number) => t.weekdaysShort[weekday - 1] ?? '';

/** « 09:00 – 12:00 » (« 24:00 » stays as written: the end of the day). */
export const slotRange = (slot: Pick<AvailabilitySlot, 'start' | 'end'>) =>
	interpolate(t.timeRange, { start: slot.start, end: slot.end });

/** « 14:30 – 15:30 » of two instants in a zone. */
export const timeRange = (start: string | Date, end: string | Date, zone: string) =>
	interpolate(t.timeRange, { start: formatTime(start, zone), end: formatTime(end, zone) });

export type Tone = 'neutral' | 'primary' | 'success' | 'warning' | 'danger' | 'accent';

export const requestTone = (status: 'pending' | 'accepted' | 'declined'): Tone =>
	status === 'pending' ? 'warning' : status === 'accepted' ? 'success' : 'danger';

export const sessionTone = (status: 'planned' | 'completed' | 'cancelled'): Tone =>
	status === 'planned' ? 'primary' : status === 'completed' ? 'success' : 'danger';
