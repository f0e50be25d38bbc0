import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { latestEmail, linkIn } from './support/mail.ts';
import { createUser, PASSWORD, signIn, uniqueEmail } from './support/users.ts';

test.describe('accounts', () => {
	test('a visitor signs up as a coach, lands on the dashboard, signs out and back in', async ({
		page
	}) => {
		const email = uniqueEmail('coach');
		await page.goto('/signup');
		await expectAccessible(page);
		await page.getByLabel('Coach').check();
		await page.getByLabel('Prénom').fill('Inès');
		await page.getByLabel('Nom', { exact: true }).fill('Lefèvre');
		await page.getByLabel('Adresse e-mail').fill(email);
		await page.getByLabel('Mot de passe').fill(PASSWORD);
		await page.getByRole('button', { name: 'Créer mon compte' }).click();

		await expect(page).toHaveURL(/\/dashboard/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Inès');
		// The session lives in @supabase/ssr's cookie, readable by the server on the next request.
		const cookies = await page.context().cookies();
		expect(cookies.some((cookie) => /^sb-.*-auth-token/.test(cookie.name))).toBe(true);

		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await expect(page).toHaveURL(/\/login/);
		expect(
			(await page.context().cookies()).some((cookie) => /^sb-.*-auth-token/.test(cookie.name))
		).toBe(false);
		await page.goto('/dashboard');
		await expect(page).toHaveURL(/\/login/);

		await signIn(page, { email, password: PASSWORD });
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Inès');
	});

	test('sign-up refuses bad input with messages next to the fields', async ({ page }) => {
		await page.goto('/signup');
		await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
		await page.getByLabel('Mot de passe').fill('court');
		await page.getByRole('button', { name: 'Créer mon compte' }).click();
		await expect(page.getByText('Saisissez une adresse e-mail valide.')).toBeVisible();
		await expect(page.getByText('Ce mot de passe est trop faible')).toBeVisible();
		await expect(page.getByText('Ce champ est obligatoire.').first()).toBeVisible();
		await expect(page).toHaveURL(/\/signup/);
	});

	test('signing in with a wrong password says so in French', async ({ page }) => {
		const user = await createUser({ role: 'member' });
		await page.goto('/login');
		await page.getByLabel('Adresse e-mail').fill(user.email);
		await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais-mot-de-passe');
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
		await expectAccessible(page);
	});

	test('a protected page sends visitors to sign-in and back to where they were going', async ({
		page
	}) => {
		const user = await createUser({ role: 'member' });
		await page.goto('/companies?q=Lumen');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcompanies%3Fq%3DLumen/);
		await page.getByLabel('Adresse e-mail').fill(user.email);
		await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
		await page.getByRole('button', { name: 'Se connecter' }).click();
		await expect(page).toHaveURL(/\/companies\?q=Lumen$/);
		await expect(page.getByRole('link', { name: 'Atelier Lumen' })).toBeVisible();
	});

	test('a forgotten password is reset through the e-mailed link', async ({ page }) => {
		const user = await createUser({ role: 'member' });
		const sentAt = new Date(Date.now() - 1000);
		await page.goto('/forgot-password');
		await page.getByLabel('Adresse e-mail').fill(user.email);
		await page.getByRole('button', { name: 'Envoyer le lien' }).click();
		await expect(page.getByRole('status')).toContainText('un e-mail vient de vous être envoyé');

		const email = await latestEmail(user.email, { after: sentAt });
		await page.goto(linkIn(email, /verify|auth\/confirm/));
		await expect(page).toHaveURL(/\/reset-password/);
		const newPassword = 'Nouveau-Secret-2026';
		await page.getByLabel('Nouveau mot de passe').fill(newPassword);
		await page.getByLabel('Confirmer le mot de passe').fill(newPassword);
		await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
		await expect(page).toHaveURL(/\/dashboard/);

		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await signIn(page, { email: user.email, password: newPassword });
	});

	test('an unusable e-mail link says so in French instead of failing silently', async ({
		page
	}) => {
		await page.goto('/auth/confirm?code=lien-perime&next=/reset-password');
		await expect(page).toHaveURL(/\/forgot-password\?expired=1/);
		await expect(page.getByRole('status')).toHaveText(
			'Ce lien est invalide ou a expiré. Demandez-en un nouveau.'
		);
		await expectAccessible(page);
		await page.goto('/auth/confirm?code=lien-perime&next=/dashboard');
		await expect(page).toHaveURL(/\/login\?link=expired/);
		await expect(page.getByRole('status')).toContainText(
			'Ce lien de connexion est invalide ou a expiré.'
		);
		await expectAccessible(page);
	});
});
