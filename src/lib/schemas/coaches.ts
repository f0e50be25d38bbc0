// What a coach may write on their coach profile (bio, hourly rate, LinkedIn, domains, weekly
// availability) and what the directory's filters accept. The availability rules are the
// database's private.is_valid_weekly_availability (weekday 1..7, "HH:MM" start before an
// "HH:MM" or "24:00" end, at most 100 slots), plus: slots of one day do not overlap.
import * as z from 'zod/mini';
import { overlaps, sortSlots } from '#lib/coaching/availability.ts';
import type { AvailabilitySlot, Period } from '#lib/coaching/availability.ts';
import { messages } from '#lib/i18n/index.ts';
import { optionalText, optionalTrimmed, refuse } from './fields.ts';

const e = messages.coaching.coaches.errors;
const required = messages.common.errors.required;

export const MAX_SLOTS = 100;
export const DIRECTORY_PAGE_SIZE = 12;
export const DIRECTORY_SORTS = ['rating', 'rate_asc', 'rate_desc'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];
const LINKEDIN = /^https:\/\/([a-z]{2,3}\.)?linkedin\.com\/\S+$/i;
const START = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const END = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const AMOUNT = /^\d{1,6}([.,]\d{1,2})?$/;
const toAmount = (value: string) => Number(value.replace(',', '.'));

/** "85", "85,5", "85.50" → 85.5; the column is numeric(10,2) between 0 and 100 000. */
export const hourlyRate = z.pipe(
	z.pipe(
		z
			.string({ error: required })
			.check(
				z.trim(),
				z.minLength(1, { error: required, abort: true }),
				z.regex(AMOUNT, { error: e.rateInvalid })
			),
		z.transform(toAmount)
	),
	z.number().check(z.gte(0, { error: e.rateRange }), z.lte(100_000, { error: e.rateRange }))
);

export const linkedinUrl = z.pipe(
	optionalTrimmed(),
	z.nullable(
		z
			.string()
			.check(
				z.maxLength(2048, { error: e.linkedinInvalid }),
				z.regex(LINKEDIN, { error: e.linkedinInvalid })
			)
	)
);

export const coachProfileSchema = z.object({
	bio: optionalText(5000),
	hourly_rate: hourlyRate,
	linkedin_url: linkedinUrl
});

export const coachDomainSchema = z.object({
	domain_id: z.uuid({ error: e.domainRequired })
});

const weekday = z.coerce
	.number({ error: e.weekdayInvalid })
	.check(
		z.int({ error: e.weekdayInvalid }),
		z.gte(1, { error: e.weekdayInvalid }),
		z.lte(7, { error: e.weekdayInvalid })
	);

/** One slot exactly as the database stores it (three keys, nothing else). */
export const availabilitySlot = z
	.strictObject({
		weekday: z.number().check(z.int(), z.gte(1), z.lte(7)),
		start: z.string().check(z.regex(START)),
		end: z.string().check(z.regex(END))
	})
	.check(z.refine((slot) => slot.start < slot.end, { error: e.endBeforeStart, path: ['end'] }));

/** The whole weekly availability, as the CHECK constraint accepts it and without overlaps. */
export const weeklyAvailability = z.array(availabilitySlot).check(
	z.maxLength(MAX_SLOTS, { error: e.tooManySlots }),
	z.superRefine((slots, context) => {
		for (let i = 0; i < slots.length; i++) {
			for (let j = i + 1; j < slots.length; j++) {
				if (overlaps(slots[i], slots[j])) {
					context.addIssue({ code: 'custom', message: e.overlap, path: [j, 'start'] });
					return;
				}
			}
		}
	})
);

/** The availability the form was rendered with (hidden field), read back as JSON. */
const currentAvailability = z.pipe(
	z.pipe(
		z.string({ error: e.slotsInvalid }),
		z.transform((value: string, context) => {
			try {
				return JSON.parse(value) as unknown;
			} catch {
				return refuse(context, e.slotsInvalid);
			}
		})
	),
	z.array(availabilitySlot, { error: e.slotsInvalid })
);

