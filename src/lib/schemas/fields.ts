// Field rules shared by the zod schemas, with the app's French messages: one definition of
// what a name, an e-mail or a URL must be, used on both client and server.
import { z } from 'zod';
import { interpolate, messages } from '#lib/i18n/index.ts';

const e = messages.common.errors;

export const requiredText = (max: number) =>
	z
		.string({ error: e.required })
		.trim()
		.min(1, { error: e.required })
		.max(max, { error: interpolate(e.tooLong, { max }) });

export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: interpolate(e.tooLong, { max }) })
		.optional()
		.transform((value) => (value ? value : null));

export const email = z
	.string({ error: e.required })
	.trim()
	.toLowerCase()
	.min(1, { error: e.required })
	.pipe(
		z.email({ error: e.invalidEmail }).max(254, { error: interpolate(e.tooLong, { max: 254 }) })
	);

export const optionalEmail = z
	.string()
	.trim()
	.toLowerCase()
	.optional()
	.transform((value) => (value ? value : null))
	.pipe(z.email({ error: e.invalidEmail }).nullable());

export const optionalUrl = z
	.string()
	.trim()
	.optional()
	.transform((value) => (value ? value : null))
	.pipe(
		z
			.url({ protocol: /^https?$/, error: e.invalidUrl })
			.max(2048, { error: interpolate(e.tooLong, { max: 2048 }) })
			.nullable()
	);

export const uuid = z.uuid({ error: e.invalidInput });
