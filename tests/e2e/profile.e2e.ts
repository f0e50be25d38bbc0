import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { actionResult, objectsIn, pictures, postAction, row } from './support/companies.ts';
import { latestEmail, linkIn } from './support/mail.ts';
import { createUser, signIn, uniqueEmail } from './support/users.ts';

test.describe('profile', () => {
	test('a member edits their public profile; the shell shows the new name and the role stays', async ({
		page
	}) => {
		const user = await createUser({ role: 'member', firstName: 'Camille', lastName: 'Martin' });
		await signIn(page, user);
		await page.getByRole('link', { name: 'Mon profil' }).first().click();
		await expect(page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
		await expect(page.getByText('Type de compte : Membre')).toBeVisible();
		await expect(page.getByRole('combobox')).toHaveCount(0);
		await expectAccessible(page);

		await page.getByLabel('Prénom').fill('');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();

		await page.getByLabel('Prénom').fill('Camille-Anne');
		await page.getByLabel('Titre').fill('Fondatrice de Lumière & Cie');
		await page.getByLabel('Présentation').fill('Entrepreneuse lyonnaise, éclairage durable.');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await expect(page.getByText('Profil mis à jour.')).toBeVisible();
		await expect(page.locator('.topbar')).toContainText('Camille-Anne');

		await page.reload();
		await expect(page.getByLabel('Titre')).toHaveValue('Fondatrice de Lumière & Cie');
		await expect(page.getByLabel('Présentation')).toHaveValue(
			'Entrepreneuse lyonnaise, éclairage durable.'
		);

		// A hand-made post with a role is read without it: the role is never sent.
		const forged = await actionResult(
			await postAction(page, '/profile?/update', {
				first_name: 'Camille-Anne',
				last_name: 'Martin',
				role: 'coach'
			})
		);
		expect(forged.type).toBe('success');
		expect((await row<{ role: string }>('profiles', user.id, 'role'))?.role).toBe('member');
	});

	test('an avatar is checked before upload, shown once saved, and replacing or removing it leaves no old file', async ({
		page
	}) => {
		const user = await createUser({ role: 'coach', firstName: 'Sophie', lastName: 'Lefèvre' });
		await signIn(page, user);
		await page.goto('/profile');

		const picker = page.getByLabel('Choisir une photo');
		await picker.setInputFiles(pictures.gif);
		await expect(page.getByText('Formats acceptés : JPEG, PNG ou WebP.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Enregistrer la photo' })).toBeDisabled();
		await picker.setInputFiles(pictures.huge(3));
		await expect(page.getByText('Cette image dépasse 2 Mo.')).toBeVisible();
		await expectAccessible(page);

		await picker.setInputFiles(pictures.red);
		await expect(page.getByRole('img', { name: 'Aperçu de la nouvelle photo' })).toBeVisible();
		await page.getByRole('button', { name: 'Enregistrer la photo' }).click();
		await expect(page.getByText('Photo de profil mise à jour.')).toBeVisible();
		const shellAvatar = page.locator('.topbar a[href="/profile"] img');
		await expect(shellAvatar).toHaveAttribute(
			'src',
			new RegExp(`/storage/v1/object/public/avatars/${user.id}/[a-z0-9]{8}-affiche-ete\\.png$`)
		);
		await expect
			.poll(() => shellAvatar.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBe(16);
		const first = await objectsIn('avatars', user.id);
		expect(first).toHaveLength(1);
		expect(
			(await row<{ avatar_path: string }>('profiles', user.id, 'avatar_path'))?.avatar_path
		).toBe(first[0]);

		// The server applies the same rule to a hand-made post, and keeps nothing.
		const refused = await actionResult(
			await postAction(page, '/profile?/avatar', { avatar: pictures.gif })
		);
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		expect(refused.data).toContain('Formats acceptés : JPEG, PNG ou WebP.');
		const tooBig = await actionResult(
			await postAction(page, '/profile?/avatar', { avatar: pictures.huge(3) })
		);
		expect(tooBig.data).toContain('Cette image dépasse 2 Mo.');
		expect(await objectsIn('avatars', user.id)).toEqual(first);

		await page.getByLabel('Choisir une photo').setInputFiles(pictures.blue);
		await page.getByRole('button', { name: 'Enregistrer la photo' }).click();
		await expect(shellAvatar).toHaveAttribute('src', /portrait\.png$/);
		const second = await objectsIn('avatars', user.id);
		expect(second).toHaveLength(1);
		expect(second[0]).not.toBe(first[0]);

		await page.getByRole('button', { name: 'Retirer la photo' }).click();
		await expect(page.getByText('Photo de profil retirée.')).toBeVisible();
		await expect(shellAvatar).toHaveCount(0);
		expect(await objectsIn('avatars', user.id)).toEqual([]);
		expect(
			(await row<{ avatar_path: string | null }>('profiles', user.id, 'avatar_path'))?.avatar_path
		).toBeNull();
	});

	test('a member changes their password, and asks for a new e-mail address confirmed by e-mail', async ({
		page
	}) => {
		const user = await createUser({ role: 'company' });
		await signIn(page, user);
		await page.goto('/profile');

		await page.getByLabel('Nouveau mot de passe').fill('court');
		await page.getByLabel('Confirmer le mot de passe').fill('court');
		await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
		await expect(page.getByText('Ce mot de passe est trop faible')).toBeVisible();

		const password = 'Nouveau-Secret-2027';
		await page.getByLabel('Nouveau mot de passe').fill(password);
		await page.getByLabel('Confirmer le mot de passe').fill(password);
		await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
		await expect(page.getByText('Votre mot de passe a été modifié.')).toBeVisible();

		await page.getByLabel('Nouvelle adresse e-mail').fill(user.email);
		await page.getByRole('button', { name: 'Changer d’adresse' }).click();
		await expect(page.getByText('C’est déjà l’adresse de votre compte.')).toBeVisible();

		const next = uniqueEmail('nouvelle');
		const askedAt = new Date(Date.now() - 1000);
		await page.getByLabel('Nouvelle adresse e-mail').fill(next);
		await page.getByRole('button', { name: 'Changer d’adresse' }).click();
		await expect(page.getByText('ouvrez le lien de confirmation reçu')).toBeVisible();
		await expectAccessible(page);
		// The new address's link completes the change; with double confirmation (when the project
		// asks for it) the first link opened says so and the other address's link finishes it.
		await page.goto(linkIn(await latestEmail(next, { after: askedAt }), /verify|auth\/confirm/));
		if (/email=other/.test(page.url())) {
			await expect(page.getByText('Premier lien confirmé')).toBeVisible();
			await page.goto(
				linkIn(await latestEmail(user.email, { after: askedAt }), /verify|auth\/confirm/)
			);
		}
		await expect(page).toHaveURL(/\/profile\?email=changed/);
		await expect(page.getByText('Votre adresse e-mail a été modifiée.')).toBeVisible();
		await expect(page.getByText(`Adresse e-mail du compte : ${next}`)).toBeVisible();

		await page.getByRole('button', { name: 'Se déconnecter' }).click();
		await signIn(page, { email: next, password });
	});
});
