// Cold start (new data folder: initdb, bootstrap, migrations, seed) and warm start (existing
// data folder) of the local stack, from launching the CLI to its status lines, median of runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDataDir, startStack } from '../integration/support/start-stack.ts';
import { median, printTable } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function timeStart(dataDir: string) {
	const started = performance.now();
	const stack = await startStack({ dataDir });
	const elapsed = performance.now() - started;
	await stack.stop();
	return elapsed;
}

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-stack-'));
	try {
		cold.push(await timeStart(dataDir));
		warm.push(await timeStart(dataDir));
	} finally {
		removeDataDir(dataDir);
	}
}

printTable(
	`Local stack start to ready (${RUNS} runs each, ms)`,
	['start', 'median', 'min', 'max'],
	[
		['cold (new data folder)', median(cold), Math.min(...cold), Math.max(...cold)],
		['warm (existing data)', median(warm), Math.min(...warm), Math.max(...warm)],
		['ratio cold / warm', median(cold) / median(warm), '', '']
	]
);
