// What a member may change on their own profile (never their role: the database refuses it too).
import { z } from 'zod';
import { optionalText, requiredText } from './fields.ts';

export const profileSchema = z.object({
	first_name: requiredText(80),
	last_name: requiredText(80),
	headline: optionalText(120),
	bio: optionalText(2000)
});

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
