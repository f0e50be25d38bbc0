// What a planned item holds (the limits of the `plans` table) and how the form's local date and
// time become one timestamptz in the viewer's time zone.
import { z } from 'zod';
import { messages } from '#lib/i18n/index.ts';
import { fromLocalInputs } from '#lib/i18n/format.ts';
import { isDay } from '#lib/agenda.ts';
import { REMINDER_MAX_MINUTES } from '#lib/plans.ts';
import { optionalText, requiredText } from './fields.ts';

const t = messages.plans;
const e = messages.common.errors;

const duration = z.coerce
	.number({ error: t.errors.duration })
	.int({ error: t.errors.duration })
	.min(1, { error: t.errors.duration })
	.max(1440, { error: t.errors.duration });

const reminder = z
	.string()
	.optional()
	.transform((value, context) => {
		if (!value) return null;
		const minutes = Number(value);
		if (!Number.isInteger(minutes) || minutes < 0 || minutes > REMINDER_MAX_MINUTES) {
			context.addIssue({ code: 'custom', message: t.errors.reminder });
			return z.NEVER;
		}
		return minutes;
	});

/** The plan form; `starts_at` is the instant the viewer's wall clock shows at date + time. */
export function planFormSchema(timeZone: string) {
	return z
		.object({
			title: requiredText(160),
			description: optionalText(2000),
			location: optionalText(200),
			date: z
				.string({ error: e.required })
				.trim()
				.min(1, { error: e.required })
				.refine(isDay, { error: e.invalidDate }),
			time: z
				.string({ error: e.required })
				.trim()
				.min(1, { error: e.required })
				.regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { error: t.errors.invalidTime }),
			duration_minutes: duration,
			reminder_minutes_before: reminder
		})
		.transform(({ date, time, ...plan }) => ({
			...plan,
			starts_at: fromLocalInputs(date, time.slice(0, 5), timeZone).toISOString()
		}));
}

export type PlanInput = z.output<ReturnType<typeof planFormSchema>>;
