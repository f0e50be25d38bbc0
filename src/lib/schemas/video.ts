// What the video endpoints and actions accept: a reference to one video session.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';

export const videoSessionRef = z.object({
	videoSessionId: z.uuid({ error: messages.video.errors.invalidRequest })
});
