// What is next for the viewer, per role: members see their next sessions, pending requests,
// next plans; coaches the requests to answer, next sessions and their rating; companies their
// companies with upcoming events and latest innovations. Everyone gets unread messages and the
// latest notifications. Blocks load in parallel under the viewer's RLS, and each one fails on
// its own: a broken block says so without taking the page down.
import type { TypedSupabaseClient } from '#lib/supabase/server.ts';
import type { Role } from '#lib/navigation.ts';
import type { InnovationKind } from '#lib/schemas/innovations.ts';
import type { PageServerLoad } from './$types';

export type Block<T> = { ok: true; items: T } | { ok: false };

const LIMIT = 4;

async function list<T>(
	query: PromiseLike<{ data: T[] | null; error: unknown }>
): Promise<Block<T[]>> {
	const { data, error } = await query;
	return error ? { ok: false } : { ok: true, items: data ?? [] };
}

async function single<T>(
	query: PromiseLike<{ data: T | null; error: unknown }>
): Promise<Block<T | null>> {
	const { data, error } = await query;
	return error ? { ok: false } : { ok: true, items: data };
}

const fullName = (profile: { first_name: string; last_name: string } | null | undefined) =>
	profile ? `${profile.first_name} ${profile.last_name}`.trim() : '';

function memberBlocks(supabase: TypedSupabaseClient, viewerId: string, now: string) {
	return Promise.all([
		list(
			supabase
				.from('coaching_sessions')
				.select('id, starts_at, ends_at, coach:coaches(profile:profiles(first_name, last_name))')
				.eq('member_id', viewerId)
				.eq('status', 'planned')
				.gte('ends_at', now)
				.order('starts_at')
				.limit(LIMIT)
		).then(
			mapBlock((rows) =>
				rows.map((row) => ({
					id: row.id,
					startsAt: row.starts_at,
					endsAt: row.ends_at,
					with: fullName(row.coach?.profile)
				}))
			)
		),
		list(
			supabase
				.from('coaching_requests')
				.select('id, desired_at, coach:coaches(profile:profiles(first_name, last_name))')
				.eq('member_id', viewerId)
				.eq('status', 'pending')
				.order('desired_at')
				.limit(LIMIT)
		).then(
			mapBlock((rows) =>
				rows.map((row) => ({
					id: row.id,
					desiredAt: row.desired_at,
					with: fullName(row.coach?.profile)
				}))
			)
		),
		list(
			supabase
				.from('plans')
				.select('id, title, starts_at, duration_minutes, location')
				.eq('owner_id', viewerId)
				.gte('starts_at', now)
				.order('starts_at')
				.limit(LIMIT)
		)
	]).then(([sessions, requests, plans]) => ({ sessions, requests, plans }));
}

function coachBlocks(supabase: TypedSupabaseClient, viewerId: string, now: string) {
	return Promise.all([
		list(
			supabase
				.from('coaching_requests')
				.select(
					'id, desired_at, member:profiles!coaching_requests_member_id_fkey(first_name, last_name)'
				)
				.eq('coach_id', viewerId)
				.eq('status', 'pending')
				.order('desired_at')
				.limit(LIMIT)
		).then(
			mapBlock((rows) =>
				rows.map((row) => ({
					id: row.id,
					desiredAt: row.desired_at,
					with: fullName(row.member)
				}))
			)
		),
		list(
			supabase
				.from('coaching_sessions')
				.select(
					'id, starts_at, ends_at, member:profiles!coaching_sessions_member_id_fkey(first_name, last_name)'
				)
				.eq('coach_id', viewerId)
				.eq('status', 'planned')
				.gte('ends_at', now)
				.order('starts_at')
				.limit(LIMIT)
		).then(
			mapBlock((rows) =>
				rows.map((row) => ({
					id: row.id,
					startsAt: row.starts_at,
					endsAt: row.ends_at,
					with: fullName(row.member)
				}))
			)
		),
		single<{ rating_average: number | null; rating_count: number }>(
			supabase
				.from('coaches')
				.select('rating_average, rating_count')
				.eq('id', viewerId)
				.maybeSingle()
		)
	]).then(([requests, sessions, rating]) => ({ requests, sessions, rating }));
}

async function companyBlocks(supabase: TypedSupabaseClient, viewerId: string, now: string) {
	// Each company with its next event only (embedded filter, order and limit).
	const companies = await list(
		supabase
			.from('companies')
			.select('id, name, events(id, title, starts_at)')
			.eq('owner_id', viewerId)
			.gte('events.starts_at', now)
			.order('name')
			.order('starts_at', { referencedTable: 'events' })
			.limit(1, { referencedTable: 'events' })
	);
	if (!companies.ok) return { companies, innovations: companies };
	const names = new Map(companies.items.map((company) => [company.id, company.name]));
	const innovations =
		names.size === 0
			? { ok: true as const, items: [] }
			: await list(
					supabase
						.from('innovations')
						.select('id, title, kind, published_at, company_id')
						.in('company_id', [...names.keys()])
						.order('published_at', { ascending: false })
						.limit(LIMIT)
				);
	return {
		companies: {
			ok: true as const,
			items: companies.items.map((company) => ({
				id: company.id,
				name: company.name,
				nextEvent: company.events[0] ?? null
			}))
		},
		innovations: mapBlock(
			(
				rows: {
					id: string;
					title: string;
					kind: InnovationKind;
					published_at: string;
					company_id: string;
				}[]
			) =>
				rows.map((row) => ({
					id: row.id,
					title: row.title,
					kind: row.kind,
					publishedAt: row.published_at,
					companyId: row.company_id,
					companyName: names.get(row.company_id) ?? ''
				}))
		)(innovations)
	};
}

function mapBlock<T, U>(map: (items: T) => U) {
	return (input: Block<T>): Block<U> => (input.ok ? { ok: true, items: map(input.items) } : input);
}

function commonBlocks(supabase: TypedSupabaseClient, viewerId: string) {
	return Promise.all([
		list(supabase.from('conversations').select('unread_count').eq('profile_id', viewerId)).then(
			mapBlock((rows) => rows.reduce((sum, row) => sum + (row.unread_count ?? 0), 0))
		),
		list(
			supabase
				.from('notifications')
				.select('id, title, body, link, created_at, seen_at')
				.eq('user_id', viewerId)
				.order('created_at', { ascending: false })
				.limit(5)
		)
	]).then(([unread, notifications]) => ({ unread, notifications }));
}

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { viewer } = await parent();
	const now = new Date().toISOString();
	const role: Role = viewer.role;
	const [common, member, coach, company] = await Promise.all([
		commonBlocks(locals.supabase, viewer.id),
		role === 'member' ? memberBlocks(locals.supabase, viewer.id, now) : null,
		role === 'coach' ? coachBlocks(locals.supabase, viewer.id, now) : null,
		role === 'company' ? companyBlocks(locals.supabase, viewer.id, now) : null
	]);
	return {
		common,
		member,
		coach,
		company,
		passwordChanged: url.searchParams.get('password') === 'changed'
	};
};
