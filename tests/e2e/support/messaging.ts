// The messaging journeys' helpers: one signed-in browser context per person (several at once
// for realtime), rows written as the platform would write them (service role), the composer,
// the bell, and a way to cut one context's Realtime connection as a network loss would.
import { createClient } from '@supabase/supabase-js';
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import { signIn } from './users.ts';

export function service() {
	const url = process.env.E2E_SUPABASE_URL;
	if (!url) throw new Error('E2E_SUPABASE_URL is not set (see playwright.config.ts)');
	// The local stack's well-known secret key; E2E always runs on a local stack.
	return createClient(url, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz', {
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

export type Person = {
	id: string;
	email: string;
	password: string;
	name: string;
	firstName: string;
};

/** A new browser context signed in as `user`, on `path` (default: the dashboard). */
export async function openAs(browser: Browser, user: Person, path?: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, user);
	if (path) await page.goto(path);
	return { context, page };
}

/** Messages written directly, oldest first, one second apart, as if sent over time. */
export async function seedMessages(
	rows: { from: Person; to: Person; body: string }[]
): Promise<void> {
	const db = service();
	for (const row of rows) {
		const { error } = await db
			.from('messages')
			.insert({ sender_id: row.from.id, recipient_id: row.to.id, body: row.body });
		if (error) throw error;
	}
}

export const composer = (page: Page) => page.getByRole('textbox', { name: /^Votre message à/ });

export async function send(page: Page, text: string) {
	await composer(page).fill(text);
	await composer(page).press('Enter');
}

/** The scrollable history of the open conversation. */
export const history = (page: Page) =>
	page.getByRole('region', { name: /^Messages échangés avec/ });

/** A message bubble of the open conversation, by its exact text. */
export const bubble = (page: Page, text: string) =>
	history(page)
		.getByRole('listitem')
		.filter({ has: page.getByText(text, { exact: true }) });

export const bell = (page: Page) => page.getByRole('link', { name: /^Notifications/ });

export async function expectBell(page: Page, unseen: number) {
	await expect(bell(page)).toHaveAccessibleName(
		unseen === 0 ? 'Notifications' : `Notifications, ${unseen} non vue(s)`
	);
}

/** Waits until the page's realtime inbox (user:<id>) is joined. */
export async function waitLive(page: Page) {
	await expect(page.locator('[data-inbox]')).toHaveAttribute('data-inbox', 'live');
}

/**
 * Routes the context's Realtime websockets through Playwright so the test can drop them like a
 * lost network: context.setOffline() alone leaves open websockets untouched (Playwright #4910).
 */
export async function cuttableRealtime(context: BrowserContext) {
	let offline = false;
	const open: WebSocketRoute[] = [];
	await context.routeWebSocket(/\/realtime\/v1\/websocket/, (ws) => {
		if (offline) {
			void ws.close({ code: 4000, reason: 'offline' });
			return;
		}
		ws.connectToServer();
		open.push(ws);
	});
	return {
		async goOffline() {
			offline = true;
			await context.setOffline(true);
			for (const ws of open.splice(0)) await ws.close({ code: 4000, reason: 'offline' });
		},
		async goOnline() {
			offline = false;
			await context.setOffline(false);
		}
	};
}
