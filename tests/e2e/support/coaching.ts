// Fixtures of the coaching journeys, written as the platform would write them: coach profiles,
// domains and availability with the service role; requests through the member's own
// signed-in client (the real send_coaching_request RPC); sessions that have already started
// (which no RPC can create) with the service role.
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';

// The local stack's well-known keys; E2E always runs on a local stack (playwright.config.ts).
const SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';
const PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';

function apiUrl() {
	const url = process.env.E2E_SUPABASE_URL;
	if (!url) throw new Error('E2E_SUPABASE_URL is not set (see playwright.config.ts)');
	return url;
}

const options = { auth: { persistSession: false, autoRefreshToken: false } };
export const admin = () => createClient(apiUrl(), SECRET_KEY, options);

/** A supabase-js client signed in as `user`, for actions the test does not drive in the UI. */
export async function clientOf(user: { email: string; password: string }): Promise<SupabaseClient> {
	const client = createClient(apiUrl(), PUBLISHABLE_KEY, options);
	const { error } = await client.auth.signInWithPassword({
		email: user.email,
		password: user.password
	});
	if (error) throw error;
	return client;
}

function must<T>(result: { data: T | null; error: unknown }): T {
	if (result.error) throw result.error;
	return result.data as T;
}

/** An expertise domain of this test only, so directory filters see exactly its coaches. */
export async function createDomain(label: string) {
	const ascii = label
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	const slug = `e2e-${ascii}-${crypto.randomUUID().slice(0, 6)}`;
	return must(
		await admin()
			.from('expertise_domains')
			.insert({ slug, name: `${label} ${slug.slice(-6)}` })
			.select('id, name')
			.single()
	) as { id: string; name: string };
}

export type Slot = { weekday: number; start: string; end: string };
export const EVERY_DAY: Slot[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
	weekday,
	start: '00:00',
	end: '24:00'
}));

export async function setCoachProfile(
	coachId: string,
	profile: {
		domainIds?: string[];
		hourlyRate?: number;
		availability?: Slot[];
		bio?: string;
		rating?: { average: number; count: number };
	}
) {
	const service = admin();
	must(
		await service
			.from('coaches')
			.update({
				hourly_rate: profile.hourlyRate ?? 80,
				weekly_availability: profile.availability ?? EVERY_DAY,
				bio: profile.bio ?? null,
				rating_average: profile.rating?.average ?? null,
				rating_count: profile.rating?.count ?? 0
			})
			.eq('id', coachId)
			.select('id')
			.single()
	);
	if (profile.domainIds?.length) {
		must(
			await service
				.from('coach_domains')
				.insert(profile.domainIds.map((domain_id) => ({ coach_id: coachId, domain_id })))
		);
	}
}

/** The next whole hour at least `hoursAhead` hours from now. */
export function hoursFromNow(hoursAhead: number): Date {
	const at = new Date(Date.now() + hoursAhead * 3_600_000);
	at.setUTCMinutes(0, 0, 0);
	return new Date(at.getTime() + 3_600_000);
}

/** A pending request sent by the member through the real RPC. */
export async function sendRequest(
	member: { email: string; password: string },
	request: {
		coachId: string;
		domainId: string;
		desiredAt: Date;
		durationMinutes?: number;
		message?: string;
	}
) {
	const client = await clientOf(member);
	const row = must(
		await client.rpc('send_coaching_request', {
			coach_id: request.coachId,
			domain_id: request.domainId,
			desired_at: request.desiredAt.toISOString(),
			duration_minutes: request.durationMinutes ?? 60,
			message: request.message ?? null
		})
	) as { id: string };
	return row.id;
}

/** A planned session between them that started `minutesAgo` minutes ago (1 hour long). */
export async function createStartedSession(
	member: { id: string },
	coach: { id: string },
	domainId: string,
	minutesAgo = 30
) {
	const service = admin();
	const startsAt = new Date(Date.now() - minutesAgo * 60_000);
	startsAt.setUTCSeconds(0, 0);
	const request = must(
		await service
			.from('coaching_requests')
			.insert({
				member_id: member.id,
				coach_id: coach.id,
				domain_id: domainId,
				desired_at: startsAt.toISOString(),
				status: 'accepted',
				responded_at: new Date(startsAt.getTime() - 86_400_000).toISOString()
			})
			.select('id')
			.single()
	) as { id: string };
	const session = must(
		await service
			.from('coaching_sessions')
			.insert({
				request_id: request.id,
				member_id: member.id,
				coach_id: coach.id,
				starts_at: startsAt.toISOString(),
				ends_at: new Date(startsAt.getTime() + 3_600_000).toISOString()
			})
			.select('id')
			.single()
	) as { id: string };
	return { requestId: request.id, sessionId: session.id };
}
