// What the coaching request forms accept, mirroring send_coaching_request and
// answer_coaching_request (duration 15–480 minutes, message and comment up to 2000 characters,
// a start time that is an instant with its offset). A refusal comes with a comment: the member
// is told why.
import { z } from 'zod';
import { messages } from '#lib/i18n/index.ts';

const e = messages.coaching.requests.errors;

export const DURATIONS = [30, 45, 60, 90, 120] as const;
export const DEFAULT_DURATION = 60;
export const REQUEST_PAGE_SIZE = 20;

const text = (max: number, error: string) =>
	z
		.string()
		.trim()
		.max(max, { error })
		.optional()
		.transform((value) => (value ? value : null));

export const durationMinutes = z.coerce
	.number({ error: e.durationRange })
	.int({ error: e.durationRange })
	.min(15, { error: e.durationRange })
	.max(480, { error: e.durationRange });

export const sendRequestSchema = z.object({
	coach_id: z.uuid({ error: e.coachRequired }),
	domain_id: z.uuid({ error: e.domainRequired }),
	duration_minutes: durationMinutes,
	starts_at: z.iso
		.datetime({ offset: true, error: e.slotRequired })
		.transform((value) => new Date(value)),
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
		.trim()
		.min(1, { error: e.commentRequired })
		.max(2000, { error: e.commentTooLong })
});
