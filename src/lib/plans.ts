// Reminders of planned items: the choices the form offers and how each is said in French. Free of
// zod so agenda pages do not ship the validation library to the browser.
import { interpolate, messages } from '#lib/i18n/index.ts';

/** Reminder choices offered by the form, in minutes before the start. */
export const REMINDER_CHOICES = [0, 5, 10, 15, 30, 60, 120, 1440, 2880, 10080] as const;

/** plans_reminder_range: up to a week before. */
export const REMINDER_MAX_MINUTES = 10080;

export function reminderLabel(minutes: number): string {
	const r = messages.plans.reminders;
	if (minutes === 0) return r.atStart;
	if (minutes === 10080) return r.week;
	if (minutes % 1440 === 0) return interpolate(r.days, { count: minutes / 1440 });
	if (minutes % 60 === 0) return interpolate(r.hours, { count: minutes / 60 });
	return interpolate(r.minutes, { count: minutes });
}
