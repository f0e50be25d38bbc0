// What Row Level Security costs the app's main list queries: on a throwaway local stack loaded
// with a large data set, each query goes through the REST API as a member (RLS applies) and as
// the service role (RLS bypassed) in the same run; prints latency percentiles, the ratio
// (target < 1.5x) and the plan Postgres picks as that member, flagging sequential scans.
import pg from 'pg';
import { signToken } from '../integration/support/jwt.ts';
import { removeDataDir, startStack } from '../integration/support/start-stack.ts';
import { printTable, summary } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const BIG_TABLES = [
	'profiles',
	'messages',
	'coaching_requests',
	'coaching_sessions',
	'video_sessions',
	'notifications',
	'contacts',
	'plans'
];

// The data set: 10k profiles (8k members, 1k coaches, 1k companies), 100k messages, 20k
// requests and sessions (one hour apart, half past, half future) with their video sessions,
// 50k notifications, 40k contacts, 30k plans; member n°1 is a heavy user.
const LOAD = `
set session_replication_role = replica;

create temp table bench_users as
select n, gen_random_uuid() as id,
       case when n <= 8000 then 'member' when n <= 9000 then 'coach' else 'company' end as role
from generate_series(1, 10000) n;
create temp table bench_ids as
select array_agg(id order by n) filter (where role = 'member') as members,
       array_agg(id order by n) filter (where role = 'coach') as coaches,
       array_agg(id order by n) as everyone
from bench_users;

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated',
       'bench' || n || '@example.com', '', now(), '{"provider":"email","providers":["email"]}',
       jsonb_build_object('role', role), now(), now(), '', '', '', ''
from bench_users;

insert into public.profiles (id, first_name, last_name, role, headline, created_at)
select id, 'Prénom' || n, 'Nom' || n, role::public.user_role, 'Entrepreneur n°' || n,
       now() - make_interval(days => n % 700)
from bench_users;

insert into public.coaches (id, bio, hourly_rate, rating_average, rating_count)
select id, 'Coach n°' || n, 50 + n % 100, 1 + (n % 400) / 100.0, n % 40
from bench_users where role = 'coach';

insert into public.expertise_domains (slug, name)
select 'domaine-' || d, 'Domaine ' || d from generate_series(1, 10) d;
insert into public.coach_domains (coach_id, domain_id)
select c.id, d.id
from bench_users c
join (select id, row_number() over (order by slug) as r from public.expertise_domains) d
  on d.r in (1 + c.n % 10, 1 + (c.n + 3) % 10, 1 + (c.n + 7) % 10)
where c.role = 'coach';

insert into public.companies (owner_id, name, sector)
select id, 'Entreprise ' || n, 'Secteur ' || n % 20 from bench_users where role = 'company';

insert into public.messages (sender_id, recipient_id, body, sent_at, read_at)
select sender, recipient, 'Message n°' || k, sent, case when k % 3 = 0 then null else sent + interval '5 minutes' end
from (
  select k,
         b.everyone[1 + (k::bigint * 7919) % 10000] as sender,
         b.everyone[1 + (k::bigint * 104729 + 17) % 10000] as recipient,
         now() - make_interval(mins => k * 5) as sent
  from bench_ids b, generate_series(1, 99700) k
) m
where sender <> recipient;

-- Member n°1: 300 messages with 30 people.
insert into public.messages (sender_id, recipient_id, body, sent_at, read_at)
select case when k % 2 = 0 then b.members[1] else b.everyone[100 + k % 30] end,
       case when k % 2 = 0 then b.everyone[100 + k % 30] else b.members[1] end,
       'Conversation n°' || k, now() - make_interval(mins => k * 17),
       case when k % 5 = 0 then null else now() end
from bench_ids b, generate_series(1, 300) k;

insert into public.coaching_requests (id, member_id, coach_id, domain_id, desired_at, status, responded_at, created_at)
select gen_random_uuid(),
       case when k % 500 = 0 then b.members[1] else b.members[1 + (k * 7919) % 8000] end,
       b.coaches[1 + k % 1000],
       (select id from public.expertise_domains order by slug limit 1),
       now() - interval '10000 hours' + make_interval(hours => k), 'accepted', now(), now()
from bench_ids b, generate_series(1, 20000) k;

insert into public.coaching_sessions (request_id, member_id, coach_id, starts_at, ends_at, status, completed_at)
select r.id, r.member_id, r.coach_id, r.desired_at, r.desired_at + interval '1 hour',
       case when r.desired_at < now() then 'completed' else 'planned' end::public.coaching_session_status,
       case when r.desired_at < now() then r.desired_at + interval '1 hour' end
from public.coaching_requests r;

insert into public.video_sessions (coaching_session_id, room_name, starts_at, ends_at, status)
select id, 'coaching-' || id, starts_at, ends_at,
       case when status = 'planned' then 'scheduled' else 'ended' end::public.video_session_status
from public.coaching_sessions;

insert into public.notifications (user_id, kind, title, body, link, created_at, seen_at)
select case when k <= 200 then b.members[1] else b.everyone[1 + (k * 31) % 10000] end,
       'system', 'Notification n°' || k, 'Texte', '/account', now() - make_interval(mins => k),
       case when k % 4 = 0 then null else now() end
from bench_ids b, generate_series(1, 50000) k;

insert into public.contacts (owner_id, first_name, last_name, email)
select case when k <= 60 then b.members[1] else b.members[1 + (k * 13) % 8000] end,
       'Prénom' || k, 'Nom' || (k % 977), 'contact' || k || '@example.com'
from bench_ids b, generate_series(1, 40000) k;

insert into public.plans (owner_id, title, starts_at, duration_minutes, reminder_minutes_before)
select case when k <= 20 then b.members[1] else b.members[1 + (k * 11) % 8000] end,
       'Rendez-vous ' || k, now() + make_interval(hours => k % 2000 - 1000), 60,
       case when k % 2 = 0 then 30 end
from bench_ids b, generate_series(1, 30000) k;

set session_replication_role = origin;
analyze;
select (select members[1] from bench_ids) as member,
       (select everyone[101] from bench_ids) as counterpart;
`;

