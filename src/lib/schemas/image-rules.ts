// The picture rules of the public buckets (avatars, event images) as plain functions, shared by
// the schemas (images.ts) and ImageField, which checks a chosen file at once: an allowed type and
// a size under the bucket's limit (the same limits as the buckets in supabase/).
import { messages } from '#lib/i18n/index.ts';

export type ImageRule = {
	maxBytes: number;
	types: readonly string[];
	messages: { tooLarge: string; badType: string };
};

/** The French refusal for `file`, or null when the bucket would accept it. */
export function imageProblem(file: Pick<File, 'size' | 'type'>, rule: ImageRule): string | null {
	if (!rule.types.includes(file.type)) return rule.messages.badType;
	if (file.size > rule.maxBytes) return rule.messages.tooLarge;
	return null;
}

/** An empty file input sends a nameless, empty File: that means "no new picture". */
export function isEmptyFile(value: unknown): boolean {
	return (
		value === undefined ||
		value === '' ||
		(value instanceof File && value.size === 0 && !value.name)
	);
}

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const avatarRule: ImageRule = {
	maxBytes: AVATAR_MAX_BYTES,
	types: AVATAR_TYPES,
	messages: {
		tooLarge: messages.auth.profile.avatarTooLarge,
		badType: messages.auth.profile.avatarBadType
	}
};

export const EVENT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const EVENT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const eventImageRule: ImageRule = {
	maxBytes: EVENT_IMAGE_MAX_BYTES,
	types: EVENT_IMAGE_TYPES,
	messages: {
		tooLarge: messages.companies.errors.imageTooLarge,
		badType: messages.companies.errors.imageBadType
	}
};
