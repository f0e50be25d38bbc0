import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createCompany, insertRow } from './support/companies.ts';
import { createCoachingSession } from './support/livekit.ts';
import { createUser, signIn } from './support/users.ts';

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** Every link of the page's main content leads to a page that exists (no dead links). */
async function expectLinksResolve(page: Page) {
	const hrefs = await page
		.locator('main a[href^="/"]')
		.evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href')!))]);
	expect(hrefs.length).toBeGreaterThan(0);
	for (const href of hrefs) {
		const response = await page.request.get(href, { maxRedirects: 0 });
		expect(response.status(), `${href} answers`).toBe(200);
	}
}

const block = (page: Page, title: string) => page.getByRole('region', { name: title });

test.describe('dashboard', () => {
	test('a new member sees an empty state in every block, each pointing to where to act', async ({
		page
	}) => {
		const user = await createUser({ role: 'member', firstName: 'Léa' });
		await signIn(page, user);
		await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Léa !' })).toBeVisible();
		await expect(block(page, 'Prochaines séances')).toContainText(
			'Aucune séance de coaching prévue.'
		);
		await expect(
			block(page, 'Prochaines séances').getByRole('link', { name: 'Trouver un coach' })
		).toHaveAttribute('href', '/coaches');
		await expect(block(page, 'Demandes en attente')).toContainText('Aucune demande de coaching');
		await expect(
			block(page, 'Prochains rendez-vous').getByRole('link', { name: 'Ouvrir le planning' })
		).toHaveAttribute('href', '/plans');
		await expect(block(page, 'Messages')).toContainText('Aucun message non lu.');
		await expect(block(page, 'Dernières notifications')).toContainText('Aucune notification');
		await expect(block(page, 'Vos entreprises')).toHaveCount(0);
		await expectAccessible(page);
		await expectLinksResolve(page);
	});

	test('a member sees their next session, pending request, next plan, unread messages and notifications; the coach sees the request to answer', async ({
		browser
	}) => {
		const member = await createUser({ role: 'member', firstName: 'Hugo', lastName: 'Petit' });
		const coach = await createUser({ role: 'coach', firstName: 'Sophie', lastName: 'Arnaud' });
		const { sessionId } = await createCoachingSession(member.id, coach.id);
		const domain = await insertRow('expertise_domains', {
			slug: `dash-${crypto.randomUUID().slice(0, 8)}`,
			name: `Tableau ${crypto.randomUUID().slice(0, 8)}`
		});
		const request = await insertRow('coaching_requests', {
			member_id: member.id,
			coach_id: coach.id,
			domain_id: domain.id,
			desired_at: inHours(72),
			message: 'Préparer ma levée de fonds'
		});
		const plan = await insertRow('plans', {
			owner_id: member.id,
			title: 'Rendez-vous banque',
			starts_at: inHours(30),
			duration_minutes: 45,
			location: 'Lyon 2e'
		});
		await insertRow('messages', {
			sender_id: coach.id,
			recipient_id: member.id,
			body: 'Bonjour Hugo, à demain !'
		});

		const memberContext = await browser.newContext();
		const page = await memberContext.newPage();
		await signIn(page, member);
		const sessions = block(page, 'Prochaines séances');
		await expect(sessions.getByRole('link', { name: 'Avec Sophie Arnaud' })).toHaveAttribute(
			'href',
			`/coaching-sessions/${sessionId}`
		);
		await expect(
			block(page, 'Demandes en attente').getByRole('link', { name: 'À Sophie Arnaud' })
		).toHaveAttribute('href', `/coaching-requests/${request.id}`);
		await expect(
			block(page, 'Prochains rendez-vous').getByRole('link', { name: 'Rendez-vous banque' })
		).toHaveAttribute('href', `/plans/${plan.id}`);
		await expect(block(page, 'Prochains rendez-vous')).toContainText('45 min · Lyon 2e');
		await expect(block(page, 'Messages')).toContainText('1 message(s) non lu(s)');
		const notifications = block(page, 'Dernières notifications');
		await expect(notifications.locator('ul a').first()).toContainText('Nouvelle');
		await expectAccessible(page);
		await expectLinksResolve(page);
		await memberContext.close();

		const coachContext = await browser.newContext();
		const coachPage = await coachContext.newPage();
		await signIn(coachPage, coach);
		await expect(
			block(coachPage, 'Demandes à traiter').getByRole('link', { name: 'De Hugo Petit' })
		).toHaveAttribute('href', `/coaching-requests/${request.id}`);
		await expect(
			block(coachPage, 'Prochaines séances').getByRole('link', { name: 'Avec Hugo Petit' })
		).toBeVisible();
		await expect(block(coachPage, 'Votre note')).toContainText('Pas encore d’avis');
		await expect(block(coachPage, 'Prochains rendez-vous')).toHaveCount(0);
		await expectAccessible(coachPage);
		await expectLinksResolve(coachPage);
		await coachContext.close();
	});

	test('a coach with ratings sees the average and count', async ({ page }) => {
		// The demo coach has rated sessions in the seed.
		await signIn(page, {
			email: 'coach@demo.reseau-entrepreneurs.fr',
			password: 'Entreprendre2026!'
		});
		const rating = block(page, 'Votre note');
		await expect(rating).toContainText(/\d(,\d)? \/ 5/);
		await expect(rating).toContainText(/\d+ avis/);
		await expectAccessible(page);
	});

	test('a company account sees its companies with their next event and latest innovations', async ({
		page
	}) => {
		const user = await createUser({ role: 'company', firstName: 'Marc' });
		await signIn(page, user);
		await expect(block(page, 'Vos entreprises')).toContainText(
			'Vous ne présentez encore aucune entreprise.'
		);
		await expect(
			block(page, 'Vos entreprises').getByRole('link', { name: 'Créer une entreprise' })
		).toHaveAttribute('href', '/companies/new');
		await expect(block(page, 'Dernières innovations')).toContainText('Aucune innovation publiée.');
		await expectLinksResolve(page);

		const company = await createCompany(user.id, { name: 'Marc & Fils' });
		const quiet = await createCompany(user.id, { name: 'Atelier Calme' });
		await insertRow('events', {
			company_id: company.id,
			title: 'Salon passé',
			starts_at: inHours(-48),
			location: 'Paris'
		});
		await insertRow('events', {
			company_id: company.id,
			title: 'Journée portes ouvertes',
			starts_at: inHours(24 * 10),
			location: 'Nantes'
		});
		await insertRow('events', {
			company_id: company.id,
			title: 'Séminaire lointain',
			starts_at: inHours(24 * 40),
			location: 'Nantes'
		});
		await insertRow('innovations', {
			company_id: company.id,
			title: 'Emballage compostable',
			kind: 'product',
			published_at: inHours(-24)
		});
		await page.reload();

		const companies = block(page, 'Vos entreprises');
		await expect(companies.getByRole('link', { name: 'Marc & Fils' })).toHaveAttribute(
			'href',
			`/companies/${company.id}`
		);
		await expect(companies).toContainText('Prochain événement : Journée portes ouvertes');
		await expect(companies).not.toContainText('Salon passé');
		await expect(companies).not.toContainText('Séminaire lointain');
		await expect(companies.getByRole('link', { name: 'Créer un événement' })).toHaveAttribute(
			'href',
			`/companies/${quiet.id}/events/new`
		);
		const innovations = block(page, 'Dernières innovations');
		await expect(innovations.getByRole('link', { name: 'Emballage compostable' })).toBeVisible();
		await expect(innovations).toContainText('Produit');
		await expect(block(page, 'Prochaines séances')).toHaveCount(0);
		await expectAccessible(page);
		await expectLinksResolve(page);

		// The navigation shows what a company account can do.
		const nav = page.getByRole('navigation', { name: 'Navigation principale' });
		await expect(nav.getByRole('link', { name: 'Mes entreprises' })).toHaveAttribute(
			'href',
			'/companies?mine=1'
		);
		await expect(nav.getByRole('link', { name: 'Demandes de coaching' })).toHaveCount(0);
	});
});
