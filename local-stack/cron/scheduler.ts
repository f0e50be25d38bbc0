// Runs the jobs of the pg_cron stand-in (bootstrap/06-cron.sql) like pg_cron's background worker:
// cron schedules at the start of each due UTC minute, 'N seconds' intervals, @reboot once; each
// run as the job's `username`, recorded in cron.job_run_details (starting → running →
// succeeded/failed); at most one run of a job at a time, one more queued behind it.
import type pg from 'pg';
import type { LoginRole, Pools } from '../postgres/pools.ts';
import { CronScheduleError, isDue, parseSchedule } from './schedule.ts';
import type { CronSchedule } from './schedule.ts';

export type CronScheduler = {
	/** False when the database has the real pg_cron (or no cron at all): nothing to run. */
	active: boolean;
	stop(): Promise<void>;
};

type Job = {
	jobid: string;
	schedule: string;
	command: string;
	database: string;
	username: string;
};

type JobState = { running: Promise<void> | null; queued: boolean; lastStart: number };

const LOGIN_ROLES: readonly LoginRole[] = [
	'supabase_admin',
	'postgres',
	'authenticator',
	'supabase_auth_admin',
	'supabase_storage_admin',
	'supabase_realtime_admin'
];

const MINUTE = 60_000;

export async function startCronScheduler(options: {
	pools: Pools;
	log: (line: string) => void;
	now?: () => number;
}): Promise<CronScheduler> {
	const { pools, log } = options;
	const now = options.now ?? Date.now;
	const { rows } = await pools.admin.query<{ standin: boolean }>(
		`select to_regnamespace('_local_cron') is not null
		   and to_regclass('cron.job') is not null
		   and not exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron') as standin`
	);
	if (!rows[0]?.standin) return { active: false, stop: async () => undefined };

	const states = new Map<string, JobState>();
	const parsed = new Map<string, CronSchedule | null>();
	let lastMinute = Math.floor(now() / MINUTE);
	let booted = false;
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	let ticking: Promise<void> = Promise.resolve();

	const scheduleOf = (text: string): CronSchedule | null => {
		if (!parsed.has(text)) {
			try {
				parsed.set(text, parseSchedule(text));
			} catch (error) {
				if (!(error instanceof CronScheduleError)) throw error;
				parsed.set(text, null);
			}
		}
		return parsed.get(text) ?? null;
	};

	const launch = (job: Job) => {
		if (stopped) return;
		const state = states.get(job.jobid) ?? { running: null, queued: false, lastStart: 0 };
		states.set(job.jobid, state);
		if (state.running) {
			state.queued = true;
			return;
		}
		state.lastStart = now();
		state.running = runJob(pools, job)
			.catch((error: Error) => log(`cron: job ${job.jobid} could not run: ${error.message}`))
			.finally(() => {
				state.running = null;
				if (state.queued && !stopped) {
					state.queued = false;
					launch(job);
				}
			});
	};

	const tick = async () => {
		const current = now();
		const minute = Math.floor(current / MINUTE);
		const { rows: jobs } = await pools.admin.query<Job>(
			'select jobid, schedule, command, database, username from cron.job where active order by jobid'
		);
		for (const job of jobs) {
			const schedule = scheduleOf(job.schedule);
			if (!schedule) continue;
			if (schedule.kind === 'reboot') {
				if (!booted) launch(job);
			} else if (schedule.kind === 'interval') {
				const state = states.get(job.jobid);
				if (!state || current - state.lastStart >= schedule.seconds * 1000 - 500) launch(job);
			} else if (minute > lastMinute && isDue(schedule, new Date(minute * MINUTE))) {
				launch(job);
			}
		}
		booted = true;
		lastMinute = minute;
	};

	const loop = () => {
		if (stopped) return;
		ticking = tick()
			.catch((error: Error) => log(`cron: ${error.message}`))
			.finally(() => {
				if (stopped) return;
				// Wake up at the next whole second, so minute schedules start on time.
				timer = setTimeout(loop, 1000 - (now() % 1000) + 5);
			});
	};
	loop();

	return {
		active: true,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await ticking;
			await Promise.all([...states.values()].map((state) => state.running));
		}
	};
}

/** One run of a job, on its own connection as the job's role, recorded like pg_cron does. */
async function runJob(pools: Pools, job: Job): Promise<void> {
	const { rows } = await pools.admin.query<{ runid: string }>(
		`insert into cron.job_run_details (jobid, database, username, command, status, start_time)
		 values ($1, $2, $3, $4, 'starting', now()) returning runid`,
		[job.jobid, job.database, job.username, job.command]
	);
	const runid = rows[0].runid;
	const finish = (status: 'succeeded' | 'failed', message: string) =>
		pools.admin.query(
			`update cron.job_run_details set status = $2, return_message = $3, end_time = now()
			 where runid = $1`,
			[runid, status, message]
		);

	if (job.database !== 'postgres') {
		await finish('failed', `connection failed: database "${job.database}" does not exist`);
		return;
	}
	let client: pg.Client;
	try {
		client = await connectAs(pools, job.username);
	} catch (error) {
		await finish('failed', `connection failed: ${(error as Error).message}`);
		return;
	}
	try {
		const pid = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
		await pools.admin.query(
			`update cron.job_run_details set status = 'running', job_pid = $2 where runid = $1`,
			[runid, pid.rows[0].pid]
		);
		const result = await client.query(job.command);
		const last = Array.isArray(result) ? result[result.length - 1] : result;
		await finish('succeeded', commandTag(last));
	} catch (error) {
		await finish('failed', (error as Error).message);
	} finally {
		await client.end().catch(() => undefined);
	}
}

async function connectAs(pools: Pools, username: string): Promise<pg.Client> {
	if ((LOGIN_ROLES as readonly string[]).includes(username)) {
		return pools.connect(username as LoginRole, { application_name: 'pg_cron' });
	}
	// Any other role: the superuser connection takes it on, as pg_cron would log in as it.
	const client = await pools.connect('supabase_admin', { application_name: 'pg_cron' });
	try {
		await client.query(`set role "${username.replaceAll('"', '""')}"`);
	} catch (error) {
		await client.end().catch(() => undefined);
		throw error;
	}
	return client;
}

/** What pg_cron stores as return_message: "N rows" for queries, else the command tag. */
function commandTag(result: pg.QueryResult | undefined): string {
	if (!result?.command) return '';
	const count = result.rowCount ?? 0;
	if (result.command === 'SELECT') return `${count} row${count === 1 ? '' : 's'}`;
	if (result.command === 'INSERT') return `INSERT 0 ${count}`;
	if (['UPDATE', 'DELETE', 'MERGE', 'COPY', 'MOVE', 'FETCH'].includes(result.command)) {
		return `${result.command} ${count}`;
	}
	return result.command;
}
