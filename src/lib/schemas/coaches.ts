// What a coach may write on their coach profile (bio, hourly rate, LinkedIn, domains, weekly
// availability) and what the directory's filters accept. The availability rules are the
// database's private.is_valid_weekly_availability (weekday 1..7, "HH:MM" start before an
// "HH:MM" or "24:00" end, at most 100 slots), plus: slots of one day do not overlap.
import { z } from 'zod';
import { overlaps, sortSlots } from '#lib/coaching/availability.ts';
import type { AvailabilitySlot, Period } from '#lib/coaching/availability.ts';
import { messages } from '#lib/i18n/index.ts';
import { optionalText } from './fields.ts';

const e = messages.coaching.coaches.errors;
const required = messages.common.errors.required;

export const MAX_SLOTS = 100;
export const DIRECTORY_PAGE_SIZE = 12;
export const DIRECTORY_SORTS = ['rating', 'rate_asc', 'rate_desc'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];
const LINKEDIN = /^https:\/\/([a-z]{2,3}\.)?linkedin\.com\/\S+$/i;
const START = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const END = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;

/** "85", "85,5", "85.50" → 85.5; the column is numeric(10,2) between 0 and 100 000. */
export const hourlyRate = z
	.string({ error: required })
	.trim()
	.min(1, { error: required, abort: true })
	.regex(/^\d{1,6}([.,]\d{1,2})?$/, { error: e.rateInvalid })
	.transform((value) => Number(value.replace(',', '.')))
	.pipe(z.number().min(0, { error: e.rateRange }).max(100_000, { error: e.rateRange }));

export const linkedinUrl = z
	.string()
	.trim()
	.optional()
	.transform((value) => (value ? value : null))
	.pipe(
		z
			.string()
			.max(2048, { error: e.linkedinInvalid })
			.regex(LINKEDIN, { error: e.linkedinInvalid })
			.nullable()
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
	.int({ error: e.weekdayInvalid })
	.min(1, { error: e.weekdayInvalid })
	.max(7, { error: e.weekdayInvalid });

/** One slot exactly as the database stores it (three keys, nothing else). */
export const availabilitySlot = z
	.strictObject({
		weekday: z.number().int().min(1).max(7),
		start: z.string().regex(START),
		end: z.string().regex(END)
	})
	.refine((slot) => slot.start < slot.end, { error: e.endBeforeStart, path: ['end'] });

/** The whole weekly availability, as the CHECK constraint accepts it and without overlaps. */
export const weeklyAvailability = z
	.array(availabilitySlot)
	.max(MAX_SLOTS, { error: e.tooManySlots })
	.superRefine((slots, context) => {
		for (let i = 0; i < slots.length; i++) {
			for (let j = i + 1; j < slots.length; j++) {
				if (overlaps(slots[i], slots[j])) {
					context.addIssue({ code: 'custom', message: e.overlap, path: [j, 'start'] });
					return;
				}
			}
		}
	});

/** The availability the form was rendered with (hidden field), read back as JSON. */
const currentAvailability = z
	.string({ error: e.slotsInvalid })
	.transform((value, context) => {
		try {
			return JSON.parse(value) as unknown;
		} catch {
			context.addIssue({ code: 'custom', message: e.slotsInvalid });
			return z.NEVER;
		}
	})
	.pipe(z.array(availabilitySlot, { error: e.slotsInvalid }));

const version = z.string({ error: e.slotsInvalid }).min(1, { error: e.slotsInvalid });

/** Adding a slot: the current list plus the new one, checked as a whole. */
export const addSlotSchema = z
	.object({
		current: currentAvailability,
		version,
		weekday,
		start: z.string({ error: required }).trim().regex(START, { error: e.timeInvalid }),
		// <input type="time"> cannot say 24:00: midnight as an end means the end of the day.
		end: z
			.string({ error: required })
			.trim()
			.regex(START, { error: e.timeInvalid })
			.transform((value) => (value === '00:00' ? '24:00' : value))
	})
	.superRefine((input, context) => {
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
	.transform((input): { availability: AvailabilitySlot[]; version: string } => ({
		availability: sortSlots([
			...input.current,
			{ weekday: input.weekday, start: input.start, end: input.end }
		]),
		version: input.version
	}));

/** Removing a slot: the current list without the one at `index`. */
export const removeSlotSchema = z
	.object({
		current: currentAvailability,
		version,
		index: z.coerce.number({ error: e.slotsInvalid }).int({ error: e.slotsInvalid }).min(0)
	})
	.refine((input) => input.index < input.current.length, {
		error: e.slotsInvalid,
		path: ['index']
	})
	.transform((input): { availability: AvailabilitySlot[]; version: string } => ({
		availability: input.current.filter((_, at) => at !== input.index),
		version: input.version
	}));

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
	max_rate: z
		.string()
		.trim()
		.regex(/^\d{1,6}([.,]\d{1,2})?$/)
		.transform((value) => Number(value.replace(',', '.'))),
	weekday: z.coerce.number().int().min(1).max(7),
	period: z.enum(['morning', 'afternoon', 'evening']),
	sort: z.enum(DIRECTORY_SORTS),
	page: z.coerce.number().int().min(1).max(10_000)
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
