// What the REST service costs over Postgres itself: on a throwaway local stack of the app's
// project (seed + a few thousand more rows), four representative requests as a member under RLS
// — a filtered list, an embedded join, an insert, an RPC — through /rest/v1, and the very same
// statement (built by the REST pipeline from the same request) run directly as authenticator in
// a transaction with the same role, claims and settings, in the same run. Prints median / p99
// latency, requests per second (sequential and 8 at a time) and the p50 ratio; the target is a
// ratio under 2x for the embedded join. Never fails on timing.
import pg from 'pg';
import { signToken } from '../integration/support/jwt.ts';
import { removeDataDir, startStack } from '../integration/support/start-stack.ts';
import { withRequestScope } from '../../local-stack/postgres/request-scope.ts';
import { crudPlan } from '../../local-stack/rest/plan/action-plan.ts';
import { loadSchemaCache } from '../../local-stack/rest/plan/schema-cache.ts';
import type { SchemaCache } from '../../local-stack/rest/plan/schema-cache.ts';
import { parseRequest, readPreferences } from '../../local-stack/rest/parse/request.ts';
import { quoteIdent, render } from '../../local-stack/rest/sql/fragment.ts';
import { buildStatement } from '../../local-stack/rest/sql/statement.ts';
import { printTable, summary } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const WARMUP = 30;
const CONCURRENCY = 8;
const MEMBER = '10000000-0000-4000-8000-000000000001';

// More rows than the seed has, so that the SQL does some work: the member's contacts and
// coaching requests (triggers off: this is data, not behaviour).
const LOAD = `
set session_replication_role = replica;
insert into public.contacts (owner_id, first_name, last_name, email, company_name)
select p.id, 'Prénom ' || n, 'Nom ' || (n % 997), 'contact' || n || '@example.com', 'Société ' || (n % 50)
from public.profiles p, generate_series(1, 300) n;
insert into public.coaching_requests (member_id, coach_id, domain_id, desired_at, message)
select '${MEMBER}', c.id, d.id, now() + make_interval(hours => n), 'Demande n°' || n
from generate_series(1, 40) n
cross join lateral (select id from public.coaches where id <> '${MEMBER}' order by id offset (n % 3) limit 1) c
cross join lateral (select id from public.expertise_domains order by id offset (n % 5) limit 1) d;
set session_replication_role = origin;
analyze;
`;

type Case = {
	name: string;
	method: string;
	path: string;
	body?: unknown;
	prefer?: string;
};

const CASES: Case[] = [
	{
		name: 'list with filter',
		method: 'GET',
		path: '/contacts?select=id,first_name,last_name,email&last_name=ilike.*9*&order=last_name,first_name&limit=50'
	},
	{
		name: 'embedded join',
		method: 'GET',
		path: '/coaching_requests?select=id,status,desired_at,coach:coaches(hourly_rate,profiles(first_name,last_name)),expertise_domains(name)&order=desired_at.desc&limit=20'
	},
	{
		name: 'insert',
		method: 'POST',
		path: '/contacts',
		body: { owner_id: MEMBER, first_name: 'Bench', last_name: 'Mark' },
		prefer: 'return=minimal'
	},
	{ name: 'rpc', method: 'POST', path: '/rpc/mark_notifications_seen', body: {} }
];

