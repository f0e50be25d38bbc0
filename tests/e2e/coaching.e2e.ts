// Coaching requests and sessions with two browsers at once: what one party does appears in the
// other's open pages through the realtime inbox, without reload. A member asks, the coach sees
// it arrive and accepts (the member's request and new session follow live), declines with a
// comment, is refused an overlapping acceptance; sessions are cancelled, completed and rated
// once (a stale second rating, sent without JavaScript, is refused); outsiders get 404 pages.
import { expect, test } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import {
	clientOf,
	createDomain,
	createStartedSession,
	hoursFromNow,
	sendRequest,
	setCoachProfile
} from './support/coaching.ts';
import { cuttableRealtime } from './support/messaging.ts';
import { createUser, signIn } from './support/users.ts';

type User = Awaited<ReturnType<typeof createUser>>;

async function signedIn(
	browser: Browser,
	user: User,
	path: string,
	options: { javaScript?: boolean; prepare?: (context: BrowserContext) => Promise<void> } = {}
) {
	const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true });
	await options.prepare?.(context);
	const page = await context.newPage();
	if (options.javaScript === false) {
		// Without JavaScript the sign-in form still works (a plain POST).
		await page.goto(`/login?redirectTo=${encodeURIComponent(path)}`);
		await page.getByLabel('Adresse e-mail').fill(user.email);
		await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page).toHaveURL(path);
	} else {
		await signIn(page, user, path);
	}
	return page;
}

/** Marks the document so a later check can tell it was never reloaded. */
const markDocument = (page: Page) =>
	page.evaluate(() => ((window as unknown as { e2eMark: string }).e2eMark = 'same document'));
const sameDocument = (page: Page) =>
	page.evaluate(() => (window as unknown as { e2eMark?: string }).e2eMark);

/** Waits until the page's realtime inbox has joined, so nothing it should see is sent before. */
const live = (page: Page) => expect(page.getByText('Mis à jour en direct')).toBeVisible();

async function pair(label: string) {
	const domain = await createDomain(label);
	const tag = crypto.randomUUID().slice(0, 4);
	const coach = await createUser({ role: 'coach', firstName: 'Sophie', lastName: `Coach${tag}` });
	const member = await createUser({
		role: 'member',
		firstName: 'Camille',
		lastName: `Membre${tag}`
	});
	await setCoachProfile(coach.id, { domainIds: [domain.id], hourlyRate: 90 });
	return { domain, coach, member };
}

