import { expect, test } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import {
	actionResult,
	createCompany,
	objectsIn,
	pictures,
	postAction,
	row
} from './support/companies.ts';
import { createUser, signIn } from './support/users.ts';

// Seeded company owned by the demo company account (supabase/seed.sql).
const ATELIER_LUMEN = '20000000-0000-4000-8000-000000000001';

async function signedIn(
	browser: Browser,
	role: 'member' | 'company' | 'coach',
	firstName = 'Camille'
) {
	const user = await createUser({
		role,
		firstName,
		lastName: role === 'company' ? 'Moreau' : 'Durand'
	});
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, user);
	return { user, context, page };
}

test.describe('companies', () => {
	test('the directory searches names, filters by sector and pages through companies sorted by name', async ({
		browser
	}) => {
		const { page, context } = await signedIn(browser, 'member');
		await page.goto('/companies');
		await expect(page.getByRole('heading', { level: 1, name: 'Entreprises' })).toBeVisible();
		await expectAccessible(page);

		const names = page.locator('main ul.list h2');
		await expect(names).toHaveCount(9);
		const firstPage = await names.allInnerTexts();
		expect(firstPage).toEqual([...firstPage].sort((a, b) => a.localeCompare(b, 'fr')));
		await expect(page.getByText(/Page 1 sur \d+/)).toBeVisible();

		await page.getByRole('link', { name: 'Suivant →' }).click();
		await expect(page).toHaveURL(/[?&]page=2/);
		await expect(page.getByText(/Page 2 sur \d+/)).toBeVisible();
		const secondPage = await names.allInnerTexts();
		expect(secondPage.length).toBeGreaterThan(0);
		expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);
		expect(firstPage.at(-1)!.localeCompare(secondPage[0], 'fr')).toBeLessThanOrEqual(0);

		await page.getByLabel('Nom de l’entreprise').fill('lumen');
		await page.getByRole('button', { name: 'Filtrer' }).click();
		await expect(page).toHaveURL(/q=lumen/);
		await expect(page).not.toHaveURL(/page=2/);
		await expect(names).toHaveText(['Atelier Lumen']);

		await page.getByRole('link', { name: 'Effacer les filtres' }).first().click();
		await page.getByLabel('Secteur').selectOption('E-santé');
		await page.getByRole('button', { name: 'Filtrer' }).click();
		await expect(page).toHaveURL(/sector=E-sant/);
		await expect(names).toHaveText(['Mobilis Santé']);

		// LIKE wildcards typed by the user are matched literally.
		await page.goto('/companies?q=%25%25');
		await expect(page.getByText('Aucune entreprise ne correspond')).toBeVisible();
		await expectAccessible(page);

		await page.goto('/companies?q=Lumen');
		await page.getByRole('link', { name: 'Atelier Lumen' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Atelier Lumen' })).toBeVisible();
		await context.close();
	});

	test('a company account creates its company and manages it; the edits appear on the page another member sees', async ({
		browser
	}) => {
		const owner = await signedIn(browser, 'company', 'Julie');
		const { page } = owner;

		await page.getByRole('link', { name: 'Mes entreprises' }).first().click();
		await expect(page).toHaveURL(/\/companies\?mine=1/);
		await expect(page.getByText('Vous ne présentez encore aucune entreprise')).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Créer une entreprise' }).first().click();
		await expect(page).toHaveURL(/\/companies\/new/);
		await expectAccessible(page);

		const name = `Brasserie Élan ${crypto.randomUUID().slice(0, 4)}`;
		await page.getByLabel('Nom de l’entreprise').fill(name);
		await page.getByLabel('Site web').fill('pas-un-site');
		await page.getByLabel('Téléphone').fill('abc');
		await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
		await expect(page.getByText('Saisissez une adresse web complète (https://…).')).toBeVisible();
		await expect(page.getByText('Saisissez un numéro de téléphone valide')).toBeVisible();
		await expect(page.getByLabel('Nom de l’entreprise')).toHaveValue(name);

		await page.getByLabel('Site web').fill('https://brasserie-elan.example.fr');
		await page.getByLabel('Téléphone').fill('04 72 00 00 00');
		await page.getByLabel('Secteur d’activité').fill('Agroalimentaire');
		await page.getByLabel('Présentation').fill('Bières artisanales brassées à Lyon.');
		await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
		await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
		await expect(page.getByText('Entreprise créée.')).toBeVisible();
		const companyId = page.url().split('/').pop()!;
		await expectAccessible(page);

		// A founder with a LinkedIn profile.
		await page.getByRole('link', { name: 'Ajouter un fondateur' }).click();
		await page.getByLabel('Prénom').fill('Léon');
		await page.getByLabel('Nom', { exact: true }).fill('Brasseur');
		await page.getByLabel('Profil LinkedIn').fill('https://example.com/leon');
		await page.getByRole('button', { name: 'Ajouter le fondateur' }).click();
		await expect(page.getByText('Saisissez l’adresse d’un profil LinkedIn')).toBeVisible();
		await expectAccessible(page);
		await page.getByLabel('Profil LinkedIn').fill('https://www.linkedin.com/in/leon-brasseur');
		await page.getByLabel('Fonction').fill('Maître brasseur');
		await page.getByRole('button', { name: 'Ajouter le fondateur' }).click();
		await expect(page.getByRole('heading', { level: 3, name: 'Léon Brasseur' })).toBeVisible();

		// An innovation of each of two kinds.
		for (const [title, kind] of [
			['Bière sans alcool houblonnée', 'Produit'],
			['Consigne des fûts', 'Procédé']
		]) {
			await page.getByRole('link', { name: 'Publier une innovation' }).click();
			if (kind === 'Produit') await expectAccessible(page);
			await page.getByLabel('Titre').fill(title);
			await page.getByLabel('Type d’innovation').selectOption({ label: kind });
			await page.getByLabel('Date de publication').fill('2026-03-15');
			await page.getByRole('button', { name: 'Publier' }).click();
			await expect(page.getByRole('heading', { level: 4, name: title })).toBeVisible();
		}

		// The founder's own page, then back.
		await page.getByRole('link', { name: 'Modifier « Léon Brasseur »' }).click();
		await expect(page.getByLabel('Fonction')).toHaveValue('Maître brasseur');
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Annuler' }).click();

		// Edit the card itself.
		await page.getByRole('link', { name: 'Modifier l’entreprise' }).click();
		await expectAccessible(page);
		await page
			.getByLabel('Présentation')
			.fill('Bières artisanales et sans alcool, brassées à Lyon.');
		await page.getByLabel('Ville').fill('Lyon');
		await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
		await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));
		await expect(
			page.getByText('Bières artisanales et sans alcool, brassées à Lyon.')
		).toBeVisible();

		// Another member sees all of it, without any owner control.
		const visitor = await signedIn(browser, 'member', 'Inès');
		await visitor.page.goto(`/companies/${companyId}`);
		const other = visitor.page;
		await expect(other.getByRole('heading', { level: 1, name })).toBeVisible();
		await expect(
			other.getByText('Bières artisanales et sans alcool, brassées à Lyon.')
		).toBeVisible();
		await expect(
			other.getByRole('link', { name: 'Profil LinkedIn de Léon Brasseur' })
		).toHaveAttribute('href', 'https://www.linkedin.com/in/leon-brasseur');
		const products = other.getByRole('region', { name: 'Produits' });
		await expect(
			products.getByRole('heading', { name: 'Bière sans alcool houblonnée' })
		).toBeVisible();
		const processes = other.getByRole('region', { name: 'Procédés' });
		await expect(processes.getByRole('heading', { name: 'Consigne des fûts' })).toBeVisible();
		await expect(other.getByText('Publiée le dimanche 15 mars 2026').first()).toBeVisible();
		await expect(
			other.getByRole('link', { name: /Envoyer un message à Julie Moreau/ })
		).toHaveAttribute('href', `/messages/${owner.user.id}`);
		await expect(other.getByRole('link', { name: 'Modifier l’entreprise' })).toHaveCount(0);
		await expect(other.getByRole('button', { name: /Supprimer/ })).toHaveCount(0);
		await expectAccessible(other);

		// The owner removes a founder (confirmation first) then deletes the company.
		await page.getByRole('button', { name: 'Supprimer « Léon Brasseur »' }).click();
		const dialog = page.getByRole('dialog', { name: 'Retirer ce fondateur ?' });
		await expect(dialog).toBeVisible();
		await expectAccessible(page);
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await page.getByRole('button', { name: 'Supprimer « Léon Brasseur »' }).click();
		await dialog.getByRole('button', { name: 'Retirer' }).click();
		await expect(page.getByRole('heading', { level: 3, name: 'Léon Brasseur' })).toHaveCount(0);

		await page.getByRole('button', { name: 'Supprimer l’entreprise' }).click();
		await page
			.getByRole('dialog', { name: 'Supprimer cette entreprise ?' })
			.getByRole('button', { name: 'Supprimer définitivement' })
			.click();
		await expect(page).toHaveURL(/\/companies\?mine=1/);
		expect(await row('companies', companyId, 'id')).toBeNull();

		await visitor.page.reload();
		await expect(visitor.page.getByText('Cette entreprise est introuvable.')).toBeVisible();
		await owner.context.close();
		await visitor.context.close();
	});

	test('a non-owner sees no owner controls, and forged posts to owner actions are refused in French', async ({
		browser
	}) => {
		const { page, context } = await signedIn(browser, 'company', 'Paul');
		await page.goto(`/companies/${ATELIER_LUMEN}`);
		await expect(page.getByRole('heading', { level: 1, name: 'Atelier Lumen' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Modifier l’entreprise' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Ajouter un fondateur' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: /Supprimer/ })).toHaveCount(0);

		await page.goto(`/companies/${ATELIER_LUMEN}/edit`);
		await expect(
			page.getByText('Seul le propriétaire de cette entreprise peut la modifier.')
		).toBeVisible();
		await expectAccessible(page);

		const update = await actionResult(
			await postAction(page, `/companies/${ATELIER_LUMEN}/edit?/update`, {
				name: 'Atelier piraté',
				description: 'Modifié par un autre compte'
			})
		);
		expect(update).toMatchObject({ type: 'failure', status: 403 });
		expect(update.data).toContain('Seul le propriétaire de cette entreprise peut la modifier.');

		const removal = await actionResult(
			await postAction(page, `/companies/${ATELIER_LUMEN}?/delete`, { confirmed: 'yes' })
		);
		expect(removal).toMatchObject({ type: 'failure', status: 403 });
		expect(removal.data).toContain('Seul le propriétaire');

		const founder = await actionResult(
			await postAction(page, `/companies/${ATELIER_LUMEN}/founders/new?/create`, {
				first_name: 'Faux',
				last_name: 'Fondateur'
			})
		);
		expect(founder).toMatchObject({ type: 'failure', status: 403 });
		expect(founder.data).toContain('Seul le propriétaire');

		const event = await actionResult(
			await postAction(page, `/companies/${ATELIER_LUMEN}/events/new?/create`, {
				title: 'Événement pirate',
				location: 'Lyon',
				start_date: '2030-01-10',
				start_time: '10:00',
				image: pictures.red
			})
		);
		expect(event).toMatchObject({ type: 'failure', status: 403 });
		expect(event.data).toContain('Vous ne pouvez pas déposer d’image pour cette entreprise.');

		const company = await row<{ name: string; description: string }>(
			'companies',
			ATELIER_LUMEN,
			'name, description'
		);
		expect(company?.name).toBe('Atelier Lumen');
		expect(company?.description).not.toContain('autre compte');
		expect(await objectsIn('event-images', ATELIER_LUMEN)).toEqual([]);

		// A member account is not offered company creation, and the page says why.
		const member = await signedIn(browser, 'member');
		await member.page.goto('/companies');
		await expect(member.page.getByRole('link', { name: 'Créer une entreprise' })).toHaveCount(0);
		await member.page.goto('/companies/new');
		await expect(
			member.page.getByText('Seuls les comptes Entreprise peuvent créer une fiche d’entreprise.')
		).toBeVisible();
		await context.close();
		await member.context.close();
	});

	test('an event picture is shown on the page; refused pictures are explained and leave nothing behind', async ({
		browser
	}) => {
		const { page, context, user } = await signedIn(browser, 'company', 'Nora');
		const company = await createCompany(user.id, { name: 'Nora Événements' });
		await page.goto(`/companies/${company.id}`);
		await page.getByRole('link', { name: 'Créer un événement' }).click();
		await expect(page).toHaveURL(/\/events\/new/);
		await expectAccessible(page);

		await page.getByLabel('Titre').fill('Soirée de lancement');
		await page.getByLabel('Lieu').fill('Halle Tony Garnier, Lyon');
		await page.getByLabel('Date de début').fill('2031-06-12');
		await page.getByLabel('Heure de début').fill('18:30');
		await page.getByLabel('Heure de fin').fill('17:00');

		// Refused before sending: type, then size.
		const picker = page.getByLabel('Image de l’événement');
		await picker.setInputFiles(pictures.gif);
		await expect(page.getByText('Formats acceptés : JPEG, PNG ou WebP.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Créer l’événement' })).toBeDisabled();
		await picker.setInputFiles(pictures.huge(6));
		await expect(page.getByText('Cette image dépasse 5 Mo.')).toBeVisible();
		await expectAccessible(page);

		await picker.setInputFiles(pictures.red);
		await expect(page.getByRole('img', { name: 'Aperçu de la nouvelle image' })).toBeVisible();
		await page.getByRole('button', { name: 'Créer l’événement' }).click();
		// The end before the start is refused next to its field, the picture was not sent.
		await expect(page.getByText('La fin doit être après le début.')).toBeVisible();
		expect(await objectsIn('event-images', company.id)).toEqual([]);

		await picker.setInputFiles(pictures.red);
		await page.getByLabel('Heure de fin').fill('23:00');
		await page.getByRole('button', { name: 'Créer l’événement' }).click();
		await expect(
			page.getByRole('heading', { level: 3, name: 'Soirée de lancement' })
		).toBeVisible();
		const image = page.getByRole('img', { name: 'Image de l’événement « Soirée de lancement »' });
		await expect(image).toBeVisible();
		await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
		await expect(page.getByText('jeu. 12 juin 2031, 18:30 – 23:00')).toBeVisible();
		await expectAccessible(page);

		const first = await objectsIn('event-images', company.id);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatch(new RegExp(`^${company.id}/[a-z0-9]{8}-affiche-ete\\.png$`));

		// Refused by the server too (a hand-made post skips the browser's check): nothing kept.
		const eventEdit = page.getByRole('link', { name: 'Modifier « Soirée de lancement »' });
		const editPath = (await eventEdit.getAttribute('href'))!;
		const refused = await actionResult(
			await postAction(page, `${editPath}?/update`, {
				title: 'Soirée de lancement',
				location: 'Halle Tony Garnier, Lyon',
				start_date: '2031-06-12',
				start_time: '18:30',
				image: pictures.gif
			})
		);
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		expect(refused.data).toContain('Formats acceptés : JPEG, PNG ou WebP.');
		expect(await objectsIn('event-images', company.id)).toEqual(first);

		// Replacing the picture removes the old object.
		await eventEdit.click();
		await expect(page.getByRole('img', { name: 'Image actuelle' })).toBeVisible();
		await expect(page.getByLabel('Heure de début')).toHaveValue('18:30');
		await expectAccessible(page);
		await page.getByLabel('Image de l’événement').setInputFiles(pictures.blue);
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(
			page.getByRole('heading', { level: 3, name: 'Soirée de lancement' })
		).toBeVisible();
		const second = await objectsIn('event-images', company.id);
		expect(second).toHaveLength(1);
		expect(second[0]).not.toBe(first[0]);
		await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
		await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(16);

		// Deleting the event removes its picture.
		await page.getByRole('button', { name: 'Supprimer « Soirée de lancement »' }).click();
		await page
			.getByRole('dialog', { name: 'Supprimer cet événement ?' })
			.getByRole('button', { name: 'Supprimer' })
			.click();
		await expect(page.getByRole('heading', { level: 3, name: 'Soirée de lancement' })).toHaveCount(
			0
		);
		expect(await objectsIn('event-images', company.id)).toEqual([]);

		// Deleting the company removes the pictures of all its events too.
		for (const title of ['Atelier du matin', 'Atelier du soir']) {
			await page.getByRole('link', { name: 'Créer un événement' }).click();
			await page.getByLabel('Titre').fill(title);
			await page.getByLabel('Lieu').fill('En ligne');
			await page.getByLabel('Date de début').fill('2031-09-01');
			await page.getByLabel('Heure de début').fill('09:00');
			await page.getByLabel('Image de l’événement').setInputFiles(pictures.blue);
			await page.getByRole('button', { name: 'Créer l’événement' }).click();
			await expect(page.getByRole('heading', { level: 3, name: title })).toBeVisible();
		}
		expect(await objectsIn('event-images', company.id)).toHaveLength(2);
		await page.getByRole('button', { name: 'Supprimer l’entreprise' }).click();
		await page
			.getByRole('dialog', { name: 'Supprimer cette entreprise ?' })
			.getByRole('button', { name: 'Supprimer définitivement' })
			.click();
		await expect(page).toHaveURL(/\/companies\?mine=1/);
		expect(await objectsIn('event-images', company.id)).toEqual([]);
		await context.close();
	});

	test('past events are kept apart, collapsed, after the upcoming ones', async ({ browser }) => {
		const { page, context } = await signedIn(browser, 'member');
		await page.goto(`/companies/${ATELIER_LUMEN}`);
		const upcoming = page.getByRole('region', { name: 'Événements à venir' });
		await expect(
			upcoming.getByRole('heading', { name: "Portes ouvertes de l'atelier" })
		).toBeVisible();
		const past = page.locator('details.past');
		await expect(past.locator('summary')).toHaveText('Événements passés (1)');
		await expect(past.getByRole('heading', { name: 'Petit-déjeuner collectivités' })).toBeHidden();
		await past.locator('summary').click();
		await expect(past.getByRole('heading', { name: 'Petit-déjeuner collectivités' })).toBeVisible();
		await expectAccessible(page);
		await context.close();
	});
});
