import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createUser, signIn } from './support/users.ts';
import { insertRows } from './support/workspace.ts';

test.describe('contacts', () => {
	test('a member adds a contact with notes, finds it, edits it and deletes it after confirming', async ({
		page
	}) => {
		const member = await createUser({ role: 'member' });
		await signIn(page, member, '/contacts');
		await expect(page.getByText('Aucun contact pour le moment')).toBeVisible();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Nouveau contact' }).first().click();
		await expect(page).toHaveURL(/\/contacts\/new$/);
		await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
		await page.getByRole('button', { name: 'Ajouter le contact' }).click();
		await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
		await expect(page.getByText('Saisissez une adresse e-mail valide.')).toBeVisible();
		await expect(page.getByLabel('Nom', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expectAccessible(page);

		await page.getByLabel('Prénom').fill('Hélène');
		await page.getByLabel('Nom', { exact: true }).fill('Dubois');
		await page.getByLabel('Entreprise').fill('Crédit Coopératif Exemple');
		await page.getByLabel('Fonction').fill('Conseillère');
		await page.getByLabel('Adresse e-mail').fill('Helene.Dubois@Exemple.fr');
		await page.getByLabel('Téléphone').fill('04 72 10 20 30');
		await page.getByLabel('Notes').fill('Rappeler après le comité.\nApporter le prévisionnel.');
		await page.getByRole('button', { name: 'Ajouter le contact' }).click();

		await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Hélène Dubois' })).toBeVisible();
		await expect(page.getByText('Conseillère · Crédit Coopératif Exemple')).toBeVisible();
		await expect(page.getByRole('link', { name: 'helene.dubois@exemple.fr' })).toHaveAttribute(
			'href',
			'mailto:helene.dubois@exemple.fr'
		);
		await expect(page.getByText('Apporter le prévisionnel.')).toBeVisible();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Modifier' }).click();
		await page.getByLabel('Notes').fill('Comité passé : dossier accepté.');
		await page.getByLabel('Téléphone').fill('n’importe quoi');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(page.getByText(/Saisissez un numéro de téléphone valide/)).toBeVisible();
		await page.getByLabel('Téléphone').fill('+33 4 72 10 20 30');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(page.getByText('Comité passé : dossier accepté.')).toBeVisible();
		await expect(page.getByText('+33 4 72 10 20 30')).toBeVisible();

		await page.getByRole('button', { name: 'Supprimer' }).click();
		const dialog = page.getByRole('dialog', { name: 'Supprimer ce contact ?' });
		await expect(dialog).toBeVisible();
		await expectAccessible(page);
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await page.getByRole('button', { name: 'Supprimer' }).click();
		await dialog.getByRole('button', { name: 'Supprimer le contact' }).click();
		await expect(page).toHaveURL(/\/contacts$/);
		await expect(page.getByText('Aucun contact pour le moment')).toBeVisible();
	});

	test('the list is searched by name, company or e-mail, sorted and paged', async ({ page }) => {
		const member = await createUser({ role: 'member' });
		const filler = Array.from({ length: 22 }, (_, i) => ({
			owner_id: member.id,
			first_name: 'Contact',
			last_name: `Numéro ${String(i + 1).padStart(2, '0')}`,
			company_name: null
		}));
		await insertRows('contacts', [
			{
				owner_id: member.id,
				first_name: 'Bernard',
				last_name: 'Lemaire',
				company_name: 'Banque Exemple',
				email: 'b.lemaire@banque.fr'
			},
			{
				owner_id: member.id,
				first_name: 'Zoé',
				last_name: 'Aubert',
				company_name: 'Zèbre Conseil',
				email: 'zoe@zebre.fr'
			},
			{
				owner_id: member.id,
				first_name: '',
				last_name: 'Agence des Pentes',
				company_name: 'Agence',
				email: 'contact@pentes.fr'
			},
			...filler
		]);
		await signIn(page, member, '/contacts');
		await expect(page.getByText('25 contact(s)')).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText(
			'Page 1 sur 2'
		);
		const names = page.getByRole('list', { name: 'Liste des contacts' }).getByRole('link');
		await expect(names.first()).toHaveText('Agence des Pentes');
		await page.getByRole('link', { name: /Suivant/ }).click();
		await expect(page).toHaveURL(/page=2/);
		await expect(names).toHaveCount(5);
		await expectAccessible(page);

		await page.goto('/contacts');
		await page.getByLabel('Rechercher un contact').fill('banque');
		await page.getByRole('button', { name: 'Rechercher' }).click();
		await expect(page).toHaveURL(/q=banque/);
		await expect(names).toHaveText(['Bernard Lemaire']);

		await page.getByLabel('Rechercher un contact').fill('zebre.fr');
		await page.getByLabel('Rechercher un contact').press('Enter');
		await expect(names).toHaveText(['Zoé Aubert']);

		await page.getByLabel('Rechercher un contact').fill('bernard lemaire');
		await page.getByLabel('Rechercher un contact').press('Enter');
		await expect(names).toHaveText(['Bernard Lemaire']);

		await page.getByLabel('Rechercher un contact').fill('personne (inconnue), 100%');
		await page.getByLabel('Rechercher un contact').press('Enter');
		await expect(
			page.getByText('Aucun contact ne correspond à « personne (inconnue), 100% »')
		).toBeVisible();
		await expectAccessible(page);

		await page.goto('/contacts?sort=company');
		await expect(page.getByLabel('Trier par')).toHaveValue('company');
		await expect(names.nth(0)).toHaveText('Agence des Pentes');
		await expect(names.nth(1)).toHaveText('Bernard Lemaire');
		await expect(names.nth(2)).toHaveText('Zoé Aubert');
		await page.getByLabel('Trier par').selectOption('created');
		await expect(page).toHaveURL(/sort=created/);
	});

	test('another member opening someone else’s contact gets a 404 page, never the data', async ({
		page
	}) => {
		const owner = await createUser({ role: 'member' });
		const [contactId] = await insertRows('contacts', [
			{
				owner_id: owner.id,
				first_name: 'Secret',
				last_name: 'Partenaire',
				notes: 'Note confidentielle'
			}
		]);
		const other = await createUser({ role: 'member' });
		await signIn(page, other);
		const response = await page.goto(`/contacts/${contactId}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByText('Cette page est introuvable.')).toBeVisible();
		await expect(page.getByText('Note confidentielle')).toHaveCount(0);
		await expect(page.getByText('Partenaire')).toHaveCount(0);
		await expectAccessible(page);
		// Nor can they change or delete it through the actions.
		const origin = new URL(page.url()).origin;
		const attempt = await page.request.post(`/contacts/${contactId}?/delete`, {
			form: { confirmed: 'yes' },
			headers: { origin }
		});
		expect(attempt.status()).toBe(404);
	});

	test('without JavaScript, deleting asks for confirmation on the page first', async ({
		browser
	}) => {
		const member = await createUser({ role: 'member' });
		const [contactId] = await insertRows('contacts', [
			{ owner_id: member.id, first_name: 'Sans', last_name: 'Script' }
		]);
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, member, `/contacts/${contactId}`);
		await page.getByRole('button', { name: 'Supprimer' }).click();
		const question = page.getByRole('alert').filter({ hasText: 'Supprimer ce contact ?' });
		await expect(question).toBeVisible();
		await expect(page.getByRole('heading', { level: 1, name: 'Sans Script' })).toBeVisible();
		await question.getByRole('button', { name: 'Supprimer le contact' }).click();
		await expect(page).toHaveURL(/\/contacts$/);
		await expect(page.getByText('Aucun contact pour le moment')).toBeVisible();
		await context.close();
	});
});
