// Private messages with two and three browsers at once: live delivery and read receipts,
// unread counts, typing and presence, older pages on scroll, a failed send retried, a lost
// connection caught up once, and nobody seeing a conversation or an inbox that is not theirs.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import {
	bell,
	bubble,
	composer,
	cuttableRealtime,
	expectBell,
	history,
	openAs,
	seedMessages,
	send,
	waitLive
} from './support/messaging.ts';
import { createUser, signIn } from './support/users.ts';

const person = (firstName: string, lastName: string) =>
	createUser({ role: 'member', firstName, lastName });

test.describe('messages', () => {
	test('a message sent by one appears in the other without reload, is read there while on screen, and the sender sees « Lu »', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Durand');
		const bruno = await person('Bruno', 'Petit');
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const b = await openAs(browser, bruno, `/messages/${alice.id}`);
		await Promise.all([waitLive(a.page), waitLive(b.page)]);

		// A first message: the page works for someone never written to before.
		await expect(a.page.getByRole('heading', { level: 1 })).toHaveText('Bruno Petit');
		await expect(a.page.getByText('Aucun message pour le moment')).toBeVisible();
		await expectAccessible(a.page);

		const text = 'Bonjour Bruno, on se voit jeudi ?';
		const sentAt = Date.now();
		await send(a.page, text);
		await expect(bubble(b.page, text)).toBeVisible();
		test.info().annotations.push({
			type: 'delivery',
			description: `shown to the recipient ${Date.now() - sentAt} ms after Enter (figures: npm run bench -- message-latency)`
		});
		await expect(composer(a.page)).toHaveValue('');
		await expect(bubble(a.page, text)).toContainText('Lu');

		await send(b.page, 'Oui, à jeudi !');
		await expect(bubble(a.page, 'Oui, à jeudi !')).toBeVisible();
		await expect(bubble(b.page, 'Oui, à jeudi !')).toContainText('Lu');
		await expect(bubble(a.page, text)).toHaveCount(1);
		await expectAccessible(b.page);
		await a.context.close();
		await b.context.close();
	});

	test('an unread message shows live in the conversations list and the bell, and opening it marks it read for the sender', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Roux');
		const bruno = await person('Bruno', 'Garnier');
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const b = await openAs(browser, bruno, '/messages');
		await Promise.all([waitLive(a.page), waitLive(b.page)]);
		await expect(b.page.getByText('Aucune conversation pour le moment')).toBeVisible();
		await expectAccessible(b.page);

		await send(a.page, 'Tu as reçu mon devis ?');
		const list = b.page.getByRole('list', { name: 'Conversations' });
		const row = list.getByRole('link', { name: /Alice Roux/ });
		await expect(row).toHaveAccessibleName(/1 message\(s\) non lu\(s\)/);
		await expect(row).toContainText('Tu as reçu mon devis ?');
		await expectBell(b.page, 1);
		await expect(
			b.page.getByRole('status').getByText('Nouveau message de Alice Roux')
		).toBeVisible();
		await expect(bubble(a.page, 'Tu as reçu mon devis ?')).toContainText('Envoyé');

		await row.click();
		await expect(b.page).toHaveURL(new RegExp(`/messages/${alice.id}$`));
		await expect(bubble(a.page, 'Tu as reçu mon devis ?')).toContainText('Lu');
		await expectBell(b.page, 0);

		await b.page.getByRole('link', { name: 'Toutes les conversations' }).click();
		await expect(row).not.toHaveAccessibleName(/non lu/);
		await expect(row).toContainText('Tu as reçu mon devis ?');
		await a.context.close();
		await b.context.close();
	});

	test('the counterpart’s presence and typing show live', async ({ browser }) => {
		const alice = await person('Alice', 'Lemoine');
		const bruno = await person('Bruno', 'Faure');
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const header = a.page.locator('header').filter({ hasText: 'Bruno Faure' });
		await expect(header.getByText('Hors ligne')).toBeVisible();

		const b = await openAs(browser, bruno, `/messages/${alice.id}`);
		await expect(header.getByText('En ligne')).toBeVisible();

		// Typing for a few seconds sends a signal every two; the indicator follows.
		await composer(b.page).pressSequentially('Je regarde ton devis et', { delay: 120 });
		await expect(a.page.getByText('Bruno est en train d’écrire…')).toBeVisible();
		await composer(b.page).press('Enter');
		await expect(bubble(a.page, 'Je regarde ton devis et')).toBeVisible();
		await expect(a.page.getByText('Bruno est en train d’écrire…')).toHaveCount(0);

		await b.context.close();
		await expect(header.getByText('Hors ligne')).toBeVisible();
		await a.context.close();
	});

	test('older messages load when scrolling up, each once, until the start of the conversation', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Mercier');
		const bruno = await person('Bruno', 'Blanc');
		await seedMessages(
			Array.from({ length: 45 }, (_, i) => ({
				from: i % 2 ? alice : bruno,
				to: i % 2 ? bruno : alice,
				body: `Historique ${i + 1}`
			}))
		);
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const messages = history(a.page).locator('li[data-message-id]');
		await expect(bubble(a.page, 'Historique 45')).toBeVisible();
		await expect(messages).toHaveCount(30);
		await expect(bubble(a.page, 'Historique 1')).toHaveCount(0);

		await history(a.page).evaluate((element) => (element.scrollTop = 0));
		await expect(bubble(a.page, 'Historique 1')).toBeVisible();
		await expect(messages).toHaveCount(45);
		await expect(a.page.getByText('Début de la conversation')).toBeVisible();
		const bodies = await messages.locator('p').allInnerTexts();
		expect(bodies).toEqual(Array.from({ length: 45 }, (_, i) => `Historique ${i + 1}`));
		await a.context.close();
	});

	test('after a lost connection the conversation catches up on what was missed, once', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Chevalier');
		const bruno = await person('Bruno', 'Robin');
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const b = await openAs(browser, bruno);
		const network = await cuttableRealtime(b.context);
		await b.page.goto(`/messages/${alice.id}`);
		await Promise.all([waitLive(a.page), waitLive(b.page)]);
		await send(a.page, 'Avant la coupure');
		await expect(bubble(b.page, 'Avant la coupure')).toBeVisible();

		await network.goOffline();
		await expect(
			b.page.getByRole('status').getByText('Reconnexion…', { exact: true })
		).toBeVisible();
		await send(a.page, 'Pendant la coupure');
		await expect(bubble(a.page, 'Pendant la coupure')).toContainText('Envoyé');
		await expect(bubble(b.page, 'Pendant la coupure')).toHaveCount(0);

		await network.goOnline();
		// realtime-js reconnects with backoff (1, 2, 5, 10 s): allow for one full step.
		await expect(bubble(b.page, 'Pendant la coupure')).toBeVisible({ timeout: 20_000 });
		await waitLive(b.page);
		await expect(bubble(b.page, 'Pendant la coupure')).toHaveCount(1);
		await expect(bubble(b.page, 'Avant la coupure')).toHaveCount(1);
		await expect(bubble(a.page, 'Pendant la coupure')).toContainText('Lu');

		// And the live path works again after the rejoin.
		await send(a.page, 'Après la coupure');
		await expect(bubble(b.page, 'Après la coupure')).toBeVisible();
		await expect(bubble(b.page, 'Après la coupure')).toHaveCount(1);
		await a.context.close();
		await b.context.close();
	});

	test('a send that fails is shown with a retry, and the retry stores it once', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Gauthier');
		const bruno = await person('Bruno', 'Perrin');
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const b = await openAs(browser, bruno, `/messages/${alice.id}`);
		await Promise.all([waitLive(a.page), waitLive(b.page)]);

		await a.context.setOffline(true);
		await send(a.page, 'Message difficile');
		const failed = bubble(a.page, 'Message difficile');
		await expect(failed).toContainText('Échec de l’envoi');
		await expect(failed).toContainText('Le message n’a pas pu être envoyé. Réessayez.');
		await expect(bubble(b.page, 'Message difficile')).toHaveCount(0);

		await a.context.setOffline(false);
		await failed.getByRole('button', { name: 'Réessayer' }).click();
		await expect(bubble(b.page, 'Message difficile')).toBeVisible();
		await expect(failed).not.toContainText('Échec');
		await expect(bubble(b.page, 'Message difficile')).toHaveCount(1);
		await expect(bubble(a.page, 'Message difficile')).toHaveCount(1);
		await a.context.close();
		await b.context.close();
	});

	test('the composer sends on Enter, keeps Shift+Enter line breaks, counts characters and refuses empty or too long messages', async ({
		page
	}) => {
		const alice = await person('Alice', 'Morel');
		const bruno = await person('Bruno', 'Fontaine');
		await signIn(page, alice, `/messages/${bruno.id}`);

		await composer(page).press('Enter');
		await expect(history(page).locator('li[data-message-id]')).toHaveCount(0);
		await page.getByRole('button', { name: 'Envoyer' }).click();
		await expect(page.getByText('Écrivez un message avant de l’envoyer.')).toBeVisible();

		await composer(page).fill('Ligne 1');
		await composer(page).press('Shift+Enter');
		await composer(page).pressSequentially('Ligne 2');
		await expect(page.getByText('15 / 4000 caractères')).toBeVisible();
		await composer(page).press('Enter');
		await expect(history(page).locator('li[data-message-id] p')).toHaveJSProperty(
			'textContent',
			'Ligne 1\nLigne 2'
		);
		await expect(page.getByText('Écrivez un message avant de l’envoyer.')).toHaveCount(0);

		await composer(page).fill('a'.repeat(4001));
		await expect(page.getByText('Un message ne peut pas dépasser 4000 caractères.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Envoyer' })).toBeDisabled();
		await expect(composer(page)).toHaveAttribute('aria-invalid', 'true');
	});

	test('without JavaScript the composer still sends through the form and shows its refusals next to the field', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Noël');
		const bruno = await person('Bruno', 'Colin');
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, alice, `/messages/${bruno.id}`);

		await composer(page).fill('Envoyé sans script');
		await page.getByRole('button', { name: 'Envoyer' }).click();
		await expect(page).toHaveURL(new RegExp(`/messages/${bruno.id}$`));
		await expect(bubble(page, 'Envoyé sans script')).toBeVisible();

		await page.getByRole('button', { name: 'Envoyer' }).click();
		await expect(page.getByText('Écrivez un message avant de l’envoyer.')).toBeVisible();
		await expect(composer(page)).toHaveAttribute('aria-invalid', 'true');
		await expect(bubble(page, 'Envoyé sans script')).toHaveCount(1);
		await context.close();
	});

	test('a third person receives none of the others’ inbox events and cannot read their conversation', async ({
		browser
	}) => {
		const alice = await person('Alice', 'Bertrand');
		const bruno = await person('Bruno', 'Dumas');
		const chloe = await person('Chloé', 'Renaud');
		const a = await openAs(browser, alice, `/messages/${bruno.id}`);
		const b = await openAs(browser, bruno);
		const c = await openAs(browser, chloe, '/messages');
		await Promise.all([waitLive(a.page), waitLive(b.page), waitLive(c.page)]);
		await expectBell(c.page, 0);

		await send(a.page, 'Entre nous deux');
		await send(a.page, 'Et ceci aussi');
		await expectBell(b.page, 2);
		await expect(
			b.page.getByRole('status').getByText('Nouveau message de Alice Bertrand').first()
		).toBeVisible();
		await expect(bubble(a.page, 'Et ceci aussi')).toContainText('Envoyé');

		// Chloé's tab heard nothing: no toast, no count, no conversation.
		await expect(c.page.getByText('Nouveau message de Alice Bertrand')).toHaveCount(0);
		await expectBell(c.page, 0);
		await expect(c.page.getByText('Aucune conversation pour le moment')).toBeVisible();

		// Opening /messages/<Alice> shows only what Chloé and Alice wrote each other: nothing.
		await c.page.goto(`/messages/${alice.id}`);
		await expect(c.page.getByText('Aucun message pour le moment')).toBeVisible();
		await expect(c.page.getByText('Entre nous deux')).toHaveCount(0);
		await c.page.goto(`/messages/${bruno.id}`);
		await expect(c.page.getByText('Entre nous deux')).toHaveCount(0);

		const unknown = await c.page.goto('/messages/00000000-0000-4000-8000-00000000abcd');
		expect(unknown?.status()).toBe(404);
		await expect(c.page.getByText('Ce profil est introuvable')).toBeVisible();
		await expect(bell(c.page)).toBeVisible();
		await expectAccessible(c.page);
		await a.context.close();
		await b.context.close();
		await c.context.close();
	});
});
