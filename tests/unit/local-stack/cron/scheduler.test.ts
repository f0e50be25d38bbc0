import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCronScheduler } from '../../../../local-stack/cron/scheduler.ts';
import type { Pools } from '../../../../local-stack/postgres/pools.ts';

type Job = { jobid: string; schedule: string; command: string; database: string; username: string };

/** Pools that answer the scheduler's bookkeeping queries and run job commands in memory. */
function fakePools(options: {
	standin?: boolean;
	jobs: Job[];
	run?: (command: string) => Promise<{ command: string; rowCount: number }>;
}) {
	const runs: { jobid: string; status: string; message: string | null }[] = [];
	const connections: { role: string; statements: string[] }[] = [];
	let running = 0;
	let maxRunning = 0;
	const admin = {
		async query(sql: string, params: unknown[] = []) {
			if (sql.includes('as standin')) return { rows: [{ standin: options.standin ?? true }] };
			if (sql.includes('from cron.job where active')) return { rows: options.jobs };
			if (sql.includes('insert into cron.job_run_details')) {
				runs.push({ jobid: String(params[0]), status: 'starting', message: null });
				return { rows: [{ runid: String(runs.length) }] };
			}
			if (sql.includes("set status = 'running'")) {
				runs[Number(params[0]) - 1].status = 'running';
				return { rows: [] };
			}
			if (sql.includes('set status = $2')) {
				runs[Number(params[0]) - 1].status = String(params[1]);
				runs[Number(params[0]) - 1].message = String(params[2]);
				return { rows: [] };
			}
			throw new Error(`unexpected query: ${sql}`);
		}
	};
	const pools = {
		admin,
		async connect(role: string) {
			const connection = { role, statements: [] as string[] };
			connections.push(connection);
			return {
				async query(sql: string) {
					connection.statements.push(sql);
					if (sql === 'select pg_backend_pid() as pid') return { rows: [{ pid: 4242 }] };
					if (sql.startsWith('set role')) return { command: 'SET', rowCount: null };
					running++;
					maxRunning = Math.max(maxRunning, running);
					try {
						return await (options.run?.(sql) ??
							Promise.resolve({ command: 'SELECT', rowCount: 1 }));
					} finally {
						running--;
					}
				},
				async end() {}
			};
		}
	} as unknown as Pools;
	return { pools, runs, connections, maxRunning: () => maxRunning };
}

const job = (schedule: string, extra: Partial<Job> = {}): Job => ({
	jobid: '1',
	schedule,
	command: 'select private.dispatch_due_reminders()',
	database: 'postgres',
	username: 'postgres',
	...extra
});

describe('the pg_cron stand-in scheduler', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.setSystemTime(new Date('2026-09-01T12:00:30Z'));
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('stays idle on a database with the real pg_cron', async () => {
		const fake = fakePools({ standin: false, jobs: [job('* * * * *')] });
		const scheduler = await startCronScheduler({ pools: fake.pools, log: () => undefined });
		expect(scheduler.active).toBe(false);
		await vi.advanceTimersByTimeAsync(120_000);
		expect(fake.runs).toEqual([]);
	});

	it('runs a minute schedule once at the start of each minute, and records it', async () => {
		const fake = fakePools({ jobs: [job('* * * * *')] });
		const scheduler = await startCronScheduler({ pools: fake.pools, log: () => undefined });
		await vi.advanceTimersByTimeAsync(29_000);
		expect(fake.runs).toEqual([]);
		await vi.advanceTimersByTimeAsync(3_000);
		expect(fake.runs).toEqual([{ jobid: '1', status: 'succeeded', message: '1 row' }]);
		await vi.advanceTimersByTimeAsync(55_000);
		expect(fake.runs).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(5_000);
		expect(fake.runs).toHaveLength(2);
		await scheduler.stop();
	});

	it('runs each job as its role', async () => {
		const fake = fakePools({
			jobs: [job('* * * * *'), job('* * * * *', { jobid: '2', username: 'cron_reporter' })]
		});
		const scheduler = await startCronScheduler({ pools: fake.pools, log: () => undefined });
		await vi.advanceTimersByTimeAsync(31_000);
		await scheduler.stop();
		expect(fake.connections.map((c) => c.role).sort()).toEqual(['postgres', 'supabase_admin']);
		const impersonated = fake.connections.find((c) => c.role === 'supabase_admin');
		expect(impersonated?.statements[0]).toBe('set role "cron_reporter"');
	});

	it('runs interval jobs every N seconds without overlapping runs of the same job', async () => {
		const fake = fakePools({
			jobs: [job('2 seconds')],
			run: () =>
				new Promise((done) => setTimeout(() => done({ command: 'SELECT', rowCount: 0 }), 5_000))
		});
		const scheduler = await startCronScheduler({ pools: fake.pools, log: () => undefined });
		await vi.advanceTimersByTimeAsync(20_000);
		// stop() waits for the run in progress, which ends on the fake clock.
		const stopping = scheduler.stop();
		await vi.advanceTimersByTimeAsync(5_000);
		await stopping;
		expect(fake.maxRunning()).toBe(1);
		expect(fake.runs.length).toBeGreaterThanOrEqual(3);
		expect(fake.runs.every((run) => run.status === 'succeeded' && run.message === '0 rows')).toBe(
			true
		);
	});

	it('records a failing command with its error message', async () => {
		const fake = fakePools({
			jobs: [job('1 second')],
			run: () => Promise.reject(new Error('relation "nope" does not exist'))
		});
		const scheduler = await startCronScheduler({ pools: fake.pools, log: () => undefined });
		await vi.advanceTimersByTimeAsync(1_500);
		await scheduler.stop();
		expect(fake.runs[0]).toEqual({
			jobid: '1',
			status: 'failed',
			message: 'relation "nope" does not exist'
		});
	});

	it('skips schedules it cannot parse instead of stopping', async () => {
		const fake = fakePools({ jobs: [job('every minute'), job('* * * * *', { jobid: '2' })] });
		const scheduler = await startCronScheduler({ pools: fake.pools, log: () => undefined });
		await vi.advanceTimersByTimeAsync(31_000);
		await scheduler.stop();
		expect(fake.runs.map((run) => run.jobid)).toEqual(['2']);
	});
});
