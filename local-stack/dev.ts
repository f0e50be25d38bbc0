// `npm run dev`: the local stack (unless PUBLIC_SUPABASE_URL points at a project already) and
// the SvelteKit dev server wired to it through env. One Ctrl-C stops both, stack last.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR, DEFAULT_WORKDIR, REPO_ROOT } from './paths.ts';
import { startStack } from './stack.ts';
import type { RunningStack } from './stack.ts';
import { statusLines } from './status.ts';

async function main() {
	let stack: RunningStack | null = null;
	const env = { ...process.env };
	if (env.PUBLIC_SUPABASE_URL) {
		console.error(
			`Using the Supabase project at ${env.PUBLIC_SUPABASE_URL} (PUBLIC_SUPABASE_URL is set).`
		);
	} else {
		stack = await startStack({
			workdir: DEFAULT_WORKDIR,
			dataDir: DEFAULT_DATA_DIR,
			log: (line) => console.error(line)
		});
		console.error(
			`\nLocal stack started.\n${statusLines(stack)
				.map((l) => `  ${l}`)
				.join('\n')}\n`
		);
		env.PUBLIC_SUPABASE_URL = stack.apiUrl;
		env.PUBLIC_SUPABASE_PUBLISHABLE_KEY = stack.keys.publishable;
		env.SUPABASE_SECRET_KEY = stack.keys.secret;
		if (stack.mailUrl) env.PUBLIC_MAIL_CATCHER_URL ??= stack.mailUrl;
	}

	const vite = spawn(
		join(REPO_ROOT, 'node_modules', '.bin', 'vite'),
		['dev', ...process.argv.slice(2)],
		{
			cwd: REPO_ROOT,
			env,
			stdio: 'inherit'
		}
	);

	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		if (vite.exitCode === null && vite.signalCode === null) vite.kill('SIGINT');
		await new Promise((done) => (vite.exitCode !== null ? done(null) : vite.once('exit', done)));
		if (stack) {
			console.error('Stopping the local stack...');
			await stack.stop();
		}
		process.exit(code);
	};
	vite.once('exit', (code) => void stop(code ?? 0));
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
}

main().catch((error: Error) => {
	console.error(`\nnpm run dev could not start:\n${error.message}`);
	process.exit(1);
});
