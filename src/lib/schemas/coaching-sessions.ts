// What the coaching session forms accept, mirroring cancel_coaching_session (reason up to 1000
// characters), complete_coaching_session and rate_coaching_session (a whole rating 1–5, comment
// up to 2000 characters).
import { z } from 'zod';
import { messages } from '#lib/i18n/index.ts';

const e = messages.coaching.sessions.errors;

export const SESSION_PAGE_SIZE = 20;
export const RATINGS = [1, 2, 3, 4, 5] as const;

const sessionId = z.uuid({ error: e.invalid });
const text = (max: number, error: string) =>
	z
		.string()
		.trim()
		.max(max, { error })
		.optional()
		.transform((value) => (value ? value : null));

export const cancelSessionSchema = z.object({
	session_id: sessionId,
	reason: text(1000, e.reasonTooLong)
});

export const completeSessionSchema = z.object({ session_id: sessionId });

export const rateSessionSchema = z.object({
	session_id: sessionId,
	rating: z
		.string({ error: e.ratingRequired })
		.min(1, { error: e.ratingRequired })
		.transform(Number)
		.pipe(
			z
				.number({ error: e.ratingRange })
				.int({ error: e.ratingRange })
				.min(1, { error: e.ratingRange })
				.max(5, { error: e.ratingRange })
		),
	comment: text(2000, e.commentTooLong)
});
