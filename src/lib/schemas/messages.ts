// What a message form accepts, on the client (composer counter, before sending) and in the
// actions: the client-chosen id (so a retried send is stored once), a body of 1–4000
// characters as the database counts them (code points, outer whitespace trimmed).
import * as z from 'zod/mini';
import { interpolate, messages } from '#lib/i18n/index.ts';
import { bodyLength, MESSAGE_MAX_LENGTH } from '#lib/messages/thread.ts';

const t = messages.messages.errors;

export const messageBody = z.string({ error: t.required }).check(
	z.trim(),
	z.refine((body) => body.length > 0, { error: t.required }),
	z.refine((body) => bodyLength(body) <= MESSAGE_MAX_LENGTH, {
		error: interpolate(t.tooLong, { max: MESSAGE_MAX_LENGTH })
	})
);

export const newMessage = z.object({
	id: z.uuid({ error: messages.common.errors.invalidInput }),
	body: messageBody
});

export type NewMessage = z.output<typeof newMessage>;

/** The counterpart of a conversation, from the route (/messages/<profile id>). */
export const counterpartId = z.uuid({ error: t.invalidRecipient });

/** The first problem with a body, or null: for the composer, before anything is sent. */
export function messageBodyError(body: string): string | null {
	const result = messageBody.safeParse(body);
	return result.success ? null : (result.error.issues[0]?.message ?? t.required);
}
