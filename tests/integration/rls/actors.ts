// The people the database suites act as: real accounts made with the Auth admin API (email
// confirmed) and signed in with their password, each with their own supabase-js client.
// Auth limits `/token` calls (sign-ins and refreshes) per IP (`[auth.rate_limit] token_refresh`,
// in bursts of at most 30), so the cast is made once per stack and shared by the suites through a file in the temp folder; a
// suite that needs people nobody else touches makes its own with createUser().
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../../src/lib/supabase/database.types.ts';
import { target } from '../support/target.ts';

export type Client = SupabaseClient<Database>;
export type Role = Database['public']['Enums']['user_role'];

export type Actor = {
	/** null for the anonymous visitor and the service role. */
	id: string | null;
	email: string | null;
	accessToken: string | null;
	client: Client;
};

export type User = Actor & { id: string; email: string; accessToken: string };

type Session = {
	id: string;
	email: string;
	accessToken: string;
	refreshToken: string;
	expiresAt: number;
};

export const PASSWORD = 'Mot-de-passe-2026!';

const noSession = {
	auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
};

export function serviceRole(): Client {
	return createClient<Database>(target.apiUrl, target.serviceRoleKey, noSession);
}

export function anonymous(): Actor {
	return {
		id: null,
		email: null,
		accessToken: null,
		client: createClient<Database>(target.apiUrl, target.anonKey, noSession)
	};
}

