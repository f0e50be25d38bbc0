// Playwright's web server: a fresh, seeded local stack, then the built app (adapter-node)
// wired to it, as production would run it. SIGINT stops the app, then the stack.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../integration/support/free-port.ts';
import { removeDataDir, startStack } from '../../integration/support/start-stack.ts';
import { E2E_LIVEKIT_KEYS } from './livekit.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

async function main() {
	if (!existsSync(join(ROOT, 'build', 'index.js'))) {
		throw new Error('build/ is missing: run `npm run build` before the E2E tests');
	}
	const stack = await startStack({
		dataDir: mkdtempSync(join(tmpdir(), 'e2e-stack-')),
		apiPort: Number(process.env.E2E_API_PORT),
		dbPort: Number(process.env.E2E_DB_PORT),
		mailPort: Number(process.env.E2E_MAIL_PORT)
	});
	const port = process.env.E2E_APP_PORT ?? '4173';
	// No LiveKit server can run here: video pages get a port nobody listens on, so joining
	// fails fast and the page must say so (tests/e2e/video.e2e.ts).
	const livekitUrl = process.env.E2E_LIVEKIT_URL ?? `ws://127.0.0.1:${await freePort()}`;
	// adapter-node's handler behind a stand-in for the HTTPS proxy (see app-server.ts).
	const app = spawn(process.execPath, [join(ROOT, 'tests', 'e2e', 'support', 'app-server.ts')], {
		cwd: ROOT,
		stdio: 'inherit',
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: port,
			PROTOCOL_HEADER: 'x-forwarded-proto',
			// Pictures are posted to form actions (event images up to 5 MiB); adapter-node's
			// default limit is 512 kB.
			BODY_SIZE_LIMIT: '12M',
			PUBLIC_SUPABASE_URL: stack.apiUrl,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: stack.publishableKey,
			SUPABASE_SECRET_KEY: stack.secretKey,
			PUBLIC_MAIL_CATCHER_URL: stack.mailUrl ?? '',
			LIVEKIT_URL: livekitUrl,
			LIVEKIT_API_KEY: E2E_LIVEKIT_KEYS.apiKey,
			LIVEKIT_API_SECRET: E2E_LIVEKIT_KEYS.apiSecret
		}
	});
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		app.kill('SIGINT');
		await stack.stop();
		removeDataDir(stack.dataDir);
		process.exit(0);
	};
	app.once('exit', () => void stop());
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
