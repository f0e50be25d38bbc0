import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { target } from '../support/target.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SUPABASE = resolve(ROOT, 'node_modules', '.bin', 'supabase');

// The official CLI's --remote commands must find a Supabase-shaped database.
describe.runIf(target.local)('the Supabase CLI against the local database', () => {
	it('generates TypeScript types', async () => {
		const { stdout } = await run(
			SUPABASE,
			['gen', 'types', 'typescript', `--remote=${target.dbUrl}`],
			{
				cwd: ROOT,
				timeout: 60_000
			}
		);
		expect(stdout).toContain('export type Database');
		expect(stdout).toContain('"public": {');
	});

	it('runs the database advisors without finding anything at warn level', async () => {
		const { stdout } = await run(
			SUPABASE,
			[
				'db',
				'advisors',
				`--remote=${target.dbUrl}`,
				'--level',
				'warn',
				'--fail-on',
				'warn',
				'-o',
				'json'
			],
			{ cwd: ROOT, timeout: 60_000 }
		);
		expect(stdout).not.toMatch(/"level":\s*"(WARN|ERROR)"/);
	});
});
