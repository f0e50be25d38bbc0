// Field rules shared by the zod schemas, with the app's French messages: one definition of
// what a name, a text or an e-mail must be, used on both client and server. zod/mini (functions
// instead of methods) so the browser ships only the checks the forms use, not all of zod. A
// module-level schema built with `.check()` stays in the bundle even when nothing uses it (a
// method call may have effects, for the bundler): keep no unused schema in these modules.
import * as z from 'zod/mini';
import { interpolate, messages } from '#lib/i18n/index.ts';

const e = messages.common.errors;

/**
 * Records a refusal from inside a `z.transform` and returns `z.NEVER`: zod/mini hands transforms
 * the parse payload, without classic zod's `addIssue`. Like there, the issue stops the parse.
 */
export function refuse(context: z.core.ParsePayload, message: string, path?: PropertyKey[]): never {
	context.issues.push({ code: 'custom', message, input: context.value, path });
	return z.NEVER;
}

/** What an empty text field means for an optional column: nothing (null). */
const emptyToNull = <T>(value: T | undefined): T | null => (value ? value : null);

/** A trimmed text field the form leaves out or sends empty: null; otherwise the trimmed text. */
export const optionalTrimmed = (...checks: z.core.$ZodCheck<string>[]) =>
	z.pipe(
		z.optional(z.string().check(z.trim(), ...checks)),
		z.transform((value: string | undefined) => emptyToNull(value))
	);

export const requiredText = (max: number) =>
	z
		.string({ error: e.required })
		.check(
			z.trim(),
			z.minLength(1, { error: e.required }),
			z.maxLength(max, { error: interpolate(e.tooLong, { max }) })
		);

export const optionalText = (max: number) =>
	optionalTrimmed(z.maxLength(max, { error: interpolate(e.tooLong, { max }) }));

export const email = z.pipe(
	z
		.string({ error: e.required })
		.check(z.trim(), z.toLowerCase(), z.minLength(1, { error: e.required })),
	z
		.email({ error: e.invalidEmail })
		.check(z.maxLength(254, { error: interpolate(e.tooLong, { max: 254 }) }))
);

export const optionalEmail = z.pipe(
	optionalTrimmed(z.toLowerCase()),
	z.nullable(z.email({ error: e.invalidEmail }))
);

export const uuid = z.uuid({ error: e.invalidInput });
