// The browser's session (src/lib/supabase/session.ts): the token comes from the @supabase/ssr
// cookie; one that is about to expire, or looks so to a browser whose clock is off, is renewed
// through GET /auth/session, once for every caller, and the live pages keep working with it.
import { expect, test } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { bubble, openAs, seedMessages, service, waitLive } from './support/messaging.ts';
import { createUser } from './support/users.ts';

type StoredSession = { access_token: string; expires_at: number; [key: string]: unknown };

const isAuthCookie = (name: string) => /^sb-[^-]+-auth-token(\.\d+)?$/.test(name);

/** The session as @supabase/ssr stored it: chunks joined, `base64-` + base64url JSON decoded. */
async function storedSession(context: BrowserContext): Promise<StoredSession> {
	const cookies = (await context.cookies()).filter((cookie) => isAuthCookie(cookie.name));
	const single = cookies.find((cookie) => !/\.\d+$/.test(cookie.name));
	const value = single
		? single.value
		: cookies
				.sort((a, b) => Number(a.name.split('.').pop()) - Number(b.name.split('.').pop()))
				.map((cookie) => cookie.value)
				.join('');
	const text = decodeURIComponent(value);
	return JSON.parse(Buffer.from(text.replace(/^base64-/, ''), 'base64url').toString('utf8'));
}

/** Writes `session` back as one cookie, as @supabase/ssr would, in place of the current one. */
async function storeSession(context: BrowserContext, page: Page, session: StoredSession) {
	const cookies = (await context.cookies()).filter((cookie) => isAuthCookie(cookie.name));
	const name = cookies[0].name.replace(/\.\d+$/, '');
	for (const cookie of cookies) await context.clearCookies({ name: cookie.name });
	const value = `base64-${Buffer.from(JSON.stringify(session), 'utf8').toString('base64url')}`;
	const { hostname } = new URL(page.url());
	await context.addCookies([{ name, value, domain: hostname, path: '/', sameSite: 'Lax' }]);
}

const isSessionEndpoint = (url: string) => new URL(url).pathname === '/auth/session';

/** Counts the page's requests to the session endpoint from now on. */
function countSessionRequests(page: Page) {
	const sent: string[] = [];
	page.on('request', (request) => {
		if (isSessionEndpoint(request.url())) sent.push(request.url());
	});
	return sent;
}

test.describe('browser session', () => {
	test('a token past its expiry in the cookie is renewed through the server, and the page reads with the new one', async ({
		browser
	}) => {
		const alice = await createUser({ role: 'member', firstName: 'Alice', lastName: 'Roux' });
		const bruno = await createUser({ role: 'member', firstName: 'Bruno', lastName: 'Petit' });
		const b = await openAs(browser, bruno, `/messages/${alice.id}`);
		await waitLive(b.page);
		const sent = countSessionRequests(b.page);
		const before = await storedSession(b.context);
		// The server decides to refresh from the stored expiry: make the stored session expired.
		await storeSession(b.context, b.page, {
			...before,
			expires_at: Math.floor(Date.now() / 1000) - 10
		});

		// The message arrives live; reading it is a browser RPC, which needs a fresh token first.
		const marked = b.page.waitForRequest((request) =>
			request.url().includes('/rest/v1/rpc/mark_conversation_read')
		);
		const renewal = b.page.waitForResponse((response) => isSessionEndpoint(response.url()));
		await seedMessages([{ from: alice, to: bruno, body: 'Tu as reçu mon devis ?' }]);
		await expect(bubble(b.page, 'Tu as reçu mon devis ?')).toBeVisible();
		const request = await marked;

		const answer = await renewal;
		expect(answer.status()).toBe(200);
		const renewed = (await answer.json()).access_token;
		expect(sent).toHaveLength(1);
		expect(renewed).toBeTruthy();
		expect(renewed).not.toBe(before.access_token);
		expect(await request.headerValue('authorization')).toBe(`Bearer ${renewed}`);
		// The server wrote the refreshed session to the cookies on the same answer.
		expect((await storedSession(b.context)).access_token).toBe(renewed);
		await expect
			.poll(async () => {
				const { data } = await service()
					.from('messages')
					.select('read_at')
					.eq('recipient_id', bruno.id)
					.single();
				return data?.read_at ?? null;
			})
			.not.toBeNull();
		await b.context.close();
	});

	test('a browser whose clock runs an hour ahead asks the server once, for every part of the page, and stays live', async ({
		browser
	}) => {
		const alice = await createUser({ role: 'member', firstName: 'Alice', lastName: 'Noël' });
		const bruno = await createUser({ role: 'member', firstName: 'Bruno', lastName: 'Faure' });
		const b = await openAs(browser, bruno);
		// A page of its own, so only what this clock sees asks for tokens.
		await b.page.close();
		const page = await b.context.newPage();
		// The cookie's token lives one hour: to this browser it has 30 seconds left.
		await page.clock.install({ time: Date.now() + 3600_000 - 30_000 });
		const sent = countSessionRequests(page);
		const renewal = page.waitForResponse((response) => isSessionEndpoint(response.url()));
		await page.goto(`/messages/${alice.id}`);
		await waitLive(page);
		await seedMessages([{ from: alice, to: bruno, body: 'Réunion demain à 9 h ?' }]);
		await expect(bubble(page, 'Réunion demain à 9 h ?')).toBeVisible();
		await expect
			.poll(async () => {
				const { data } = await service()
					.from('messages')
					.select('read_at')
					.eq('recipient_id', bruno.id)
					.single();
				return data?.read_at ?? null;
			})
			.not.toBeNull();
		// Inbox, presence, typing, bell and the read all needed a token: one request served them.
		expect((await renewal).status()).toBe(200);
		expect(sent).toHaveLength(1);
		await b.context.close();
	});

	test('the session endpoint gives the signed-in caller their own token, never cached, and 401 once signed out', async ({
		browser
	}) => {
		const camille = await createUser({ role: 'member' });
		const c = await openAs(browser, camille);
		const stored = await storedSession(c.context);
		const answer = await c.page.request.get('/auth/session');
		expect(answer.status()).toBe(200);
		expect(answer.headers()['cache-control']).toContain('no-store');
		expect(answer.headers()['access-control-allow-origin']).toBeUndefined();
		const body = await answer.json();
		expect(body.access_token).toBe(stored.access_token);
		expect(body).not.toHaveProperty('refresh_token');

		await c.page.getByRole('button', { name: 'Se déconnecter' }).click();
		await expect(c.page).toHaveURL(/\/login/);
		const after = await c.page.request.get('/auth/session');
		expect(after.status()).toBe(401);
		expect((await after.json()).message).toBe('Veuillez vous connecter pour continuer.');
		await c.context.close();
	});
});