test.describe('coaching requests', () => {
	test('a member asks for a session, the coach sees it arrive and accepts, and the member’s request and new session follow without reload', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Demande');
		const coachPage = await signedIn(browser, coach, '/coaching-requests');
		await live(coachPage);
		await expect(coachPage.getByText('Aucune demande en attente.', { exact: false })).toBeVisible();
		await expectAccessible(coachPage);
		await markDocument(coachPage);

		const memberPage = await signedIn(browser, member, `/coaches/${coach.id}`);
		await memberPage.getByRole('link', { name: 'Demander un coaching' }).click();
		await expect(memberPage).toHaveURL(`/coaching-requests/new?coach=${coach.id}`);
		await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText(
			`Demander un coaching à ${coach.name}`
		);
		await expectAccessible(memberPage);

		// The coach's only domain is preselected; no time chosen yet: the field says so.
		await expect(memberPage.getByLabel('Domaine d’expertise')).toHaveValue(domain.id);
		await memberPage.getByRole('button', { name: 'Envoyer la demande' }).click();
		await expect(
			memberPage.getByText('Choisissez une heure parmi les disponibilités du coach.')
		).toBeVisible();

		await memberPage.getByLabel('Domaine d’expertise').selectOption({ label: domain.name });
		await memberPage.getByLabel('Durée').selectOption({ label: '1 h 30' });
		const time = memberPage.getByLabel('Heure');
		await time.selectOption({ index: 1 });
		const chosen = (await time.locator('option:checked').textContent())!.trim();
		expect(chosen).toMatch(/^\d\d:\d\d – \d\d:\d\d$/);
		await memberPage.getByLabel('Message au coach').fill('Je prépare mon prévisionnel.');
		await memberPage.getByRole('button', { name: 'Envoyer la demande' }).click();

		await expect(memberPage).toHaveURL(/\/coaching-requests\/[0-9a-f-]{36}$/);
		await expect(memberPage.getByText('Demande envoyée : le coach est prévenu.')).toBeVisible();
		await expect(memberPage.getByTestId('request-status')).toHaveText('En attente');
		await expect(memberPage.getByText(chosen)).toBeVisible();
		await live(memberPage);
		await expectAccessible(memberPage);
		await markDocument(memberPage);

		// The member also watches their sessions in another tab.
		const sessionsPage = await memberPage.context().newPage();
		await sessionsPage.goto('/coaching-sessions');
		await live(sessionsPage);
		await expect(sessionsPage.getByText('Aucune séance à venir.')).toBeVisible();
		await expectAccessible(sessionsPage);
		await markDocument(sessionsPage);

		// The coach's inbox shows the request without reload, and the coach accepts it.
		const item = coachPage.getByRole('listitem').filter({ hasText: `Demande de ${member.name}` });
		await expect(item).toBeVisible();
		await expect(item).toContainText('Je prépare mon prévisionnel.');
		await expect(item).toContainText(chosen);
		await expect(item.getByTestId('request-status')).toHaveText('En attente');
		await expectAccessible(coachPage);
		await item.getByRole('button', { name: 'Accepter' }).click();
		await expect(coachPage.getByText('Demande acceptée : la séance est planifiée.')).toBeVisible();
		const answered = coachPage
			.getByRole('region', { name: 'Déjà traitées' })
			.getByRole('listitem')
			.filter({ hasText: `Demande de ${member.name}` });
		await expect(answered.getByTestId('request-status')).toHaveText('Acceptée');
		expect(await sameDocument(coachPage)).toBe('same document');

		// The member's pages follow, live.
		await expect(memberPage.getByTestId('request-status')).toHaveText('Acceptée');
		await expect(memberPage.getByRole('link', { name: 'Voir la séance' })).toBeVisible();
		expect(await sameDocument(memberPage)).toBe('same document');
		const session = sessionsPage.getByRole('listitem').filter({ hasText: `Avec ${coach.name}` });
		await expect(session).toBeVisible();
		await expect(session.getByTestId('session-status')).toContainText('Planifiée');
		expect(await sameDocument(sessionsPage)).toBe('same document');
		await expectAccessible(sessionsPage);

		await memberPage.getByRole('link', { name: 'Voir la séance' }).click();
		await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText(
			`Séance avec ${coach.name}`
		);
		await expect(memberPage.locator('header').getByText(chosen)).toBeVisible();
		await expect(memberPage.getByText('1 h 30', { exact: true })).toBeVisible();
		await expectAccessible(memberPage);

		await coachPage.context().close();
		await memberPage.context().close();
	});

	test('the coach declines with a comment and the member sees the refusal and the comment live', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Refus');
		const requestId = await sendRequest(member, {
			coachId: coach.id,
			domainId: domain.id,
			desiredAt: hoursFromNow(30),
			message: 'Une séance sur mes prix ?'
		});
		const memberPage = await signedIn(browser, member, `/coaching-requests/${requestId}`);
		await live(memberPage);
		await expect(memberPage.getByTestId('request-status')).toHaveText('En attente');
		await markDocument(memberPage);

		const coachPage = await signedIn(browser, coach, '/coaching-requests');
		const item = coachPage.getByRole('listitem').filter({ hasText: `Demande de ${member.name}` });
		await item.getByRole('button', { name: 'Refuser' }).click();
		const dialog = coachPage.getByRole('dialog', { name: 'Refuser la demande' });
		await expect(dialog).toBeVisible();
		// Escape closes the dialog and gives the focus back.
		await coachPage.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await item.getByRole('button', { name: 'Refuser' }).click();
		await expect(dialog).toBeVisible();
		await expectAccessible(coachPage);
		await dialog.getByRole('button', { name: 'Refuser la demande' }).click();
		await expect(dialog.getByText('Expliquez votre refus en quelques mots.')).toBeVisible();
		await dialog
			.getByLabel('Commentaire pour le membre')
			.fill('Je suis complet ce mois-ci, désolée.');
		await dialog.getByRole('button', { name: 'Refuser la demande' }).click();
		await expect(dialog).toBeHidden();
		await expect(coachPage.getByText('Demande refusée : le membre est prévenu.')).toBeVisible();

		await expect(memberPage.getByTestId('request-status')).toHaveText('Refusée');
		await expect(memberPage.getByText('Je suis complet ce mois-ci, désolée.')).toBeVisible();
		expect(await sameDocument(memberPage)).toBe('same document');
		await expectAccessible(memberPage);

		await coachPage.context().close();
		await memberPage.context().close();
	});

	test('after a lost connection the member’s page catches up with the answer given meanwhile, once', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Reconnexion');
		const requestId = await sendRequest(member, {
			coachId: coach.id,
			domainId: domain.id,
			desiredAt: hoursFromNow(28)
		});
		let network: Awaited<ReturnType<typeof cuttableRealtime>> | undefined;
		const memberPage = await signedIn(browser, member, `/coaching-requests/${requestId}`, {
			prepare: async (context) => {
				network = await cuttableRealtime(context);
			}
		});
		await live(memberPage);
		await markDocument(memberPage);

		await network!.goOffline();
		await expect(memberPage.getByText('Connexion perdue : reconnexion…')).toBeVisible();
		const coachClient = await clientOf(coach);
		const { error } = await coachClient.rpc('answer_coaching_request', {
			request_id: requestId,
			accept: true,
			comment: 'Avec plaisir.'
		});
		expect(error).toBeNull();
		// Nothing can arrive while offline.
		await expect(memberPage.getByTestId('request-status')).toHaveText('En attente');

		await network!.goOnline();
		await expect(memberPage.getByTestId('request-status')).toHaveText('Acceptée', {
			timeout: 20_000
		});
		await expect(memberPage.getByText('Avec plaisir.')).toHaveCount(1);
		await expect(memberPage.getByRole('link', { name: 'Voir la séance' })).toHaveCount(1);
		await live(memberPage);
		expect(await sameDocument(memberPage)).toBe('same document');
		await memberPage.context().close();
	});

	test('accepting a request that overlaps a session the coach already has is refused with the database’s message', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Conflit');
		const other = await createUser({ role: 'member', firstName: 'Yanis', lastName: 'Second' });
		const at = hoursFromNow(48);
		await sendRequest(member, { coachId: coach.id, domainId: domain.id, desiredAt: at });
		await sendRequest(other, {
			coachId: coach.id,
			domainId: domain.id,
			desiredAt: new Date(at.getTime() + 30 * 60_000)
		});

		const coachPage = await signedIn(browser, coach, '/coaching-requests');
		const pending = coachPage.getByRole('region', { name: /À traiter/ });
		const first = pending.getByRole('listitem').filter({ hasText: `Demande de ${member.name}` });
		const second = pending.getByRole('listitem').filter({ hasText: `Demande de ${other.name}` });
		await first.getByRole('button', { name: 'Accepter' }).click();
		await expect(coachPage.getByText('Demande acceptée : la séance est planifiée.')).toBeVisible();
		await second.getByRole('button', { name: 'Accepter' }).click();
		// The database's own sentence (23P01), as it raises it.
		await expect(second.getByRole('alert')).toHaveText(
			"Ce créneau n'est pas disponible : vous avez déjà une séance à ce moment-là."
		);
		await expect(second.getByTestId('request-status')).toHaveText('En attente');
		await expectAccessible(coachPage);
		await coachPage.context().close();
	});

	test('a member cannot open another pair’s request or session: both are 404 pages', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Privé');
		const requestId = await sendRequest(member, {
			coachId: coach.id,
			domainId: domain.id,
			desiredAt: hoursFromNow(72)
		});
		const { sessionId } = await createStartedSession(member, coach, domain.id, 5);
		const outsider = await createUser({ role: 'member', firstName: 'Eve' });
		const page = await signedIn(browser, outsider, '/coaching-sessions');

		const request = await page.goto(`/coaching-requests/${requestId}`);
		expect(request?.status()).toBe(404);
		await expect(
			page.getByText('Cette demande de coaching est introuvable ou ne vous concerne pas.')
		).toBeVisible();
		await expectAccessible(page);

		const session = await page.goto(`/coaching-sessions/${sessionId}`);
		expect(session?.status()).toBe(404);
		await expect(
			page.getByText('Cette séance est introuvable ou ne vous concerne pas.')
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Rejoindre la séance vidéo' })).toHaveCount(0);
		await expectAccessible(page);

		const unknown = await page.goto(`/coaching-sessions/${crypto.randomUUID()}`);
		expect(unknown?.status()).toBe(404);
		await page.context().close();
	});
});

