// `npm run bench`: runs every tests/bench/*.bench.ts (or those named on the command line) one
// after another, each in its own Node process, and prints their figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
	.filter((file) => file.endsWith('.bench.ts'))
	.filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
	.sort();

let failed = 0;
for (const file of files) {
	console.log(`\n=== ${file} ===`);
	const result = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
	if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
