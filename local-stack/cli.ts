// `npm run stack`: starts the local Supabase stack in the foreground and prints its URLs and
// keys like `supabase status`; Ctrl-C (SIGINT) or SIGTERM stops it cleanly.
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, DEFAULT_WORKDIR } from './paths.ts';
import { DEFAULT_PORTS, startStack } from './stack.ts';
import type { RunningStack } from './stack.ts';
import { statusLines } from './status.ts';

const USAGE = `Usage: npm run stack -- [options]

  --workdir DIR   Supabase project folder (config.toml, migrations/, seed.sql); default ./supabase
  --data DIR      where the database and stored files live; default ./.local-stack/data
  --port N        API port (default ${DEFAULT_PORTS.api})
  --db-port N     Postgres port (default ${DEFAULT_PORTS.db})
  --mail-port N   mail catcher port (default [local_smtp] port, ${DEFAULT_PORTS.mail}; 0 disables)
  --fresh         wipe the data folder first
  --no-seed       do not run seed.sql on a new database
  -h, --help      show this help`;

function port(value: string | undefined, name: string, fallback: number | undefined) {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0 || n > 65535)
		throw new Error(`${name} must be a port number, got "${value}"`);
	return n;
}

async function main() {
	const { values } = parseArgs({
		options: {
			workdir: { type: 'string' },
			data: { type: 'string' },
			port: { type: 'string' },
			'db-port': { type: 'string' },
			'mail-port': { type: 'string' },
			fresh: { type: 'boolean', default: false },
			'no-seed': { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false }
		},
		strict: true
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	// Signals are handled from the start: one that arrives while the stack is still starting
	// stops it as soon as it is up, instead of killing the process and leaving Postgres behind.
	let stack: RunningStack | null = null;
	let stopRequested: string | null = null;
	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopRequested = signal;
		if (!stack) return;
		stopping = true;
		console.error(`\n${signal} received, stopping the local stack...`);
		await stack.stop();
		console.error('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('SIGINT'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	stack = await startStack({
		workdir: values.workdir ?? DEFAULT_WORKDIR,
		dataDir: values.data ?? DEFAULT_DATA_DIR,
		apiPort: port(values.port, '--port', DEFAULT_PORTS.api),
		dbPort: port(values['db-port'], '--db-port', DEFAULT_PORTS.db),
		mailPort: port(values['mail-port'], '--mail-port', undefined),
		fresh: values.fresh,
		seed: !values['no-seed'],
		log: (line) => console.error(line)
	});
	console.log(
		`\nLocal stack started.\n\n${statusLines(stack)
			.map((line) => `  ${line}`)
			.join('\n')}\n`
	);
	if (stopRequested) await stop(stopRequested);
}

main().catch((error: Error) => {
	console.error(`\nThe local stack could not start:\n${error.message}`);
	process.exit(1);
});
