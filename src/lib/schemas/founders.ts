// What a founder's card may hold: the CHECK constraints of `founders`, with French messages.
import * as z from 'zod/mini';
import { interpolate, messages } from '#lib/i18n/index.ts';
import { optionalEmail, optionalText, requiredText } from './fields.ts';

const t = messages.companies.errors;

/** founders_linkedin_url_is_linkedin */
export const LINKEDIN_PATTERN = /^https:\/\/([a-z]{2,3}\.)?linkedin\.com\/\S+$/i;

export const founderSchema = z.object({
	first_name: requiredText(80),
	last_name: requiredText(80),
	position: optionalText(120),
	bio: optionalText(2000),
	email: optionalEmail.check(
		z.refine((value) => value === null || value.length <= 254, {
			error: interpolate(messages.common.errors.tooLong, { max: 254 })
		})
	),
	linkedin_url: optionalText(2048).check(
		z.refine((value) => value === null || LINKEDIN_PATTERN.test(value), {
			error: t.invalidLinkedin
		})
	)
});

export type FounderInput = z.output<typeof founderSchema>;
