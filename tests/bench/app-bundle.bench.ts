// The app's weight and speed per main route of issue 6: builds the app (unless BENCH_SKIP_BUILD=1),
// starts it (adapter-node) on a fresh seeded local stack, and prints for each route the JavaScript
// the browser loads on arrival (the page's modulepreload links and entry imports, followed through
// their static imports; gzip bytes as the server sends them) against the 120 kB budget, and the
// server render time (median and p95 of sequential SSR requests, signed in as the demo member where
// the route needs it). Figures only: nothing here passes or fails on size or time.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient } from '@supabase/supabase-js';
import { freePort } from '../integration/support/free-port.ts';
import { removeDataDir, startStack } from '../integration/support/start-stack.ts';
import { median, percentile, printTable } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
const BUDGET_KB = 120;
const DEMO = { email: 'membre@demo.reseau-entrepreneurs.fr', password: 'Entreprendre2026!' };

type Route = { label: string; path: string; signedIn: boolean };

function build() {
	if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(join(ROOT, 'build', 'handler.js'))) {
		console.log('Using the existing build/ (BENCH_SKIP_BUILD=1).');
		return;
	}
	console.log('Building the app (vite build)…');
	const result = spawnSync(NODE, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (result.status !== 0) throw new Error('vite build failed');
}

/** A raw GET (no automatic decompression), so the bytes counted are the bytes sent. */
function get(
	url: string,
	headers: Record<string, string> = {}
): Promise<{
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}> {
	return new Promise((done, fail) => {
		const req = httpRequest(url, { headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
			);
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}

/** The scripts a page loads on arrival, as its HTML names them. */
function entryScripts(html: string, pageUrl: string): string[] {
	const found = new Set<string>();
	for (const link of html.matchAll(/<link\b[^>]*>/g)) {
		const tag = link[0];
		if (!/\brel="modulepreload"/.test(tag)) continue;
		const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
		if (href) found.add(new URL(href, pageUrl).href);
	}
	for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const src = /\bsrc="([^"]+)"/.exec(script[1])?.[1];
		if (src) found.add(new URL(src, pageUrl).href);
		for (const dynamic of script[2].matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)) {
			found.add(new URL(dynamic[1], pageUrl).href);
		}
	}
	return [...found];
}

/** Static imports of a built module (`import … from "./x.js"`, `import "./x.js"`, re-exports). */
function staticImports(code: string, moduleUrl: string): string[] {
	const specifiers = [
		...code.matchAll(/\bimport\s*(?:[\w*$\s{},]+\s*from\s*)?["']([^"']+\.js)["']/g),
		...code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+\.js)["']/g)
	].map((match) => match[1]);
	return specifiers.map((specifier) => new URL(specifier, moduleUrl).href);
}

async function javascriptOf(html: string, pageUrl: string) {
	const queue = entryScripts(html, pageUrl);
	const seen = new Set(queue);
	let gzip = 0;
	let raw = 0;
	while (queue.length > 0) {
		const url = queue.shift()!;
		const compressed = await get(url, { 'accept-encoding': 'gzip' });
		if (compressed.status !== 200) throw new Error(`${url}: HTTP ${compressed.status}`);
		const plain = await get(url);
		raw += plain.body.length;
		gzip +=
			compressed.headers['content-encoding'] === 'gzip'
				? compressed.body.length
				: gzipSync(plain.body, { level: 9 }).length;
		for (const next of staticImports(plain.body.toString('utf8'), url)) {
			if (!seen.has(next)) {
				seen.add(next);
				queue.push(next);
			}
		}
	}
	return { files: seen.size, gzip, raw };
}

