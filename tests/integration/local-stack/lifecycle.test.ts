import { createServer } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';
import { removeDataDir, startStack } from '../support/start-stack.ts';
import type { StartedStack } from '../support/start-stack.ts';
import { target } from '../support/target.ts';

const postmasterAlive = (dataDir: string) => {
	const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
	if (!existsSync(pidFile)) return false;
	const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe.runIf(target.local)('the local stack lifecycle', () => {
	const started: StartedStack[] = [];
	afterEach(async () => {
		for (const stack of started.splice(0)) {
			await stack.stop();
			removeDataDir(stack.dataDir);
		}
	});
	const start = async (options: Parameters<typeof startStack>[0] = {}) => {
		const stack = await startStack({ seed: false, ...options });
		started.push(stack);
		return stack;
	};

	it('prints the API URL, DB URL and the well-known local keys', async () => {
		const stack = await start();
		expect(stack.apiUrl).toBe(`http://127.0.0.1:${stack.apiPort}`);
		expect(stack.dbUrl).toBe(`postgresql://postgres:postgres@127.0.0.1:${stack.dbPort}/postgres`);
		expect(stack.anonKey).toBe(
			'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
		);
		expect(stack.serviceRoleKey).toBe(
			'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'
		);
		const health = await fetch(`${stack.apiUrl}/health`);
		expect(health.status).toBe(200);
	});

	it('keeps the data across a restart and wipes it with --fresh', async () => {
		const first = await start();
		let db = await connectDb(first.dbUrl);
		await db.query('create table public.kept (v text); insert into public.kept values ($$là$$)');
		await db.end();
		expect(await first.stop()).toBe(0);
		expect(postmasterAlive(first.dataDir)).toBe(false);

		const again = await start({ dataDir: first.dataDir });
		db = await connectDb(again.dbUrl);
		expect((await db.query('select v from public.kept')).rows).toEqual([{ v: 'là' }]);
		await db.end();
		await again.stop();

		const fresh = await start({ dataDir: first.dataDir, fresh: true });
		db = await connectDb(fresh.dbUrl);
		expect((await db.query(`select to_regclass('public.kept') as t`)).rows).toEqual([{ t: null }]);
		await db.end();
	});

	it('stops Postgres too on SIGTERM', async () => {
		const stack = await start();
		stack.process.kill('SIGTERM');
		expect(await stack.stop()).toBe(0);
		expect(postmasterAlive(stack.dataDir)).toBe(false);
	});

	it('runs beside another stack with its own data and ports', async () => {
		const [a, b] = await Promise.all([start(), start()]);
		const [dbA, dbB] = await Promise.all([connectDb(a.dbUrl), connectDb(b.dbUrl)]);
		await dbA.query('create table public.only_in_a (id int)');
		const inB = await dbB.query(`select to_regclass('public.only_in_a') as t`);
		expect(inB.rows[0].t).toBeNull();
		await Promise.all([dbA.end(), dbB.end()]);
	});

	it('refuses to start with a clear error when the API port is taken', async () => {
		const port = await freePort();
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
		try {
			await expect(start({ apiPort: port })).rejects.toThrow(`API port ${port} is already in use`);
		} finally {
			blocker.close();
		}
	});

	it('refuses to start with a clear error when the database port is taken', async () => {
		const port = await freePort();
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
		try {
			await expect(start({ dbPort: port })).rejects.toThrow(
				`database port ${port} is already in use`
			);
		} finally {
			blocker.close();
		}
	});
});
