// What the coaching session forms accept, mirroring cancel_coaching_session (reason up to 1000
// characters), complete_coaching_session and rate_coaching_session (a whole rating 1–5, comment
// up to 2000 characters).
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { optionalTrimmed } from './fields.ts';

const e = messages.coaching.sessions.errors;

export const SESSION_PAGE_SIZE = 20;
export const RATINGS = [1, 2, 3, 4, 5] as const;

const sessionId = z.uuid({ error: e.invalid });
const text = (max: number, error: string) => optionalTrimmed(z.maxLength(max, { error }));

export const cancelSessionSchema = z.object({
	session_id: sessionId,
	reason: text(1000, e.reasonTooLong)
});

export const completeSessionSchema = z.object({ session_id: sessionId });

export const rateSessionSchema = z.object({
	session_id: sessionId,
	rating: z.pipe(
		z.pipe(
			z.string({ error: e.ratingRequired }).check(z.minLength(1, { error: e.ratingRequired })),
			z.transform(Number)
		),
		z
			.number({ error: e.ratingRange })
			.check(
				z.int({ error: e.ratingRange }),
				z.gte(1, { error: e.ratingRange }),
				z.lte(5, { error: e.ratingRange })
			)
	),
	comment: text(2000, e.commentTooLong)
});