type Query = {
	name: string;
	path: (me: string, other: string) => string;
	/** The same query in SQL; $1 is the member, $2 the counterpart. */
	sql: string;
};

// Each list query as supabase-js sends it, and the SQL PostgREST runs for it.
const QUERIES: Query[] = [
	{
		name: 'conversations',
		path: (me) => `conversations?select=*&profile_id=eq.${me}&order=last_message_at.desc&limit=20`,
		sql: `select * from public.conversations where profile_id = $1 order by last_message_at desc limit 20`
	},
	{
		name: 'messages of a conversation',
		path: (me, other) =>
			`messages?select=*&or=(and(sender_id.eq.${me},recipient_id.eq.${other}),and(sender_id.eq.${other},recipient_id.eq.${me}))&order=sent_at.desc&limit=50`,
		sql: `select * from public.messages where (sender_id = $1 and recipient_id = $2) or (sender_id = $2 and recipient_id = $1) order by sent_at desc limit 50`
	},
	{
		name: 'my sessions',
		path: (me) =>
			`coaching_sessions?select=*,video_sessions(id,status)&member_id=eq.${me}&order=starts_at.desc&limit=20`,
		sql: `select s.*, (select row(v.id, v.status) from public.video_sessions v where v.coaching_session_id = s.id) from public.coaching_sessions s where s.member_id = $1 order by s.starts_at desc limit 20`
	},
	{
		name: 'notifications',
		path: (me) => `notifications?select=*&user_id=eq.${me}&order=created_at.desc&limit=20`,
		sql: `select * from public.notifications where user_id = $1 order by created_at desc limit 20`
	},
	{
		name: 'contacts',
		path: (me) => `contacts?select=*&owner_id=eq.${me}&order=last_name.asc,first_name.asc&limit=50`,
		sql: `select * from public.contacts where owner_id = $1 order by last_name, first_name limit 50`
	},
	{
		name: 'coach directory',
		path: () => `coach_directory?select=*&order=rating_average.desc.nullslast&limit=20`,
		sql: `select * from public.coach_directory order by rating_average desc nulls last limit 20`
	}
];

type PlanNode = {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	Plans?: PlanNode[];
};

function walkPlan(node: PlanNode, visit: (node: PlanNode) => void) {
	visit(node);
	for (const child of node.Plans ?? []) walkPlan(child, visit);
}

