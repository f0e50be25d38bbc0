// What a contact may hold (the same limits as the table's CHECK constraints) and how the list is
// searched, sorted and paged.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { contactSorts } from '#lib/contacts.ts';
import { optionalEmail, optionalText, requiredText } from './fields.ts';

const t = messages.contacts;

/** The column's own rule (contacts_phone_format). */
export const PHONE_PATTERN = /^\+?[0-9 ().-]{6,20}$/;

export const contactSchema = z.object({
	// first_name is `not null default ''`: an organisation has only a (last) name.
	first_name: z.pipe(
		optionalText(80),
		z.transform((value: string | null) => value ?? '')
	),
	last_name: requiredText(80),
	email: z.pipe(
		optionalEmail,
		z.nullable(z.string().check(z.maxLength(254, { error: messages.common.errors.invalidEmail })))
	),
	phone: z.pipe(
		optionalText(20),
		z.nullable(z.string().check(z.regex(PHONE_PATTERN, { error: t.errors.invalidPhone })))
	),
	company_name: optionalText(120),
	position: optionalText(120),
	notes: optionalText(2000)
});

export type ContactInput = z.output<typeof contactSchema>;

/** The list's query string; anything unreadable falls back to the defaults rather than failing. */
export const contactListQuery = z.object({
	q: z.catch(z.string().check(z.trim(), z.maxLength(100)), ''),
	sort: z.catch(z.enum(contactSorts), 'name'),
	page: z.catch(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)), 1)
});
