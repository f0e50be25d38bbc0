// What an event may hold (the limits of `events`), how the form's local dates and times become
// timestamptz in the viewer's zone, and the rule for its picture (bucket `event-images`).
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { fromLocalInputs } from '#lib/i18n/format.ts';
import { optionalText, optionalTrimmed, refuse, requiredText } from './fields.ts';
import { isIsoDay } from './days.ts';
import { eventImageRule, EVENT_IMAGE_MAX_BYTES, EVENT_IMAGE_TYPES } from './image-rules.ts';
import { optionalImage } from './images.ts';

export { eventImageRule, EVENT_IMAGE_MAX_BYTES, EVENT_IMAGE_TYPES };

const t = messages.companies.errors;
const e = messages.common.errors;

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const requiredDay = z
	.string({ error: e.required })
	.check(
		z.trim(),
		z.minLength(1, { error: e.required }),
		z.refine(isIsoDay, { error: e.invalidDate })
	);
const requiredTime = z
	.string({ error: e.required })
	.check(z.trim(), z.minLength(1, { error: e.required }), z.regex(TIME, { error: t.invalidTime }));
const optionalDay = optionalTrimmed().check(
	z.refine((value) => value === null || isIsoDay(value), { error: e.invalidDate })
);
const optionalTime = optionalTrimmed().check(
	z.refine((value) => value === null || TIME.test(value), { error: t.invalidTime })
);

const eventForm = z
	.object({
		title: requiredText(160),
		description: optionalText(5000),
		location: requiredText(200),
		start_date: requiredDay,
		start_time: requiredTime,
		end_date: optionalDay,
		end_time: optionalTime,
		image: optionalImage(eventImageRule),
		remove_image: z.pipe(
			z.optional(z.string()),
			z.transform((value: string | undefined) => value === 'on' || value === '1')
		)
	})
	.check(
		z.superRefine((value, context) => {
			if (value.end_date && !value.end_time) {
				context.addIssue({ code: 'custom', path: ['end_time'], message: t.endTimeMissing });
			}
		})
	);

/**
 * The event form. The end is optional; an end time alone ends the event on its start day, an
 * end day needs its time. `image` is the new picture (null keeps the current one), `remove_image`
 * asks to drop the current one.
 */
export function eventFormSchema(timeZone: string) {
	return z.pipe(
		eventForm,
		z.transform(
			(
				{ start_date, start_time, end_date, end_time, ...event }: z.output<typeof eventForm>,
				context
			) => {
				const startsAt = fromLocalInputs(start_date, start_time.slice(0, 5), timeZone);
				const endsAt = end_time
					? fromLocalInputs(end_date ?? start_date, end_time.slice(0, 5), timeZone)
					: null;
				if (endsAt && endsAt <= startsAt) return refuse(context, t.endBeforeStart, ['end_time']);
				return {
					...event,
					starts_at: startsAt.toISOString(),
					ends_at: endsAt ? endsAt.toISOString() : null
				};
			}
		)
	);
}

export type EventInput = z.output<ReturnType<typeof eventFormSchema>>;
