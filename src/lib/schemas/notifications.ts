// What the notifications actions accept: one notification to mark seen.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';

export const notificationRef = z.object({
	id: z.uuid({ error: messages.common.errors.invalidInput })
});