async function main() {
	const stack = await startStack({ fresh: true, seed: false, mailPort: 0 });
	try {
		const adminUrl = new URL(stack.dbUrl);
		adminUrl.username = 'supabase_admin';
		const admin = new pg.Client({ connectionString: adminUrl.toString() });
		admin.on('error', () => undefined);
		await admin.connect();
		console.log('Loading the data set...');
		const loadStarted = performance.now();
		const loaded = await admin.query(LOAD);
		const ids = (Array.isArray(loaded) ? loaded[loaded.length - 1] : loaded).rows[0] as {
			member: string;
			counterpart: string;
		};
		console.log(`Loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s.`);
		const counts = await admin.query(
			`select ${BIG_TABLES.map((t) => `(select count(*) from public.${t}) as ${t}`).join(', ')}`
		);
		printTable('Data set (rows)', Object.keys(counts.rows[0]), [Object.values(counts.rows[0])]);

		const now = Math.floor(Date.now() / 1000);
		const memberToken = signToken(
			{ sub: ids.member, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600 },
			stack.jwtSecret
		);
		const as = {
			member: { apikey: stack.anonKey, Authorization: `Bearer ${memberToken}` },
			service: { apikey: stack.serviceRoleKey, Authorization: `Bearer ${stack.serviceRoleKey}` }
		};

		const probe = await fetch(`${stack.apiUrl}/rest/v1/profiles?select=id&limit=1`, {
			headers: as.service
		});
		const restAvailable = probe.status !== 404;
		if (!restAvailable) {
			console.log('\nThe local stack serves no /rest/v1 yet: latencies skipped, plans below.');
		} else {
			const rows: (string | number)[][] = [];
			for (const query of QUERIES) {
				const url = `${stack.apiUrl}/rest/v1/${query.path(ids.member, ids.counterpart)}`;
				const time = async (headers: Record<string, string>) => {
					const started = performance.now();
					const response = await fetch(url, { headers });
					const body = (await response.json()) as unknown[];
					if (!response.ok)
						throw new Error(`${query.name}: ${response.status} ${JSON.stringify(body)}`);
					return { ms: performance.now() - started, rows: body.length };
				};
				for (let i = 0; i < WARMUP; i++) await Promise.all([time(as.member), time(as.service)]);
				const member: number[] = [];
				const service: number[] = [];
				let returned = { member: 0, service: 0 };
				for (let i = 0; i < RUNS; i++) {
					// Alternate who goes first so neither side always finds warmer caches.
					const order =
						i % 2 === 0 ? (['member', 'service'] as const) : (['service', 'member'] as const);
					for (const who of order) {
						const result = await time(as[who]);
						(who === 'member' ? member : service).push(result.ms);
						returned = { ...returned, [who]: result.rows };
					}
				}
				const m = summary(member);
				const s = summary(service);
				rows.push([query.name, returned.member, m.p50, m.p95, s.p50, s.p95, m.p50 / s.p50]);
			}
			printTable(
				`REST latency, member (RLS) vs service role, ${RUNS} runs each (ms)`,
				['query', 'rows', 'RLS p50', 'RLS p95', 'service p50', 'service p95', 'ratio p50'],
				rows
			);
		}

		// Plans as the member: role and claims set the way PostgREST sets them.
		const owner = new pg.Client({ connectionString: stack.dbUrl });
		owner.on('error', () => undefined);
		await owner.connect();
		const planRows: string[][] = [];
		for (const query of QUERIES) {
			await owner.query('begin');
			await owner.query(
				`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
				[JSON.stringify({ sub: ids.member, role: 'authenticated' })]
			);
			const params = [ids.member, ids.counterpart].filter((_, i) =>
				query.sql.includes(`$${i + 1}`)
			);
			const explained = await owner.query(`explain (format json) ${query.sql}`, params);
			const text = await owner.query(`explain ${query.sql}`, params);
			await owner.query('rollback');
			const plan = (explained.rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
			const indexes = new Set<string>();
			const seqScans = new Set<string>();
			walkPlan(plan, (node) => {
				if (node['Index Name']) indexes.add(node['Index Name']);
				if (node['Node Type'] === 'Seq Scan' && node['Relation Name'])
					seqScans.add(node['Relation Name']);
			});
			const bigSeqScans = [...seqScans].filter((table) => BIG_TABLES.includes(table));
			planRows.push([
				query.name,
				[...indexes].join(', ') || '-',
				[...seqScans].join(', ') || '-',
				bigSeqScans.length ? `SEQ SCAN on ${bigSeqScans.join(', ')}` : 'ok'
			]);
			console.log(
				`\n-- ${query.name} (as the member)\n${text.rows.map((row) => row['QUERY PLAN']).join('\n')}`
			);
		}
		printTable(
			'Plans as the member',
			['query', 'indexes used', 'seq scans', 'big tables'],
			planRows
		);
		await owner.end();
		await admin.end();
	} finally {
		await stack.stop();
		removeDataDir(stack.dataDir);
	}
}

await main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