/** Signs the demo member in through the app's own form and keeps the session cookies. */
async function signIn(appUrl: string): Promise<string> {
	// adapter-node 6 takes the origin's protocol to be https unless a PROTOCOL_HEADER says
	// otherwise: the Origin header must match that for SvelteKit's CSRF check.
	const origin = `https://${new URL(appUrl).host}`;
	const response = await fetch(`${appUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		body: new URLSearchParams(DEMO).toString()
	});
	const cookies = response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.filter((pair) => pair.includes('-auth-token'));
	if (response.status !== 303 || cookies.length === 0) {
		throw new Error(`sign-in failed: HTTP ${response.status}`);
	}
	return cookies.join('; ');
}

async function renderTimes(url: string, cookie: string | null) {
	const headers: Record<string, string> = { accept: 'text/html' };
	if (cookie) headers.cookie = cookie;
	const samples: number[] = [];
	let status = 0;
	let html = '';
	for (let run = 0; run < WARMUP + RUNS; run++) {
		const started = performance.now();
		const response = await get(url, headers);
		const elapsed = performance.now() - started;
		status = response.status;
		html = response.body.toString('utf8');
		if (run >= WARMUP) samples.push(elapsed);
	}
	return { status, html, samples };
}

async function waitForApp(url: string, app: ChildProcess) {
	for (let attempt = 0; attempt < 100; attempt++) {
		if (app.exitCode !== null) throw new Error('the app exited during start-up');
		try {
			const response = await fetch(`${url}/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((done) => setTimeout(done, 200));
	}
	throw new Error('the app did not start');
}

async function main() {
	build();
	const stack = await startStack({ dataDir: mkdtempSync(join(tmpdir(), 'bench-app-')) });
	const port = await freePort();
	const appUrl = `http://127.0.0.1:${port}`;
	const app = spawn(NODE, [join(ROOT, 'build', 'index.js')], {
		cwd: ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			PUBLIC_SUPABASE_URL: stack.apiUrl,
			PUBLIC_SUPABASE_PUBLISHABLE_KEY: stack.publishableKey,
			SUPABASE_SECRET_KEY: stack.secretKey
		}
	});
	try {
		await waitForApp(appUrl, app);
		const service = createClient(stack.apiUrl, stack.secretKey, {
			auth: { persistSession: false }
		});
		const company = await service.from('companies').select('id').order('name').limit(1).single();
		if (company.error) throw company.error;
		const routes: Route[] = [
			{ label: '/', path: '/', signedIn: false },
			{ label: '/login', path: '/login', signedIn: false },
			{ label: '/signup', path: '/signup', signedIn: false },
			{ label: '/dashboard', path: '/dashboard', signedIn: true },
			{ label: '/companies', path: '/companies', signedIn: true },
			{ label: '/companies/<id>', path: `/companies/${company.data.id}`, signedIn: true },
			{ label: '/contacts', path: '/contacts', signedIn: true },
			{ label: '/documents', path: '/documents', signedIn: true },
			{ label: '/plans', path: '/plans', signedIn: true },
			{ label: '/profile', path: '/profile', signedIn: true }
		];
		const cookie = await signIn(appUrl);
		const rows: (string | number)[][] = [];
		for (const route of routes) {
			const url = `${appUrl}${route.path}`;
			const { status, html, samples } = await renderTimes(url, route.signedIn ? cookie : null);
			const js = status === 200 ? await javascriptOf(html, url) : null;
			const kb = js ? js.gzip / 1000 : Number.NaN;
			rows.push([
				route.label,
				route.signedIn ? 'membre' : 'visiteur',
				status,
				js ? js.files : '-',
				js ? (js.raw / 1000).toFixed(1) : '-',
				js ? kb.toFixed(1) : '-',
				BUDGET_KB,
				js ? (kb <= BUDGET_KB ? 'yes' : 'NO') : '-',
				median(samples),
				percentile(samples, 95)
			]);
		}
		printTable(
			`App routes: JavaScript loaded on arrival and server render time (${RUNS} requests each, after ${WARMUP} warm-up)`,
			[
				'route',
				'as',
				'HTTP',
				'JS files',
				'JS kB',
				'JS kB gzip',
				'budget kB',
				'within',
				'SSR p50 ms',
				'SSR p95 ms'
			],
			rows
		);
		console.log(
			'\nkB = 1000 bytes; gzip sizes are the precompressed files adapter-node serves. A route that is not HTTP 200 has no JS figure.'
		);
	} finally {
		app.kill('SIGINT');
		await stack.stop();
		removeDataDir(stack.dataDir);
	}
}

await main();