test.describe('coaching sessions', () => {
	test('a member cancels a planned session with a reason and the coach sees it cancelled live', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Annulation');
		const requestId = await sendRequest(member, {
			coachId: coach.id,
			domainId: domain.id,
			desiredAt: hoursFromNow(26)
		});
		const coachPage = await signedIn(browser, coach, `/coaching-requests/${requestId}`);
		await coachPage.getByRole('button', { name: 'Accepter' }).click();
		await coachPage.getByRole('link', { name: 'Voir la séance' }).click();
		await expect(coachPage.getByTestId('session-status')).toContainText('Planifiée');
		await expect(coachPage.getByText('La salle ouvrira le', { exact: false })).toBeVisible();
		await live(coachPage);
		await markDocument(coachPage);
		const sessionPath = new URL(coachPage.url()).pathname;

		const memberPage = await signedIn(browser, member, sessionPath);
		await expectAccessible(memberPage);
		await memberPage.getByRole('button', { name: 'Annuler la séance' }).click();
		const dialog = memberPage.getByRole('dialog', { name: 'Annuler la séance' });
		await dialog.getByLabel('Motif de l’annulation (facultatif)').fill('Un empêchement familial.');
		await expectAccessible(memberPage);
		await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
		await expect(
			memberPage.getByText('Séance annulée : votre interlocuteur est prévenu.')
		).toBeVisible();
		await expect(memberPage.getByTestId('session-status')).toContainText('Annulée');
		await expect(memberPage.getByRole('button', { name: 'Annuler la séance' })).toHaveCount(0);

		await expect(coachPage.getByTestId('session-status')).toContainText('Annulée');
		await expect(coachPage.getByText('Motif : Un empêchement familial.')).toBeVisible();
		await expect(coachPage.getByText('La salle vidéo de cette séance est fermée.')).toBeVisible();
		expect(await sameDocument(coachPage)).toBe('same document');
		await expectAccessible(coachPage);

		await coachPage.context().close();
		await memberPage.context().close();
	});

	test('the coach marks a started session completed, the member rates it once, and a second rating is refused', async ({
		browser
	}) => {
		const { domain, coach, member } = await pair('Notation');
		const { sessionId } = await createStartedSession(member, coach, domain.id, 20);
		const path = `/coaching-sessions/${sessionId}`;

		const memberPage = await signedIn(browser, member, path);
		await live(memberPage);
		await expect(
			memberPage.getByText(
				'Vous pourrez noter la séance lorsque le coach l’aura marquée comme terminée.'
			)
		).toBeVisible();
		await expect(memberPage.getByRole('link', { name: 'Rejoindre la séance vidéo' })).toBeVisible();
		await expect(memberPage.getByRole('button', { name: 'Annuler la séance' })).toHaveCount(0);
		await markDocument(memberPage);

		const coachPage = await signedIn(browser, coach, path);
		await expect(coachPage.getByText('En cours', { exact: true })).toBeVisible();
		await expectAccessible(coachPage);
		await coachPage.getByRole('button', { name: 'Marquer comme terminée' }).click();
		await expect(
			coachPage.getByText('Séance marquée comme terminée : le membre peut la noter.')
		).toBeVisible();
		await expect(coachPage.getByTestId('session-status')).toContainText('Terminée');
		await expect(coachPage.getByText('Le membre n’a pas encore noté cette séance.')).toBeVisible();
		await live(coachPage);
		await markDocument(coachPage);

		// The member's page turns to the rating form by itself.
		await expect(memberPage.getByTestId('session-status')).toContainText('Terminée');
		const stars = memberPage.getByRole('group', { name: 'Votre note' });
		await expect(stars).toBeVisible();
		expect(await sameDocument(memberPage)).toBe('same document');
		await expectAccessible(memberPage);

		// A second, JavaScript-less tab holds the same form, loaded before the rating.
		const stale = await signedIn(browser, member, path, { javaScript: false });
		await expect(stale.getByRole('group', { name: 'Votre note' })).toBeVisible();

		// Rated with the keyboard: the first star, then arrows.
		await memberPage.getByRole('button', { name: 'Envoyer mon avis' }).click();
		await expect(memberPage.getByText('Choisissez une note de 1 à 5.')).toBeVisible();
		await stars.getByRole('radio', { name: /^1 sur 5/ }).focus();
		await memberPage.keyboard.press('Space');
		await memberPage.keyboard.press('ArrowRight');
		await memberPage.keyboard.press('ArrowRight');
		await memberPage.keyboard.press('ArrowRight');
		await expect(stars.getByRole('radio', { name: /^4 sur 5/ })).toBeChecked();
		await memberPage.getByLabel('Commentaire (facultatif)').fill('Des conseils concrets, merci !');
		await memberPage.getByRole('button', { name: 'Envoyer mon avis' }).click();
		await expect(memberPage.getByText('Merci pour votre avis !')).toBeVisible();
		await expect(memberPage.getByText('Votre note : 4 sur 5')).toBeVisible();
		await expect(memberPage.getByRole('button', { name: 'Envoyer mon avis' })).toHaveCount(0);
		await expectAccessible(memberPage);

		// The coach sees the rating arrive.
		await expect(coachPage.getByText('Note du membre : 4 sur 5')).toBeVisible();
		await expect(coachPage.getByText('Des conseils concrets, merci !')).toBeVisible();
		expect(await sameDocument(coachPage)).toBe('same document');

		// The stale tab's rating is refused by the database, in French, and changes nothing.
		await stale.getByRole('radio', { name: /^5 sur 5/ }).check();
		await stale.getByRole('button', { name: 'Envoyer mon avis' }).click();
		await expect(stale.getByText('Vous avez déjà noté cette séance.')).toBeVisible();
		await expect(stale.getByText('Votre note : 4 sur 5')).toBeVisible();

		// The coach's directory rating follows.
		await coachPage.goto(`/coaches/${coach.id}`);
		await expect(
			coachPage.getByRole('img', { name: 'Note moyenne : 4 sur 5, 1 avis' })
		).toBeVisible();

		await stale.context().close();
		await coachPage.context().close();
		await memberPage.context().close();
	});
});
