// What a contact may hold (the same limits as the table's CHECK constraints) and how the list is
// searched, sorted and paged.
import { z } from 'zod';
import { messages } from '#lib/i18n/index.ts';
import { contactSorts } from '#lib/contacts.ts';
import { optionalEmail, optionalText, requiredText } from './fields.ts';

const t = messages.contacts;

/** The column's own rule (contacts_phone_format). */
export const PHONE_PATTERN = /^\+?[0-9 ().-]{6,20}$/;

export const contactSchema = z.object({
	// first_name is `not null default ''`: an organisation has only a (last) name.
	first_name: optionalText(80).transform((value) => value ?? ''),
	last_name: requiredText(80),
	email: optionalEmail.pipe(
		z.string().max(254, { error: messages.common.errors.invalidEmail }).nullable()
	),
	phone: optionalText(20).pipe(
		z.string().regex(PHONE_PATTERN, { error: t.errors.invalidPhone }).nullable()
	),
	company_name: optionalText(120),
	position: optionalText(120),
	notes: optionalText(2000)
});

export type ContactInput = z.output<typeof contactSchema>;

/** The list's query string; anything unreadable falls back to the defaults rather than failing. */
export const contactListQuery = z.object({
	q: z.string().trim().max(100).catch(''),
	sort: z.enum(contactSorts).catch('name'),
	page: z.coerce.number().int().min(1).max(10_000).catch(1)
});
