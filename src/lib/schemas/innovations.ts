// What an innovation may hold (the limits of `innovations`) and how the form's publication day
// becomes a timestamptz: midnight of that day in the viewer's time zone.
import * as z from 'zod/mini';
import { messages } from '#lib/i18n/index.ts';
import { fromLocalInputs } from '#lib/i18n/format.ts';
import { optionalText, requiredText } from './fields.ts';
import { isIsoDay } from './days.ts';

const e = messages.common.errors;

export const innovationKinds = ['product', 'service', 'process'] as const;
export type InnovationKind = (typeof innovationKinds)[number];

const innovationForm = z.object({
	title: requiredText(160),
	description: optionalText(5000),
	kind: z.enum(innovationKinds, { error: messages.companies.errors.invalidKind }),
	published_on: z
		.string({ error: e.required })
		.check(
			z.trim(),
			z.minLength(1, { error: e.required }),
			z.refine(isIsoDay, { error: e.invalidDate })
		)
});

export function innovationFormSchema(timeZone: string) {
	return z.pipe(
		innovationForm,
		z.transform(({ published_on, ...innovation }: z.output<typeof innovationForm>) => ({
			...innovation,
			published_at: fromLocalInputs(published_on, '00:00', timeZone).toISOString()
		}))
	);
}

export type InnovationInput = z.output<ReturnType<typeof innovationFormSchema>>;
