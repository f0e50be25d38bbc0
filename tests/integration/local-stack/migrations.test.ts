import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { removeDataDir, startStack } from '../support/start-stack.ts';
import type { StartedStack } from '../support/start-stack.ts';
import { target } from '../support/target.ts';

function project(files: Record<string, string>, config = ''): string {
	const dir = mkdtempSync(join(tmpdir(), 'stack-project-'));
	mkdirSync(join(dir, 'migrations'));
	writeFileSync(join(dir, 'config.toml'), `project_id = "test"\n${config}`);
	for (const [name, sql] of Object.entries(files)) {
		mkdirSync(join(dir, name, '..'), { recursive: true });
		writeFileSync(join(dir, name), sql);
	}
	return dir;
}

// The migration runner belongs to the local stack: these start their own stacks on project
// folders made for the test.
describe.runIf(target.local)('the migration runner', () => {
	const started: StartedStack[] = [];
	afterEach(async () => {
		for (const stack of started.splice(0)) {
			await stack.stop();
			removeDataDir(stack.dataDir);
		}
	});
	const start = async (options: Parameters<typeof startStack>[0]) => {
		const stack = await startStack(options);
		started.push(stack);
		return stack;
	};

	it('applies migrations in version order and records them like the Supabase CLI', async () => {
		const workdir = project({
			'migrations/20240102000000_second.sql': 'insert into public.steps values (2);',
			'migrations/20240101000000_first.sql':
				'create table public.steps (n int);\ncreate index steps_n on public.steps (n);',
			'migrations/README.md': 'not a migration',
			'seed.sql': 'insert into public.steps values (3);'
		});
		const stack = await start({ workdir });
		const db = await connectDb(stack.dbUrl);
		try {
			const steps = await db.query('select n from public.steps order by ctid');
			expect(steps.rows.map((row) => row.n)).toEqual([2, 3]);
			const history = await db.query(
				'select version, name, statements from supabase_migrations.schema_migrations order by version'
			);
			expect(history.rows).toEqual([
				{
					version: '20240101000000',
					name: 'first',
					statements: [
						'create table public.steps (n int)',
						'create index steps_n on public.steps (n)'
					]
				},
				{
					version: '20240102000000',
					name: 'second',
					statements: ['insert into public.steps values (2)']
				}
			]);
			const seeds = await db.query(
				'select path, length(hash) as hash_length from supabase_migrations.seed_files'
			);
			expect(seeds.rows).toEqual([{ path: 'seed.sql', hash_length: 64 }]);
		} finally {
			await db.end();
		}
	});

	it('applies nothing twice and does not reseed when restarted on the same data', async () => {
		const workdir = project({
			'migrations/20240101000000_counter.sql':
				'create table public.runs (at timestamptz default now());\ninsert into public.runs default values;',
			'seed.sql': 'insert into public.runs default values;'
		});
		const first = await start({ workdir });
		await first.stop();
		const second = await start({ workdir, dataDir: first.dataDir });
		expect(second.output()).not.toContain('Applying migration');
		expect(second.output()).not.toContain('Seeding data');
		const db = await connectDb(second.dbUrl);
		try {
			const { rows } = await db.query('select count(*)::int as n from public.runs');
			expect(rows[0].n).toBe(2);
		} finally {
			await db.end();
		}
	});

	it('stops at a failing migration with its file, line and message, leaving nothing of it', async () => {
		const workdir = project({
			'migrations/20240101000000_good.sql': 'create table public.good (id int);'
		});
		const good = await start({ workdir, seed: false });
		await good.stop();
		// New migrations on the existing database, the first of them failing: the stack refuses to start…
		writeFileSync(
			join(workdir, 'migrations', '20240102000000_bad.sql'),
			'create table public.half_done (id int);\n\ninsert into public.missing values (1);\n'
		);
		writeFileSync(
			join(workdir, 'migrations', '20240103000000_after.sql'),
			'create table public.after_bad (id int);'
		);
		await expect(start({ workdir, dataDir: good.dataDir, seed: false })).rejects.toThrow(
			/20240102000000_bad\.sql:3:\d+: ERROR: relation "public\.missing" does not exist/
		);
		// …and the database is exactly as it was before that file.
		writeFileSync(join(workdir, 'migrations', '20240102000000_bad.sql'), 'select 1;');
		const fixed = await start({ workdir, dataDir: good.dataDir, seed: false });
		const db = await connectDb(fixed.dbUrl);
		try {
			const tables = await db.query(
				`select tablename from pg_tables where schemaname = 'public' order by 1`
			);
			expect(tables.rows.map((row) => row.tablename)).toEqual(['after_bad', 'good']);
		} finally {
			await db.end();
		}
	});

	it('reads [db.seed] sql_paths from config.toml, globs included', async () => {
		const workdir = project(
			{
				'migrations/20240101000000_t.sql': 'create table public.t (v text);',
				'seeds/a.sql': `insert into public.t values ('a');`,
				'seeds/b.sql': `insert into public.t values ('b');`,
				'seed.sql': `insert into public.t values ('not listed');`
			},
			'[db.seed]\nenabled = true\nsql_paths = ["./seeds/*.sql"]\n'
		);
		const stack = await start({ workdir });
		const db = await connectDb(stack.dbUrl);
		try {
			const { rows } = await db.query('select v from public.t order by v');
			expect(rows.map((row) => row.v)).toEqual(['a', 'b']);
		} finally {
			await db.end();
		}
	});
});
