// End-to-end message latency as users feel it: two Chromium browsers (Playwright, Debian's
// /usr/bin/chromium) signed in to the built app on a fresh seeded local stack, 100 messages sent
// by clicking « Envoyer » in one and timed until they are in the other's conversation (DOM
// insertion, and the next frame). Both ends read performance.timeOrigin + now(), one clock on
// one machine. Prints p50 / p95 / p99 / max; never fails on timing.
//
// Needs build/ (shared): flock /tmp/team/e2e.lock sh -c 'npm run build && npm run bench -- message-latency'
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { createClient } from '@supabase/supabase-js';
import { freePort } from '../integration/support/free-port.ts';
import { removeDataDir, startStack } from '../integration/support/start-stack.ts';
import { printTable, summary } from './stats.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const WARMUP = 5;
const PASSWORD = 'Motdepasse-Bench-42';
const ROOT = resolve(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(join(ROOT, 'build', 'index.js'))) {
	console.error('build/ is missing: run `npm run build` first (under /tmp/team/e2e.lock)');
	process.exit(1);
}

const stack = await startStack({ dataDir: mkdtempSync(join(tmpdir(), 'bench-messages-')) });
const port = await freePort();
const appUrl = `http://127.0.0.1:${port}`;
// Served like the E2E app: adapter-node's handler on plain HTTP (see tests/e2e/support/app-server.ts).
const app = spawn(process.execPath, [join(ROOT, 'tests', 'e2e', 'support', 'app-server.ts')], {
	cwd: ROOT,
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		PROTOCOL_HEADER: 'x-forwarded-proto',
		PUBLIC_SUPABASE_URL: stack.apiUrl,
		PUBLIC_SUPABASE_PUBLISHABLE_KEY: stack.publishableKey,
		SUPABASE_SECRET_KEY: stack.secretKey
	}
});
let browser: Browser | null = null;

async function waitForApp() {
	for (let i = 0; i < 300; i++) {
		const up = await fetch(`${appUrl}/health`).then(
			(response) => response.ok,
			() => false
		);
		if (up) return;
		await new Promise((done) => setTimeout(done, 100));
	}
	throw new Error('the built app did not start');
}

async function person(firstName: string) {
	const admin = createClient(stack.apiUrl, stack.secretKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const email = `bench-${firstName.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@exemple.fr`;
	const { data, error } = await admin.auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { first_name: firstName, last_name: 'Banc', role: 'member' }
	});
	if (error) throw error;
	return { id: data.user.id, email };
}

async function signedIn(email: string, path: string): Promise<Page> {
	const context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
	const page = await context.newPage();
	await page.goto(`${appUrl}/login`);
	await page.getByLabel('Adresse e-mail').fill(email);
	await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await page.waitForURL(/\/dashboard/).catch(async (error) => {
		throw new Error(`sign-in failed on ${page.url()}: ${await page.locator('main').innerText()}`, {
			cause: error
		});
	});
	await page.goto(`${appUrl}${path}`);
	await page.locator('[data-inbox="live"]').waitFor();
	return page;
}

type Clock = {
	sent: Record<string, number>;
	inDom: Record<string, number>;
	painted: Record<string, number>;
	stored: Record<string, number>;
};

try {
	await waitForApp();
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
	const alice = await person('Alice');
	const bruno = await person('Bruno');
	const sender = await signedIn(alice.email, `/messages/${bruno.id}`);
	const receiver = await signedIn(bruno.email, `/messages/${alice.id}`);

	// The sender stamps the click (capture phase, before the app's handlers); the receiver stamps
	// the bubble's insertion and the frame after it; the sender also sees its own « sent » state.
	const instrument = () => {
		const clock: Clock = { sent: {}, inDom: {}, painted: {}, stored: {} };
		const now = () => performance.timeOrigin + performance.now();
		(window as unknown as { __clock: Clock }).__clock = clock;
		document.addEventListener(
			'click',
			(event) => {
				const button = (event.target as Element).closest('button[type="submit"]');
				const box = button?.closest('form')?.querySelector('textarea');
				const marker = box?.value.match(/bench-\d+/)?.[0];
				if (marker) clock.sent[marker] = now();
			},
			true
		);
		const seen = (item: Element) => {
			const marker = item.textContent?.match(/bench-\d+/)?.[0];
			if (!marker) return;
			if (!(marker in clock.inDom)) {
				clock.inDom[marker] = now();
				requestAnimationFrame(() => (clock.painted[marker] = now()));
			}
			if (item.getAttribute('data-delivery') === 'sent' && !(marker in clock.stored))
				clock.stored[marker] = now();
		};
		new MutationObserver((records) => {
			for (const record of records) {
				const nodes = record.type === 'attributes' ? [record.target] : [...record.addedNodes];
				for (const node of nodes) {
					const element = node instanceof Element ? node : node.parentElement;
					if (!element) continue;
					const item = element.closest('li[data-message-id]');
					if (item) seen(item);
					else element.querySelectorAll('li[data-message-id]').forEach(seen);
				}
			}
		}).observe(document.body, {
			childList: true,
			subtree: true,
			attributes: true,
			attributeFilter: ['data-delivery']
		});
	};
	await sender.evaluate(instrument);
	await receiver.evaluate(instrument);

	const box = sender.getByRole('textbox', { name: /^Votre message à/ });
	const button = sender.getByRole('button', { name: 'Envoyer' });
	for (let i = 0; i < WARMUP + MESSAGES; i++) {
		const marker = `bench-${i}`;
		await box.fill(`Message ${marker}`);
		await button.click();
		await receiver.waitForFunction(
			(m) => m in (window as unknown as { __clock: Clock }).__clock.painted,
			marker
		);
	}
	await sender.waitForFunction(
		(m) => m in (window as unknown as { __clock: Clock }).__clock.stored,
		`bench-${WARMUP + MESSAGES - 1}`
	);
	const sent = await sender.evaluate(() => (window as unknown as { __clock: Clock }).__clock);
	const received = await receiver.evaluate(() => (window as unknown as { __clock: Clock }).__clock);

	const measured = Array.from({ length: MESSAGES }, (_, i) => `bench-${WARMUP + i}`);
	const series = (to: Record<string, number>) =>
		measured.filter((m) => m in to && m in sent.sent).map((m) => to[m] - sent.sent[m]);
	const rows = [
		['click → in the recipient’s DOM', series(received.inDom)],
		['click → next frame painted there', series(received.painted)],
		['click → « sent » in the sender’s bubble', series(sent.stored)]
	] as const;
	printTable(
		`Message latency, ${MESSAGES} messages one after another (ms, two Chromium browsers, built app, local stack)`,
		['path', 'n', 'p50', 'p95', 'p99', 'max'],
		rows.map(([label, samples]) => {
			const s = summary([...samples]);
			return [label, s.n, s.p50, s.p95, s.p99, s.max];
		})
	);
} finally {
	await browser?.close();
	app.kill('SIGINT');
	await stack.stop();
	removeDataDir(stack.dataDir);
}