const RUN = `${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

async function signIn(email: string): Promise<Session & { client: Client }> {
	const client = createClient<Database>(target.apiUrl, target.anonKey, noSession);
	const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
	if (error || !data.session) throw new Error(`signInWithPassword ${email}: ${error?.message}`);
	return {
		client,
		id: data.user.id,
		email,
		accessToken: data.session.access_token,
		refreshToken: data.session.refresh_token,
		expiresAt: data.session.expires_at ?? 0
	};
}

async function createAccount(
	label: string,
	role: Role,
	names: { first_name: string; last_name: string }
) {
	const slug = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
	const email = `${slug}-${RUN}-${randomUUID().slice(0, 4)}@example.com`;
	const { data, error } = await serviceRole().auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { ...names, role }
	});
	if (error || !data.user) throw new Error(`createUser ${label}: ${error?.message}`);
	return email;
}

/** Creates a confirmed account with the given role and signs it in (delete it with deleteUsers). */
export async function createUser(
	label: string,
	role: Role = 'member',
	names: { first_name?: string; last_name?: string } = {}
): Promise<User> {
	const email = await createAccount(label, role, {
		first_name: names.first_name ?? label,
		last_name: names.last_name ?? 'Test'
	});
	const session = await signIn(email);
	return { id: session.id, email, accessToken: session.accessToken, client: session.client };
}

export async function deleteUsers(users: (Actor | undefined)[]): Promise<void> {
	const service = serviceRole();
	for (const user of users) {
		if (user?.id) await service.auth.admin.deleteUser(user.id);
	}
}

/** The shared cast of the database suites. */
export type World = {
	service: Client;
	anonymous: Actor;
	/** A member: owner of private data, member party of coaching. */
	member: User;
	otherMember: User;
	/** A coach: coach party of coaching. */
	coach: User;
	otherCoach: User;
	/** A company account owning `companyId`. */
	companyOwner: User;
	otherCompanyOwner: User;
	companyId: string;
	/** An expertise domain both coaches offer. */
	domainId: string;
};

const CAST = {
	member: ['membre', 'member', 'Camille', 'Martin'],
	otherMember: ['autre-membre', 'member', 'Inès', 'Bernard'],
	coach: ['coach', 'coach', 'Sophie', 'Lefèvre'],
	otherCoach: ['autre-coach', 'coach', 'Marc', 'Dubois'],
	companyOwner: ['entreprise', 'company', 'Julien', 'Moreau'],
	otherCompanyOwner: ['autre-entreprise', 'company', 'Nadia', 'Benali']
} as const;
type CastName = keyof typeof CAST;

type Stored = {
	sessions: Record<CastName, Session>;
	companyId: string;
	domainId: string;
};

const STORE = join(
	tmpdir(),
	`db-suites-${createHash('sha256').update(`${target.apiUrl}|${target.anonKey}`).digest('hex').slice(0, 16)}`
);

function readStore(): Stored | null {
	try {
		return JSON.parse(readFileSync(`${STORE}.json`, 'utf8')) as Stored;
	} catch {
		return null;
	}
}

async function stillThere(stored: Stored): Promise<boolean> {
	const service = serviceRole();
	const user = await service.auth.admin.getUserById(stored.sessions.member.id);
	if (user.error || !user.data.user) return false;
	const company = await service
		.from('companies')
		.select('id')
		.eq('id', stored.companyId)
		.maybeSingle();
	return company.data !== null;
}

async function buildCast(): Promise<Stored> {
	const service = serviceRole();
	const entries = await Promise.all(
		(Object.keys(CAST) as CastName[]).map(async (name) => {
			const [label, role, first_name, last_name] = CAST[name];
			const email = await createAccount(label, role, { first_name, last_name });
			const { client: _client, ...session } = await signIn(email);
			return [name, session] as const;
		})
	);
	const sessions = Object.fromEntries(entries) as Record<CastName, Session>;
	const company = await service
		.from('companies')
		.insert({ owner_id: sessions.companyOwner.id, name: `Atelier ${RUN}` })
		.select('id')
		.single();
	if (company.error) throw new Error(`company: ${company.error.message}`);
	const domain = await service
		.from('expertise_domains')
		.insert({ slug: `test-${RUN}`, name: `Domaine de test ${RUN}` })
		.select('id')
		.single();
	if (domain.error) throw new Error(`domain: ${domain.error.message}`);
	const offer = await service.from('coach_domains').insert([
		{ coach_id: sessions.coach.id, domain_id: domain.data.id },
		{ coach_id: sessions.otherCoach.id, domain_id: domain.data.id }
	]);
	if (offer.error) throw new Error(`coach_domains: ${offer.error.message}`);
	return { sessions, companyId: company.data.id, domainId: domain.data.id };
}

/** A client signed in with a stored session (re-signed in when it is about to expire). */
async function resume(session: Session): Promise<{ session: Session; client: Client }> {
	if (session.expiresAt * 1000 < Date.now() + 10 * 60_000) {
		const { client, ...fresh } = await signIn(session.email);
		return { session: fresh, client };
	}
	const client = createClient<Database>(target.apiUrl, target.anonKey, noSession);
	const { data, error } = await client.auth.setSession({
		access_token: session.accessToken,
		refresh_token: session.refreshToken
	});
	if (error || !data.session) throw new Error(`setSession ${session.email}: ${error?.message}`);
	return { session, client };
}

/** The shared cast: made by the first suite of a run, resumed by the others. */
export async function createWorld(): Promise<World> {
	let stored = readStore();
	if (!stored || !(await stillThere(stored))) stored = await buildCast();
	const people = {} as Record<CastName, User>;
	for (const name of Object.keys(CAST) as CastName[]) {
		const { session, client } = await resume(stored.sessions[name]);
		stored.sessions[name] = session;
		people[name] = {
			id: session.id,
			email: session.email,
			accessToken: session.accessToken,
			client
		};
	}
	writeFileSync(`${STORE}.json`, JSON.stringify(stored));
	return {
		service: serviceRole(),
		anonymous: anonymous(),
		...people,
		companyId: stored.companyId,
		domainId: stored.domainId
	};
}

/** The next number of a counter shared by all suites of the stack (one file at a time). */
function nextSlot(): number {
	const file = `${STORE}.slots`;
	const current = existsSync(file) ? Number(readFileSync(file, 'utf8')) || 0 : 0;
	writeFileSync(file, String(current + 1));
	return current + 1;
}

/** A fresh one-hour slot in the future; slots are three hours apart, so no two overlap. */
export function freshSlot(hours = 1): { starts_at: string; ends_at: string } {
	const start = new Date(Date.now() + 30 * 86_400_000 + nextSlot() * 3 * 3_600_000);
	start.setUTCMinutes(0, 0, 0);
	return {
		starts_at: start.toISOString(),
		ends_at: new Date(start.getTime() + hours * 3_600_000).toISOString()
	};
}

/** A fresh one-hour slot that started in the past (a day ago or earlier). */
export function pastSlot(): { starts_at: string; ends_at: string } {
	const start = new Date(Date.now() - 86_400_000 - nextSlot() * 3 * 3_600_000);
	start.setUTCMinutes(0, 0, 0);
	return {
		starts_at: start.toISOString(),
		ends_at: new Date(start.getTime() + 3_600_000).toISOString()
	};
}

/**
 * A coaching session between the world's member and coach, written as the platform would
 * (service role): its accepted request, the session, and (by trigger) its video session.
 */
export async function createSession(
	world: World,
	options: { past?: boolean; status?: 'planned' | 'completed' } = {}
): Promise<{ requestId: string; sessionId: string; videoSessionId: string }> {
	const { service } = world;
	const { starts_at, ends_at } = options.past ? pastSlot() : freshSlot();
	const request = await service
		.from('coaching_requests')
		.insert({
			member_id: world.member.id,
			coach_id: world.coach.id,
			domain_id: world.domainId,
			desired_at: starts_at,
			status: 'accepted',
			responded_at: new Date().toISOString()
		})
		.select('id')
		.single();
	if (request.error) throw new Error(`request: ${request.error.message}`);
	const completed = options.status === 'completed';
	const session = await service
		.from('coaching_sessions')
		.insert({
			request_id: request.data.id,
			member_id: world.member.id,
			coach_id: world.coach.id,
			starts_at,
			ends_at,
			status: options.status ?? 'planned',
			completed_at: completed ? ends_at : null
		})
		.select('id')
		.single();
	if (session.error) throw new Error(`session: ${session.error.message}`);
	const video = await service
		.from('video_sessions')
		.select('id')
		.eq('coaching_session_id', session.data.id)
		.single();
	if (video.error) throw new Error(`video session: ${video.error.message}`);
	return { requestId: request.data.id, sessionId: session.data.id, videoSessionId: video.data.id };
}
