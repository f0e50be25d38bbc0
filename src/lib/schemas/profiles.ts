// What a member may change on their own profile (never their role: the database refuses it too),
// their avatar's rule (bucket `avatars`), and the account's e-mail and password changes.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { email, optionalText, requiredText } from './fields.ts';
import { AVATAR_MAX_BYTES, AVATAR_TYPES, avatarRule } from './image-rules.ts';
import { requiredImage } from './images.ts';
import { resetPasswordSchema } from './auth.ts';

export { AVATAR_MAX_BYTES, AVATAR_TYPES, avatarRule };

const p = messages.auth.profile;

export const profileSchema = z.object({
	first_name: requiredText(80),
	last_name: requiredText(80),
	headline: optionalText(120),
	bio: optionalText(2000)
});

export const avatarSchema = z.object({ avatar: requiredImage(avatarRule, p.avatarMissing) });

export const emailChangeSchema = z.object({ email });

/** Same rule as a password reset: 8 characters at least, typed twice. */
export const passwordChangeSchema = resetPasswordSchema;
