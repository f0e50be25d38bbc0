// What a planned item holds (the limits of the `plans` table) and how the form's local date and
// time become one timestamptz in the viewer's time zone.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { fromLocalInputs } from '#lib/i18n/format.ts';
import { isDay } from '#lib/agenda.ts';
import { REMINDER_MAX_MINUTES } from '#lib/plans.ts';
import { optionalText, refuse, requiredText } from './fields.ts';

const t = messages.plans;
const e = messages.common.errors;

const duration = z.coerce
	.number({ error: t.errors.duration })
	.check(
		z.int({ error: t.errors.duration }),
		z.gte(1, { error: t.errors.duration }),
		z.lte(1440, { error: t.errors.duration })
	);

const reminder = z.pipe(
	z.optional(z.string()),
	z.transform((value: string | undefined, context) => {
		if (!value) return null;
		const minutes = Number(value);
		if (!Number.isInteger(minutes) || minutes < 0 || minutes > REMINDER_MAX_MINUTES) {
			return refuse(context, t.errors.reminder);
		}
		return minutes;
	})
);

const planForm = z.object({
	title: requiredText(160),
	description: optionalText(2000),
	location: optionalText(200),
	date: z
		.string({ error: e.required })
		.check(
			z.trim(),
			z.minLength(1, { error: e.required }),
			z.refine(isDay, { error: e.invalidDate })
		),
	time: z
		.string({ error: e.required })
		.check(
			z.trim(),
			z.minLength(1, { error: e.required }),
			z.regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { error: t.errors.invalidTime })
		),
	duration_minutes: duration,
	reminder_minutes_before: reminder
});

/** The plan form; `starts_at` is the instant the viewer's wall clock shows at date + time. */
export function planFormSchema(timeZone: string) {
	return z.pipe(
		planForm,
		z.transform(({ date, time, ...plan }: z.output<typeof planForm>) => ({
			...plan,
			starts_at: fromLocalInputs(date, time.slice(0, 5), timeZone).toISOString()
		}))
	);
}

export type PlanInput = z.output<ReturnType<typeof planFormSchema>>;
