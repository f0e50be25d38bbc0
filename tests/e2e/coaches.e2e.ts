// The coach directory and coach pages: filters by domain, maximum rate and availability with the
// rating or rate order, a coach's page (rate, domains, week grid, rating, links), and a coach
// editing their presentation, domains and weekly availability — refusals next to their fields,
// another tab's change never silently overwritten, nobody else allowed in.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createDomain, setCoachProfile } from './support/coaching.ts';
import { createUser, signIn } from './support/users.ts';

const names = async (page: Page) =>
	page.getByRole('main').getByRole('heading', { level: 3 }).allTextContents();

test.describe('coach directory', () => {
	test('a member filters coaches by domain, maximum rate, weekday and time of day, sorted by rating or rate', async ({
		page
	}) => {
		const domain = await createDomain('Annuaire');
		const tag = crypto.randomUUID().slice(0, 4);
		const anne = await createUser({ role: 'coach', firstName: 'Anne', lastName: `Matin${tag}` });
		const bruno = await createUser({ role: 'coach', firstName: 'Bruno', lastName: `Cher${tag}` });
		const carla = await createUser({ role: 'coach', firstName: 'Carla', lastName: `Soir${tag}` });
		await setCoachProfile(anne.id, {
			domainIds: [domain.id],
			hourlyRate: 80,
			rating: { average: 4.5, count: 2 },
			availability: [{ weekday: 1, start: '09:00', end: '12:00' }],
			bio: 'Vingt ans de stratégie au service des indépendants.'
		});
		await setCoachProfile(bruno.id, {
			domainIds: [domain.id],
			hourlyRate: 120,
			rating: { average: 4.9, count: 3 },
			availability: [{ weekday: 2, start: '14:00', end: '18:00' }]
		});
		await setCoachProfile(carla.id, {
			domainIds: [domain.id],
			hourlyRate: 60,
			availability: [{ weekday: 1, start: '18:00', end: '20:00' }]
		});
		const member = await createUser({ role: 'member' });

		await signIn(page, member, '/coaches');
		await expect(page.getByRole('heading', { level: 1, name: 'Coachs' })).toBeVisible();
		await expectAccessible(page);

		await page.getByLabel('Domaine d’expertise').selectOption({ label: domain.name });
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page).toHaveURL(new RegExp(`domain=${domain.id}`));
		await expect(page.getByRole('heading', { name: '3 coach(s) trouvé(s)' })).toBeVisible();
		// Best rating first, the unrated coach last.
		await expect.poll(() => names(page)).toEqual([bruno.name, anne.name, carla.name]);
		await expect(page.getByRole('img', { name: 'Note moyenne : 4,9 sur 5, 3 avis' })).toBeVisible();

		await page.getByLabel('Tarif horaire maximum (€)').fill('100');
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page.getByRole('heading', { name: '2 coach(s) trouvé(s)' })).toBeVisible();
		await expect.poll(() => names(page)).toEqual([anne.name, carla.name]);

		await page.getByLabel('Disponible le').selectOption({ label: 'lundi' });
		await page.getByLabel('Moment de la journée').selectOption('morning');
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page.getByRole('heading', { name: '1 coach(s) trouvé(s)' })).toBeVisible();
		await expect.poll(() => names(page)).toEqual([anne.name]);

		await page.getByLabel('Moment de la journée').selectOption('evening');
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page.getByRole('heading', { name: '1 coach(s) trouvé(s)' })).toBeVisible();
		await expect.poll(() => names(page)).toEqual([carla.name]);

		await page.getByLabel('Moment de la journée').selectOption('afternoon');
		await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
		await expect(page.getByText('Aucun coach ne correspond à ces critères.')).toBeVisible();
		await expectAccessible(page);

		// Same domain, every rate and time, cheapest first.
		await page.goto(`/coaches?domain=${domain.id}&sort=rate_asc`);
		await expect.poll(() => names(page)).toEqual([carla.name, anne.name, bruno.name]);
		await page.goto(`/coaches?domain=${domain.id}&sort=rate_desc`);
		await expect.poll(() => names(page)).toEqual([bruno.name, anne.name, carla.name]);

		// A bad maximum rate in the URL is said next to its field and ignored.
		await page.goto(`/coaches?domain=${domain.id}&max_rate=beaucoup`);
		await expect(page.getByText('Saisissez un tarif maximum positif.')).toBeVisible();
		await expect(page.getByRole('heading', { name: '3 coach(s) trouvé(s)' })).toBeVisible();

		await page.getByRole('link', { name: anne.name }).click();
		await expect(page).toHaveURL(`/coaches/${anne.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(anne.name);
		await expect(
			page.getByText('Vingt ans de stratégie au service des indépendants.')
		).toBeVisible();
		await expect(page.getByText('80,00 € / heure')).toBeVisible();
		await expect(page.getByText(domain.name)).toBeVisible();
		await expect(page.getByRole('img', { name: 'Note moyenne : 4,5 sur 5, 2 avis' })).toBeVisible();
		const week = page.getByRole('list', { name: 'Disponibilités hebdomadaires' });
		await expect(week.getByRole('listitem').filter({ hasText: 'lundi' })).toContainText(
			'09:00 – 12:00'
		);
		await expect(week.getByRole('listitem').filter({ hasText: 'mardi' })).toContainText(
			'Aucun créneau'
		);
		await expect(page.getByRole('link', { name: 'Demander un coaching' })).toHaveAttribute(
			'href',
			`/coaching-requests/new?coach=${anne.id}`
		);
		await expect(page.getByRole('link', { name: 'Envoyer un message' })).toHaveAttribute(
			'href',
			`/messages/${anne.id}`
		);
		await expectAccessible(page);

		const missing = await page.goto(`/coaches/${crypto.randomUUID()}`);
		expect(missing?.status()).toBe(404);
		await expect(page.getByText('Ce coach est introuvable.')).toBeVisible();
		await expectAccessible(page);
	});
});

test.describe('coach profile editing', () => {
	test('a coach edits their presentation, rate, domains and weekly availability, with refusals next to the fields', async ({
		page,
		context
	}) => {
		const kept = await createDomain('Gardé');
		const added = await createDomain('Ajouté');
		const coach = await createUser({ role: 'coach', firstName: 'Diane', lastName: 'Fiche' });
		await setCoachProfile(coach.id, { domainIds: [kept.id], hourlyRate: 70, availability: [] });

		await signIn(page, coach);
		await page.goto('/coaches/me');
		await expect(page).toHaveURL(`/coaches/${coach.id}/edit`);
		await expect(page.getByRole('heading', { level: 1, name: 'Ma fiche coach' })).toBeVisible();
		await expectAccessible(page);

		// Presentation and rate: a refusal first, then the save.
		await page
			.getByLabel('Présentation', { exact: true })
			.fill('Coach en organisation pour artisans.');
		await page.getByLabel('Tarif horaire (€)').fill('85,50');
		await page.getByLabel('Profil LinkedIn').fill('https://exemple.fr/diane');
		await page.getByRole('button', { name: 'Enregistrer la présentation' }).click();
		await expect(
			page.getByText('Saisissez l’adresse d’un profil LinkedIn (https://www.linkedin.com/in/…).')
		).toBeVisible();
		await page.getByLabel('Profil LinkedIn').fill('https://www.linkedin.com/in/diane-fiche');
		await page.getByRole('button', { name: 'Enregistrer la présentation' }).click();
		await expect(page.getByText('Votre présentation est enregistrée.')).toBeVisible();

		// Domains: add one, remove the other.
		await page.getByLabel('Domaine à ajouter').selectOption({ label: added.name });
		await page.getByRole('button', { name: 'Ajouter le domaine' }).click();
		const offered = page.getByRole('list', { name: 'Domaines d’expertise' });
		await expect(offered).toContainText(added.name);
		await page.getByRole('button', { name: `Retirer ${kept.name}` }).click();
		await expect(offered).not.toContainText(kept.name);
		await expect(offered).toContainText(added.name);

		// Availability: two slots, an overlap and an inverted slot refused.
		const addSlot = async (day: string, start: string, end: string) => {
			await page.getByLabel('Jour', { exact: true }).selectOption({ label: day });
			await page.getByLabel('Début').fill(start);
			await page.getByLabel('Fin', { exact: true }).fill(end);
			await page.getByRole('button', { name: 'Ajouter le créneau' }).click();
		};
		const slots = page.getByRole('list', { name: 'Vos créneaux' });
		await addSlot('lundi', '09:00', '12:00');
		await expect(page.getByText('Créneau ajouté.')).toBeVisible();
		await expect(slots.getByRole('listitem')).toHaveCount(1);
		await addSlot('jeudi', '14:00', '00:00');
		await expect(slots.getByRole('listitem')).toHaveCount(2);
		await expect(slots).toContainText('14:00 – 24:00');
		await addSlot('lundi', '11:00', '13:00');
		await expect(
			page.getByText('Ce créneau chevauche un créneau existant du même jour.')
		).toBeVisible();
		await addSlot('mardi', '15:00', '10:00');
		await expect(page.getByText('La fin doit être après le début.')).toBeVisible();
		await expect(slots.getByRole('listitem')).toHaveCount(2);
		await expectAccessible(page);

		// Another tab changes the availability: this tab's stale edit is refused, not applied.
		const other = await context.newPage();
		await other.goto(`/coaches/${coach.id}/edit`);
		await other
			.getByRole('button', { name: 'Supprimer le créneau du jeudi 14:00 – 24:00' })
			.click();
		await expect(other.getByText('Créneau supprimé.')).toBeVisible();
		await page.getByRole('button', { name: 'Supprimer le créneau du lundi 09:00 – 12:00' }).click();
		await expect(
			page.getByText('Vos disponibilités ont changé dans un autre onglet')
		).toBeVisible();
		await expect(slots.getByRole('listitem')).toHaveCount(1);
		await expect(slots).toContainText('09:00 – 12:00');
		await other.close();

		// The public page shows it all.
		await page.getByRole('link', { name: 'Voir ma fiche publique' }).click();
		await expect(page).toHaveURL(`/coaches/${coach.id}`);
		await expect(page.getByText('85,50 € / heure')).toBeVisible();
		await expect(page.getByText('Coach en organisation pour artisans.')).toBeVisible();
		await expect(page.getByText(added.name)).toBeVisible();
		await expect(page.getByText(kept.name)).toHaveCount(0);
		const week = page.getByRole('list', { name: 'Disponibilités hebdomadaires' });
		await expect(week.getByRole('listitem').filter({ hasText: 'lundi' })).toContainText(
			'09:00 – 12:00'
		);
		await expect(page.getByRole('link', { name: 'Demander un coaching' })).toHaveCount(0);
		await expectAccessible(page);
	});

	test('nobody but the coach opens the coach profile editor', async ({ page }) => {
		const coach = await createUser({ role: 'coach' });
		const member = await createUser({ role: 'member' });
		await signIn(page, member);
		const response = await page.goto(`/coaches/${coach.id}/edit`);
		expect(response?.status()).toBe(403);
		await expect(page.getByText('Seul le coach peut modifier sa fiche.')).toBeVisible();
		await expectAccessible(page);
		await page.goto('/coaches/me');
		await expect(page).toHaveURL('/coaches');
	});
});
