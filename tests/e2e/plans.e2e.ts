import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createUser, signIn } from './support/users.ts';
import { admin, insertRows, sql } from './support/workspace.ts';

const ZONE = 'Europe/Paris'; // the browser's zone (playwright.config.ts), hence the app's

/** The wall clock of Paris at an instant, as <input type="date|time"> values. */
function paris(instant: Date) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('fr-FR', {
			timeZone: ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(instant)
			.map((part) => [part.type, part.value])
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`
	};
}

const addDays = (day: string, count: number) =>
	new Date(Date.parse(`${day}T12:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);

test.describe('planning', () => {
	test('a member plans an item in their time zone, finds it in the week, month and list views, edits and deletes it', async ({
		page
	}) => {
		const member = await createUser({ role: 'member' });
		await signIn(page, member, '/plans');
		const today = paris(new Date()).date;
		await expect(page.locator(`[role="gridcell"][data-day="${today}"]`)).toHaveAttribute(
			'aria-current',
			'date'
		);
		await expect(page.getByRole('heading', { level: 2 })).toContainText('Semaine du');
		await expect(page.getByText('Rien de prévu cette semaine.')).toBeVisible();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Nouvel élément' }).click();
		await expect(page).toHaveURL(new RegExp(`/plans/new\\?date=${today}`));
		await expect(page.getByLabel('Date')).toHaveValue(today);
		await page.getByLabel('Durée (minutes)').fill('0');
		await page.getByRole('button', { name: 'Planifier' }).click();
		await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
		await expect(
			page.getByText('La durée doit être un nombre entier de minutes entre 1 et 1440.')
		).toBeVisible();
		await expectAccessible(page);

		// Half past midnight in Paris is still the day before in UTC: the agenda must use Paris.
		const day = addDays(today, 7);
		await page.getByLabel('Titre').fill('Petit-déjeuner des créateurs');
		await page.getByLabel('Date').fill(day);
		await page.getByLabel('Heure').fill('00:30');
		await page.getByLabel('Durée (minutes)').fill('90');
		await page.getByLabel('Rappel').selectOption({ label: '1 h avant' });
		await page.getByLabel('Lieu').fill('Café des Pentes, Lyon');
		await page.getByLabel('Description').fill('Apporter des cartes de visite.');
		await page.getByRole('button', { name: 'Planifier' }).click();

		await expect(page).toHaveURL(new RegExp(`/plans\\?view=week&date=${day}`));
		const { data: rows } = await admin()
			.from('plans')
			.select('id, starts_at, reminder_at')
			.eq('owner_id', member.id);
		expect(rows).toHaveLength(1);
		const startsAt = new Date(rows![0].starts_at);
		expect(paris(startsAt)).toEqual({ date: day, time: '00:30' });
		expect(new Date(rows![0].reminder_at!).getTime()).toBe(startsAt.getTime() - 3_600_000);
		const cell = page.locator(`[role="gridcell"][data-day="${day}"]`);
		await expect(
			cell.getByRole('link', { name: /00:30\s*Petit-déjeuner des créateurs/ })
		).toBeVisible();
		await expect(
			page.locator(`[role="gridcell"][data-day="${addDays(day, -1)}"]`)
		).not.toContainText('Petit-déjeuner');
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Semaine précédente' }).click();
		await expect(page.locator(`[role="gridcell"][data-day="${today}"]`)).toHaveAttribute(
			'aria-current',
			'date'
		);
		await page.getByRole('link', { name: 'Semaine suivante' }).click();
		await expect(cell).toContainText('Petit-déjeuner des créateurs');

		await page.getByRole('link', { name: 'Mois', exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`view=month&date=${day}`));
		await expect(page.locator(`[role="gridcell"][data-day="${day}"]`)).toContainText(
			'Petit-déjeuner des créateurs'
		);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Liste', exact: true }).click();
		const item = page.getByRole('listitem').filter({ hasText: 'Petit-déjeuner des créateurs' });
		await expect(item).toContainText('00:30');
		await expect(item).toContainText('02:00');
		await expect(item).toContainText('1 h 30');
		await expect(item).toContainText('Café des Pentes, Lyon');
		await expect(item).toContainText('1 h avant');
		await expectAccessible(page);

		await item.getByRole('link', { name: 'Petit-déjeuner des créateurs' }).click();
		await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
		await expect(page.getByText(/de 00:30 à 02:00/)).toBeVisible();
		await expect(page.getByText('Apporter des cartes de visite.')).toBeVisible();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Modifier' }).click();
		await expect(page.getByLabel('Heure')).toHaveValue('00:30');
		await expect(page.getByLabel('Date')).toHaveValue(day);
		await page.getByLabel('Titre').fill('Petit-déjeuner du réseau');
		await page.getByLabel('Heure').fill('08:15');
		await page.getByLabel('Rappel').selectOption({ label: 'Aucun rappel' });
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Petit-déjeuner du réseau' })
		).toBeVisible();
		await expect(page.getByText(/de 08:15 à 09:45/)).toBeVisible();
		await expect(page.getByText('Aucun rappel')).toBeVisible();

		await page.getByRole('button', { name: 'Supprimer' }).click();
		await page
			.getByRole('dialog', { name: 'Supprimer cet élément ?' })
			.getByRole('button', { name: 'Supprimer l’élément' })
			.click();
		await expect(page).toHaveURL(new RegExp(`/plans\\?view=week&date=${day}`));
		await expect(page.getByText('Rien de prévu cette semaine.')).toBeVisible();
		const { data: left } = await admin().from('plans').select('id').eq('owner_id', member.id);
		expect(left).toEqual([]);
	});

	test('the agenda grid is navigated with the keyboard, across weeks and months', async ({
		page
	}) => {
		const member = await createUser({ role: 'member' });
		const monday = '2026-03-23'; // the week of the spring DST change in Paris
		await insertRows('plans', [
			{ owner_id: member.id, title: 'Avant le changement', starts_at: '2026-03-28T22:30:00Z' }, // Sat 28, 23:30 CET
			{ owner_id: member.id, title: 'Après le changement', starts_at: '2026-03-29T22:30:00Z' } // Mon 30, 00:30 CEST
		]);
		await signIn(page, member, `/plans?view=week&date=${monday}`);
		await expect(page.locator('[role="gridcell"][data-day="2026-03-28"]')).toContainText(
			'Avant le changement'
		);
		await expect(page.locator('[role="gridcell"][data-day="2026-03-29"]')).not.toContainText(
			'Après'
		);

		const focusedDay = () =>
			page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.day ?? null);
		await page.locator(`[role="gridcell"][data-day="${monday}"]`).focus();
		await page.keyboard.press('ArrowRight');
		expect(await focusedDay()).toBe('2026-03-24');
		await page.keyboard.press('End');
		expect(await focusedDay()).toBe('2026-03-29');
		await page.keyboard.press('ArrowRight'); // past the edge: the next week opens, focus kept
		await expect(page).toHaveURL(/date=2026-03-30/);
		await expect.poll(focusedDay).toBe('2026-03-30');
		await expect(page.locator('[role="gridcell"][data-day="2026-03-30"]')).toContainText(
			'Après le changement'
		);
		await page.keyboard.press('Enter');
		await expect(page.getByRole('link', { name: /00:30\s*Après le changement/ })).toBeFocused();

		await page.goto('/plans?view=month&date=2026-03-15');
		await expect(page.getByRole('heading', { level: 2 })).toHaveText('Mars 2026');
		await expect(page.getByRole('grid').getByRole('row')).toHaveCount(7); // header + 6 weeks
		await page.locator('[role="gridcell"][data-day="2026-03-15"]').focus();
		await page.keyboard.press('ArrowDown');
		expect(await focusedDay()).toBe('2026-03-22');
		await page.keyboard.press('PageDown');
		await expect(page.getByRole('heading', { level: 2 })).toHaveText('Avril 2026');
		await expect.poll(focusedDay).toBe('2026-04-22');
		await page.getByRole('link', { name: 'Mois précédent' }).click();
		await expect(page.getByRole('heading', { level: 2 })).toHaveText('Mars 2026');
		await expectAccessible(page);
	});

	test('a reminder that falls due becomes a notification leading to the planned item', async ({
		page
	}) => {
		const member = await createUser({ role: 'member' });
		await signIn(page, member, '/plans/new');
		// Starts in ten minutes with a reminder fifteen minutes before: already due.
		const start = paris(new Date(Date.now() + 10 * 60_000));
		await page.getByLabel('Titre').fill('Appel avec la banque');
		await page.getByLabel('Date').fill(start.date);
		await page.getByLabel('Heure').fill(start.time);
		await page.getByLabel('Rappel').selectOption({ label: '15 min avant' });
		await page.getByRole('button', { name: 'Planifier' }).click();
		await expect(page).toHaveURL(/\/plans\?view=week/);

		// What pg_cron (the local stack's stand-in) runs every minute, run now so the test need not wait.
		await sql('select private.dispatch_due_reminders()');
		const { data: notifications } = await admin()
			.from('notifications')
			.select('kind, title, body, link')
			.eq('user_id', member.id)
			.eq('kind', 'plan_reminder');
		expect(notifications).toHaveLength(1);
		expect(notifications![0].title).toBe('Rappel : Appel avec la banque');
		expect(notifications![0].link).toMatch(/^\/plans\/[0-9a-f-]{36}$/);

		await page.goto(notifications![0].link!);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Appel avec la banque' })
		).toBeVisible();
		await expect(page.getByText(/Rappel envoyé le/)).toBeVisible();
		await expectAccessible(page);
	});

	test('another member opening someone else’s planned item gets a 404 page', async ({ page }) => {
		const owner = await createUser({ role: 'member' });
		const [planId] = await insertRows('plans', [
			{
				owner_id: owner.id,
				title: 'Rendez-vous privé',
				starts_at: new Date(Date.now() + 86_400_000).toISOString()
			}
		]);
		const other = await createUser({ role: 'member' });
		await signIn(page, other);
		const response = await page.goto(`/plans/${planId}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByText('Cette page est introuvable.')).toBeVisible();
		await expect(page.getByText('Rendez-vous privé')).toHaveCount(0);
		await expectAccessible(page);
	});
});
