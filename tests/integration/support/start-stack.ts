// Starts the local stack as a user would (`node local-stack/cli.ts …`) on free ports with a
// fresh data folder, and reads what it prints. Black-box: nothing from local-stack/ is imported.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.ts';

export type StackInfo = {
	apiUrl: string;
	dbUrl: string;
	mailUrl: string | null;
	anonKey: string;
	serviceRoleKey: string;
	publishableKey: string;
	secretKey: string;
	jwtSecret: string;
};

export type StartedStack = StackInfo & {
	dataDir: string;
	apiPort: number;
	dbPort: number;
	mailPort: number;
	process: ChildProcess;
	output(): string;
	stop(): Promise<number | null>;
};

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

export function parseStatus(text: string): Partial<StackInfo> {
	const pick = (label: string) => new RegExp(`^\\s*${label}: (\\S+)\\s*$`, 'm').exec(text)?.[1];
	return {
		apiUrl: pick('API URL'),
		dbUrl: pick('DB URL'),
		mailUrl: pick('Mailpit URL') ?? null,
		anonKey: pick('anon key'),
		serviceRoleKey: pick('service_role key'),
		publishableKey: pick('Publishable key'),
		secretKey: pick('Secret key'),
		jwtSecret: pick('JWT secret')
	};
}

export async function startStack(
	options: {
		workdir?: string;
		dataDir?: string;
		fresh?: boolean;
		seed?: boolean;
		apiPort?: number;
		dbPort?: number;
		mailPort?: number;
		timeoutMs?: number;
	} = {}
): Promise<StartedStack> {
	const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-stack-test-'));
	const apiPort = options.apiPort ?? (await freePort());
	const dbPort = options.dbPort ?? (await freePort());
	const mailPort = options.mailPort ?? (await freePort());
	const args = [
		join(ROOT, 'local-stack', 'cli.ts'),
		'--data',
		dataDir,
		'--port',
		String(apiPort),
		'--db-port',
		String(dbPort),
		'--mail-port',
		String(mailPort)
	];
	if (options.workdir) args.push('--workdir', options.workdir);
	if (options.fresh) args.push('--fresh');
	if (options.seed === false) args.push('--no-seed');
	const child = spawn(NODE, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	child.stderr.on('data', (chunk) => (out += chunk));
	const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

	const ready = await new Promise<boolean>((done) => {
		const timer = setTimeout(() => done(false), options.timeoutMs ?? 120_000);
		const check = () => {
			if (/^\s*service_role key: /m.test(out)) {
				clearTimeout(timer);
				done(true);
			}
		};
		child.stdout.on('data', check);
		child.once('exit', () => {
			clearTimeout(timer);
			done(false);
		});
	});
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
		return exited;
	};
	if (!ready) {
		await stop();
		throw new Error(`local stack did not start:\n${out}`);
	}
	const info = parseStatus(out) as StackInfo;
	return { ...info, dataDir, apiPort, dbPort, mailPort, process: child, output: () => out, stop };
}

export function removeDataDir(dir: string) {
	rmSync(dir, { recursive: true, force: true });
}