const version = z
	.string({ error: e.slotsInvalid })
	.check(z.minLength(1, { error: e.slotsInvalid }));

type AvailabilityChange = { availability: AvailabilitySlot[]; version: string };

const addSlotInput = z
	.object({
		current: currentAvailability,
		version,
		weekday,
		start: z.string({ error: required }).check(z.trim(), z.regex(START, { error: e.timeInvalid })),
		// <input type="time"> cannot say 24:00: midnight as an end means the end of the day.
		end: z.pipe(
			z.string({ error: required }).check(z.trim(), z.regex(START, { error: e.timeInvalid })),
			z.transform((value: string) => (value === '00:00' ? '24:00' : value))
		)
	})
	.check(
		z.superRefine((input, context) => {
			if (input.start >= input.end) {
				context.addIssue({ code: 'custom', message: e.endBeforeStart, path: ['end'] });
				return;
			}
			const slot = { weekday: input.weekday, start: input.start, end: input.end };
			if (input.current.some((existing) => overlaps(existing, slot))) {
				context.addIssue({ code: 'custom', message: e.overlap, path: ['start'] });
			}
			if (input.current.length >= MAX_SLOTS) {
				context.addIssue({ code: 'custom', message: e.tooManySlots, path: ['weekday'] });
			}
		})
	);

/** Adding a slot: the current list plus the new one, checked as a whole. */
export const addSlotSchema = z.pipe(
	addSlotInput,
	z.transform((input: z.output<typeof addSlotInput>): AvailabilityChange => ({
		availability: sortSlots([
			...input.current,
			{ weekday: input.weekday, start: input.start, end: input.end }
		]),
		version: input.version
	}))
);

const removeSlotInput = z
	.object({
		current: currentAvailability,
		version,
		index: z.coerce
			.number({ error: e.slotsInvalid })
			.check(z.int({ error: e.slotsInvalid }), z.gte(0, { error: e.slotsInvalid }))
	})
	.check(
		z.refine((input) => input.index < input.current.length, {
			error: e.slotsInvalid,
			path: ['index']
		})
	);

/** Removing a slot: the current list without the one at `index`. */
export const removeSlotSchema = z.pipe(
	removeSlotInput,
	z.transform((input: z.output<typeof removeSlotInput>): AvailabilityChange => ({
		availability: input.current.filter((_, at) => at !== input.index),
		version: input.version
	}))
);

export type DirectoryFilters = {
	domain: string | null;
	maxRate: number | null;
	weekday: number | null;
	period: Period | null;
	sort: DirectorySort;
	page: number;
};

const filterFields = {
	domain: z.uuid(),
	max_rate: z.pipe(z.string().check(z.trim(), z.regex(AMOUNT)), z.transform(toAmount)),
	weekday: z.coerce.number().check(z.int(), z.gte(1), z.lte(7)),
	period: z.enum(['morning', 'afternoon', 'evening']),
	sort: z.enum(DIRECTORY_SORTS),
	page: z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000))
};

/**
 * The directory's query string: each valid filter applies; an invalid one is ignored and
 * reported next to its field (the URL is the user's to edit).
 */
export function parseDirectoryFilters(params: URLSearchParams): {
	filters: DirectoryFilters;
	errors: Record<string, string>;
} {
	const errors: Record<string, string> = {};
	const read = <K extends keyof typeof filterFields>(key: K) => {
		const raw = params.get(key);
		if (raw === null || raw.trim() === '') return null;
		const parsed = filterFields[key].safeParse(raw);
		if (parsed.success) return parsed.data as z.output<(typeof filterFields)[K]>;
		if (key === 'max_rate') errors.max_rate = e.maxRateInvalid;
		return null;
	};
	return {
		filters: {
			domain: read('domain'),
			maxRate: read('max_rate'),
			weekday: read('weekday'),
			period: read('period'),
			sort: read('sort') ?? 'rating',
			page: read('page') ?? 1
		},
		errors
	};
}
