// What the coaching request forms accept, mirroring send_coaching_request and
// answer_coaching_request (duration 15–480 minutes, message and comment up to 2000 characters,
// a start time that is an instant with its offset). A refusal comes with a comment: the member
// is told why.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { optionalTrimmed } from './fields.ts';

const e = messages.coaching.requests.errors;

export const DURATIONS = [30, 45, 60, 90, 120] as const;
export const DEFAULT_DURATION = 60;
export const REQUEST_PAGE_SIZE = 20;

const text = (max: number, error: string) => optionalTrimmed(z.maxLength(max, { error }));

export const durationMinutes = z.coerce
	.number({ error: e.durationRange })
	.check(
		z.int({ error: e.durationRange }),
		z.gte(15, { error: e.durationRange }),
		z.lte(480, { error: e.durationRange })
	);

export const sendRequestSchema = z.object({
	coach_id: z.uuid({ error: e.coachRequired }),
	domain_id: z.uuid({ error: e.domainRequired }),
	duration_minutes: durationMinutes,
	starts_at: z.pipe(
		z.iso.datetime({ offset: true, error: e.slotRequired }),
		z.transform((value: string) => new Date(value))
	),
	message: text(2000, e.messageTooLong)
});

const requestId = z.uuid({ error: e.invalid });

export const acceptRequestSchema = z.object({
	request_id: requestId,
	comment: text(2000, e.commentTooLong)
});

export const declineRequestSchema = z.object({
	request_id: requestId,
	comment: z
		.string({ error: e.commentRequired })
		.check(
			z.trim(),
			z.minLength(1, { error: e.commentRequired }),
			z.maxLength(2000, { error: e.commentTooLong })
		)
});
