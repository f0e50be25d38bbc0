// startStack(): embedded Postgres → Supabase bootstrap (new clusters only) → project settings →
// migrations → seed (new databases only) → services → gateway. Returns what `supabase status`
// prints and a stop() that shuts everything down in reverse order.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyProjectSettings, bootstrapDatabase } from './bootstrap/index.ts';
import type { StackContext } from './context.ts';
import { startCronScheduler } from './cron/scheduler.ts';
import type { CronScheduler } from './cron/scheduler.ts';
import { startGateway } from './gateway/server.ts';
import type { Gateway } from './gateway/server.ts';
import type { Service } from './gateway/service.ts';
import { DEFAULT_JWT_SECRET, deriveApiKeys, loadSigningKeys } from './keys/api-keys.ts';
import type { ApiKeys } from './keys/api-keys.ts';
import { applyMigrations } from './migrations/runner.ts';
import { runSeed } from './migrations/seed.ts';
import { assertPortFree, startEmbeddedPostgres } from './postgres/embedded.ts';
import type { EmbeddedPostgres } from './postgres/embedded.ts';
import { createPools } from './postgres/pools.ts';
import type { Pools } from './postgres/pools.ts';
import { loadProjectConfig } from './project.ts';
import { createServices } from './services.ts';

export type StackOptions = {
	workdir: string;
	dataDir: string;
	apiPort?: number;
	dbPort?: number;
	mailPort?: number;
	fresh?: boolean;
	seed?: boolean;
	log?: (line: string) => void;
};

export type RunningStack = {
	apiUrl: string;
	dbUrl: string;
	mailUrl: string | null;
	keys: ApiKeys;
	jwtSecret: string;
	/** True when this start created the database (bootstrap + seed ran). */
	created: boolean;
	appliedMigrations: string[];
	stop(): Promise<void>;
};

export const DEFAULT_PORTS = { api: 54321, db: 54322, mail: 54324 } as const;

export function dbUrl(port: number, role = 'postgres') {
	return `postgresql://${role}:postgres@127.0.0.1:${port}/postgres`;
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
	const log = options.log ?? (() => undefined);
	const apiPort = options.apiPort ?? DEFAULT_PORTS.api;
	const dbPort = options.dbPort ?? DEFAULT_PORTS.db;
	const dataDir = resolve(options.dataDir);
	const project = loadProjectConfig(options.workdir);
	const mailPort = options.mailPort ?? (project.localSmtp.enabled ? project.localSmtp.port : 0);
	const jwtSecret = project.auth.jwtSecret ?? DEFAULT_JWT_SECRET;
	if (jwtSecret.length < 16)
		throw new Error('config.toml: [auth] jwt_secret must be at least 16 characters');

	if (options.fresh) wipeDataDir(dataDir);
	claimDataDir(dataDir);
	await assertPortFree(apiPort, 'API');
	if (mailPort) await assertPortFree(mailPort, 'mail');

	log(`Starting database on port ${dbPort}...`);
	const database: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, port: dbPort });
	let pools: Pools | null = null;
	const services: Service[] = [];
	let gateway: Gateway | null = null;
	let cron: CronScheduler | null = null;

	const shutdown = async () => {
		await gateway?.close();
		await cron?.stop();
		for (const service of [...services].reverse()) await service.stop?.().catch(() => undefined);
		await pools?.end();
		await database.stop();
	};

	try {
		pools = createPools(dbPort);
		const admin = await pools.connect('supabase_admin');
		try {
			if (database.created) {
				log('Initialising schema...');
				await bootstrapDatabase(admin);
			}
			await applyProjectSettings(admin, {
				jwtSecret,
				jwtExpiry: project.auth.jwtExpiry,
				autoExposeNewTables: project.api.autoExposeNewTables
			});
		} finally {
			await admin.end();
		}

		const owner = await pools.connect('postgres');
		let appliedMigrations: string[] = [];
		try {
			if (project.db.migrations.enabled)
				appliedMigrations = await applyMigrations(owner, project.dir, log);
			if (database.created && options.seed !== false && project.db.seed.enabled) {
				await runSeed(owner, project.dir, project.db.seed.sqlPaths, log);
			}
			await owner.query(`notify pgrst, 'reload schema'`);
		} finally {
			await owner.end();
		}

		const apiUrl = `http://127.0.0.1:${apiPort}`;
		const context: StackContext = {
			project,
			keys: loadSigningKeys(dataDir, jwtSecret),
			apiKeys: deriveApiKeys(jwtSecret),
			pools,
			apiUrl,
			dbPort,
			mailPort,
			dataDir,
			log
		};
		for (const service of createServices(context)) {
			await service.start?.();
			services.push(service);
		}
		cron = await startCronScheduler({ pools, log });
		gateway = await startGateway({ port: apiPort, services, apiKeys: context.apiKeys, log });

		let stopping: Promise<void> | null = null;
		return {
			apiUrl,
			dbUrl: dbUrl(dbPort),
			mailUrl: mailPort ? `http://127.0.0.1:${mailPort}` : null,
			keys: context.apiKeys,
			jwtSecret,
			created: database.created,
			appliedMigrations,
			stop: () => (stopping ??= shutdown())
		};
	} catch (error) {
		await shutdown().catch(() => undefined);
		// A database created by this very start holds nothing worth keeping: wipe it so the next
		// start bootstraps, migrates and seeds again instead of resuming a half-built one.
		if (database.created) rmSync(database.dataDir, { recursive: true, force: true });
		throw error;
	}
}

const MARKER = '.local-stack';

/** Marks a data folder as ours, refusing one that holds anything else. */
function claimDataDir(dir: string) {
	if (existsSync(dir) && !existsSync(join(dir, MARKER)) && readdirSync(dir).length > 0) {
		throw new Error(
			`${dir} is not empty and is not a local stack data folder: pass another --data folder`
		);
	}
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, MARKER),
		'Data folder of the local Supabase stack; safe to delete when it is stopped.\n'
	);
}

/** --fresh: deletes a data folder, but only one the stack created. */
export function wipeDataDir(dir: string) {
	if (!existsSync(dir)) return;
	if (!existsSync(join(dir, MARKER)) && readdirSync(dir).length > 0) {
		throw new Error(`refusing to wipe ${dir}: it is not a local stack data folder`);
	}
	rmSync(dir, { recursive: true, force: true });
}
