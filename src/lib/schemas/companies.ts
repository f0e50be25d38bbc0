// What a company's card may hold (the CHECK constraints of `companies`, in French) and how the
// directory is searched, filtered and paged.
import * as z from 'zod/mini';
import { interpolate, messages } from '#lib/i18n/index.ts';
import { optionalEmail, optionalText, optionalTrimmed, requiredText, uuid } from './fields.ts';
import { isIsoDay, todayIso } from './days.ts';

export { isIsoDay, todayIso };

const t = messages.companies.errors;
const e = messages.common.errors;

/** companies_phone_format */
export const PHONE_PATTERN = /^\+?[0-9 ().-]{6,20}$/;
/** companies_website_is_url: a scheme, a host with a dot, then anything without spaces. */
export const WEBSITE_PATTERN = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i;
const optionalDay = optionalTrimmed().check(
	z.refine((value) => value === null || isIsoDay(value), { error: e.invalidDate })
);

export const companySchema = z.object({
	name: requiredText(120),
	description: optionalText(5000),
	sector: optionalText(80),
	website: optionalText(2048).check(
		z.refine((value) => value === null || WEBSITE_PATTERN.test(value), {
			error: t.invalidWebsite
		})
	),
	email: optionalEmail.check(
		z.refine((value) => value === null || value.length <= 254, {
			error: interpolate(e.tooLong, { max: 254 })
		})
	),
	phone: optionalText(20).check(
		z.refine((value) => value === null || PHONE_PATTERN.test(value), {
			error: t.invalidPhone
		})
	),
	city: optionalText(120),
	founded_on: optionalDay.check(
		z.refine((value) => value === null || value <= todayIso(), {
			error: t.foundedInFuture
		})
	)
});

export type CompanyInput = z.output<typeof companySchema>;

export const COMPANIES_PAGE_SIZE = 9;

/** The directory's query string; anything unreadable falls back to the defaults. */
export const companyListQuery = z.object({
	q: z.catch(z.string().check(z.trim(), z.maxLength(100)), ''),
	sector: z.catch(z.string().check(z.trim(), z.maxLength(80)), ''),
	mine: z.catch(
		z.pipe(
			z.optional(z.string()),
			z.transform((value: string | undefined) => value === '1')
		),
		false
	),
	page: z.catch(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)), 1)
});

export type CompanyListQuery = z.output<typeof companyListQuery>;

/**
 * The `ilike` pattern of a name search: what the user typed, matched literally anywhere in the
 * name. LIKE's own wildcards are escaped; PostgREST reads `*` as `%` and has no escape for it, so
 * it is dropped.
 */
export function namePattern(query: string): string {
	const literal = query
		.replace(/\*/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\%_]/g, '\\$&');
	return `%${literal}%`;
}

export const companyRef = z.object({ id: uuid });
