// Realtime latency through the local stack's /realtime/v1 with real supabase-js clients over
// loopback: client broadcast send → receive with 1, 50 and 200 subscribers on one topic, and
// Broadcast from Database commit → receive under a steady insert rate (plus postgres_changes,
// for information). Prints percentiles next to Supabase's published figures; never fails on time.
import { createClient } from '@supabase/supabase-js';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { resolve } from 'node:path';
import pg from 'pg';
import { startFixtureStack } from '../integration/support/fixture-stack.ts';
import { userToken } from '../integration/support/jwt.ts';
import { printTable, summary } from './stats.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 20);
const DB_RATE = Number(process.env.BENCH_DB_RATE ?? 50);
const FIXTURE = resolve(import.meta.dirname, '..', 'integration', 'realtime', 'fixture');

const stack = await startFixtureStack(FIXTURE);
const clients: SupabaseClient[] = [];
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function subscribe(
	client: SupabaseClient,
	topic: string,
	setup: (channel: RealtimeChannel) => void,
	config = {}
) {
	await client.realtime.setAuth();
	const channel = client.channel(topic, { config });
	setup(channel);
	await new Promise<void>((done, fail) =>
		channel.subscribe((status, error) => {
			if (status === 'SUBSCRIBED') done();
			else if (status !== 'CLOSED') fail(error ?? new Error(status));
		})
	);
	return channel;
}

function newClient(token?: string) {
	const client = createClient(stack.apiUrl, stack.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		...(token ? { accessToken: async () => token } : {})
	});
	clients.push(client);
	return client;
}

/** n subscribers on one public topic, one sender; latency of every delivery. */
async function broadcastLatency(subscribers: number): Promise<number[]> {
	const topic = `bench-${subscribers}`;
	const samples: number[] = [];
	let measuring = false;
	for (let i = 0; i < subscribers; i++) {
		await subscribe(newClient(), topic, (channel) =>
			channel.on('broadcast', { event: 'tick' }, ({ payload }) => {
				if (measuring) samples.push(performance.now() - (payload as { sentAt: number }).sentAt);
			})
		);
	}
	const sender = await subscribe(newClient(), topic, () => undefined);
	const send = () =>
		sender.send({ type: 'broadcast', event: 'tick', payload: { sentAt: performance.now() } });
	for (let i = 0; i < 20; i++) {
		await send();
		await sleep(INTERVAL_MS);
	}
	await sleep(200);
	measuring = true;
	for (let i = 0; i < MESSAGES; i++) {
		await send();
		await sleep(INTERVAL_MS);
	}
	await sleep(500);
	measuring = false;
	if (samples.length !== MESSAGES * subscribers)
		console.log(
			`  note: ${samples.length} of ${MESSAGES * subscribers} deliveries measured for ${subscribers}`
		);
	for (const client of clients.splice(0)) await client.removeAllChannels();
	return samples;
}

/** Letters inserted at DB_RATE/s, each broadcast by its trigger through realtime.send. */
async function databaseLatency() {
	const user = userToken(stack.jwtSecret);
	const sentAt = new Map<number, { start: number; committed: number }>();
	// A broadcast can arrive before this process has read the insert's acknowledgement.
	const arrivedAt = new Map<number, number>();
	const changes: number[] = [];
	await subscribe(
		newClient(user.token),
		`inbox:${user.sub}`,
		(channel) =>
			channel.on('broadcast', { event: 'letter' }, ({ payload }) => {
				arrivedAt.set((payload as { seq: number }).seq, performance.now());
			}),
		{ private: true }
	);
	await subscribe(newClient(user.token), `changes-${user.sub}`, (channel) =>
		channel.on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'notes' }, () => {
			const sent = noteSentAt.shift();
			if (sent !== undefined) changes.push(performance.now() - sent);
		})
	);
	const noteSentAt: number[] = [];
	await sleep(300);
	const db = new pg.Client({ connectionString: stack.dbUrl });
	await db.connect();
	try {
		const period = 1000 / DB_RATE;
		const begin = performance.now();
		for (let seq = 1; seq <= MESSAGES; seq++) {
			const start = performance.now();
			await db.query('insert into public.letters (recipient_id, body, seq) values ($1, $2, $3)', [
				user.sub,
				'bench',
				seq
			]);
			sentAt.set(seq, { start, committed: performance.now() });
			// A steady rate: wait for the next slot, whatever the insert took.
			const next = begin + seq * period;
			await sleep(Math.max(0, next - performance.now()));
		}
		for (let i = 0; i < 50; i++) {
			const start = performance.now();
			await db.query('insert into public.notes (owner_id, body) values ($1, $2)', [
				user.sub,
				'bench'
			]);
			noteSentAt.push(start);
			await sleep(period);
		}
		await sleep(1_000);
	} finally {
		await db.end();
	}
	for (const client of clients.splice(0)) await client.removeAllChannels();
	const afterCommit: number[] = [];
	const fromStart: number[] = [];
	for (const [seq, sent] of sentAt) {
		const arrived = arrivedAt.get(seq);
		if (arrived === undefined) continue;
		// Arrived before the acknowledgement was read: counted as 0 after commit.
		afterCommit.push(Math.max(0, arrived - sent.committed));
		fromStart.push(arrived - sent.start);
	}
	if (afterCommit.length !== MESSAGES)
		console.log(`  note: ${afterCommit.length} of ${MESSAGES} letters arrived`);
	return { afterCommit, fromStart, changes };
}

const published = (label: string, p50: number, p95: number, p99: number) => [
	label,
	'-',
	p50,
	p95,
	p99,
	'-'
];
const row = (label: string, samples: number[]) => {
	const s = summary(samples);
	return [label, s.n, s.p50, s.p95, s.p99, s.max];
};

try {
	const one = await broadcastLatency(1);
	const fifty = await broadcastLatency(50);
	const twoHundred = await broadcastLatency(200);
	const database = await databaseLatency();

	printTable(
		`Broadcast, client send → receive, ${MESSAGES} messages every ${INTERVAL_MS} ms (ms)`,
		['subscribers', 'n', 'p50', 'p95', 'p99', 'max'],
		[
			row('1', one),
			row('50', fifty),
			row('200 (target p50 < 5, p99 < 50)', twoHundred),
			published('Supabase published', 6, 28, 213)
		]
	);
	printTable(
		`Broadcast from Database, ${MESSAGES} inserts at ${DB_RATE}/s, realtime.send in a trigger (ms)`,
		['measured from', 'n', 'p50', 'p95', 'p99', 'max'],
		[
			row('commit acknowledged (target p50 < 20, p99 < 100)', database.afterCommit),
			row('insert sent (upper bound)', database.fromStart),
			published('Supabase published', 46, 132, 159)
		]
	);
	printTable(
		'postgres_changes, insert sent → receive, RLS checked per change (ms, no target)',
		['table', 'n', 'p50', 'p95', 'p99', 'max'],
		[row('notes (RLS on)', database.changes)]
	);
} finally {
	for (const client of clients) await client.removeAllChannels();
	await stack.close();
}