async function main() {
	const stack = await startStack({ fresh: true, mailPort: 0 });
	const adminUrl = new URL(stack.dbUrl);
	adminUrl.username = 'supabase_admin';
	const admin = new pg.Client({ connectionString: adminUrl.toString() });
	const authUrl = new URL(stack.dbUrl);
	authUrl.username = 'authenticator';
	const pool = new pg.Pool({ connectionString: authUrl.toString(), max: CONCURRENCY });
	pool.on('error', () => undefined);
	try {
		await admin.connect();
		await admin.query(LOAD);
		const now = Math.floor(Date.now() / 1000);
		const claims = {
			sub: MEMBER,
			role: 'authenticated',
			aud: 'authenticated',
			iat: now,
			exp: now + 7200
		};
		const token = signToken(claims, stack.jwtSecret);
		const headers = { apikey: stack.anonKey, Authorization: `Bearer ${token}` };

		const cacheClient = await pool.connect();
		let cache: SchemaCache;
		try {
			cache = await loadSchemaCache(cacheClient, {
				schemas: ['public', 'graphql_public'],
				extraSearchPath: ['public', 'extensions']
			});
		} finally {
			cacheClient.release();
		}
		const roleSettings = cache.roleSettings.get('authenticated') ?? [];

		const rows: (string | number)[][] = [];
		for (const c of CASES) {
			const body = c.body === undefined ? undefined : JSON.stringify(c.body);
			const requestHeaders: Record<string, string> = {
				...headers,
				...(body ? { 'Content-Type': 'application/json' } : {}),
				...(c.prefer ? { Prefer: c.prefer } : {})
			};
			const url = `${stack.apiUrl}/rest/v1${c.path}`;
			const viaRest = async () => {
				const response = await fetch(url, { method: c.method, headers: requestHeaders, body });
				const text = await response.text();
				if (!response.ok) throw new Error(`${c.name}: ${response.status} ${text}`);
			};

			// The statement the REST pipeline builds for this very request.
			const [path, query = ''] = c.path.split('?');
			const input = {
				method: c.method,
				path,
				query,
				headers: Object.fromEntries(
					Object.entries(requestHeaders).map(([k, v]) => [k.toLowerCase(), v])
				),
				body: Buffer.from(body ?? '')
			};
			const config = {
				schemas: ['public', 'graphql_public'],
				timezones: cache.timezones,
				allowTxOverride: false
			};
			const request = parseRequest(input, config, readPreferences(input, config));
			const plan = crudPlan(cache, request, {
				maxRows: 1000,
				aggregatesEnabled: false,
				planEnabled: false
			});
			const statement = render(
				buildStatement(plan, { count: null, headersOnly: false, maxRows: 1000 }).main
			);
			const scope = {
				role: 'authenticated',
				claims,
				headers: request.headers,
				method: request.method,
				path: request.path,
				settings: {
					search_path: ['public', 'public', 'extensions'].map(quoteIdent).join(', '),
					...Object.fromEntries(roleSettings)
				},
				readOnly: plan.readOnly
			};
			const direct = () =>
				withRequestScope(pool, scope, (client) =>
					client.query({ text: statement.text, values: statement.values, rowMode: 'array' })
				);

			for (let i = 0; i < WARMUP; i++) {
				await viaRest();
				await direct();
			}
			const restMs: number[] = [];
			const directMs: number[] = [];
			for (let i = 0; i < RUNS; i++) {
				// Alternate which side goes first so neither always finds the warmer cache.
				for (const side of i % 2 === 0 ? ['rest', 'direct'] : ['direct', 'rest']) {
					const started = performance.now();
					await (side === 'rest' ? viaRest() : direct());
					(side === 'rest' ? restMs : directMs).push(performance.now() - started);
				}
			}
			const throughput = async (work: () => Promise<unknown>) => {
				let done = 0;
				const started = performance.now();
				await Promise.all(
					Array.from({ length: CONCURRENCY }, async () => {
						while (done < RUNS) {
							done++;
							await work();
						}
					})
				);
				return (done / (performance.now() - started)) * 1000;
			};
			const restRps = await throughput(viaRest);
			const directRps = await throughput(direct);
			const r = summary(restMs);
			const d = summary(directMs);
			rows.push([
				c.name,
				r.p50,
				r.p99,
				1000 / (restMs.reduce((a, b) => a + b, 0) / restMs.length),
				restRps,
				d.p50,
				d.p99,
				directRps,
				`${(r.p50 / d.p50).toFixed(2)}x`
			]);
		}
		printTable(
			`REST vs the same SQL in Postgres, as a member under RLS, ${RUNS} runs each (ms; req/s sequential and ${CONCURRENCY} at a time)`,
			[
				'request',
				'REST p50',
				'REST p99',
				'REST req/s',
				`REST req/s x${CONCURRENCY}`,
				'SQL p50',
				'SQL p99',
				`SQL req/s x${CONCURRENCY}`,
				'ratio p50'
			],
			rows
		);
		const join = rows.find((row) => row[0] === 'embedded join');
		console.log(`\nEmbedded join overhead at p50: ${join?.[8]} (target: under 2x).`);
	} finally {
		await pool.end().catch(() => undefined);
		await admin.end().catch(() => undefined);
		await stack.stop();
		removeDataDir(stack.dataDir);
	}
}

await main();
