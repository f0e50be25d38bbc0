// Notifications: the bell's unseen count live on every page with a toast on arrival, the list
// (newest first, more on demand, live), marking one or all seen, and every link kind the
// database writes leading to a page.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createCoachingSession } from './support/livekit.ts';
import { bell, expectBell, openAs, seedMessages, service, waitLive } from './support/messaging.ts';
import { createUser } from './support/users.ts';

/** Notifications written as the platform writes them (triggers and server code: service role). */
async function notify(
	userId: string,
	rows: { title: string; kind?: string; link?: string | null; minutesAgo?: number }[]
) {
	const now = Date.now();
	const { error } = await service()
		.from('notifications')
		.insert(
			rows.map((row) => ({
				user_id: userId,
				kind: (row.kind ?? 'system') as 'system',
				title: row.title,
				body: '',
				link: row.link ?? null,
				created_at: new Date(now - (row.minutesAgo ?? 0) * 60_000).toISOString()
			}))
		);
	if (error) throw error;
}

test.describe('notifications', () => {
	test('the bell counts a new notification live on any page, toasts it, and the toast leads to what it is about', async ({
		browser
	}) => {
		const alice = await createUser({ role: 'member', firstName: 'Alice', lastName: 'Caron' });
		const bruno = await createUser({ role: 'member', firstName: 'Bruno', lastName: 'Lambert' });
		const b = await openAs(browser, bruno);
		await waitLive(b.page);
		await expectBell(b.page, 0);

		await seedMessages([{ from: alice, to: bruno, body: 'Un petit mot pour toi' }]);
		await expectBell(b.page, 1);
		const toast = b.page
			.getByRole('status')
			.getByRole('link', { name: 'Nouveau message de Alice Caron' });
		await expect(toast).toBeVisible();
		await toast.click();
		await expect(b.page).toHaveURL(new RegExp(`/messages/${alice.id}$`));
		await expect(b.page.getByText('Un petit mot pour toi')).toBeVisible();
		// Reading the conversation is seeing its notification.
		await expectBell(b.page, 0);

		// The count is rendered by the server too, before any script runs.
		await notify(bruno.id, [{ title: 'Bienvenue' }]);
		await expectBell(b.page, 1);
		const fresh = await b.context.newPage();
		await fresh.route('**/*.js', (route) => route.abort());
		await fresh.goto('/dashboard');
		await expect(bell(fresh)).toHaveAccessibleName('Notifications, 1 non vue(s)');
		await b.context.close();
	});

	test('the list shows the newest first, loads more, follows new ones live and marks one or all seen', async ({
		browser
	}) => {
		const bruno = await createUser({ role: 'member', firstName: 'Bruno', lastName: 'Giraud' });
		await notify(
			bruno.id,
			Array.from({ length: 25 }, (_, i) => ({ title: `Information ${i + 1}`, minutesAgo: 100 - i }))
		);
		const b = await openAs(browser, bruno, '/notifications');
		await waitLive(b.page);
		const items = b.page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
		await expect(items).toHaveCount(20);
		await expect(items.first()).toContainText('Information 25');
		await expectBell(b.page, 25);
		await expect(b.page.getByText('25 non vue(s)')).toBeVisible();
		await expectAccessible(b.page);

		await b.page.getByRole('link', { name: 'Charger plus' }).click();
		await expect(items).toHaveCount(25);
		await expect(items.last()).toContainText('Information 1');
		await expect(b.page.getByText('Vous avez tout vu.')).toBeVisible();
		const titles = await items.locator('.title').allInnerTexts();
		expect(new Set(titles).size).toBe(25);

		const third = items.filter({ hasText: 'Information 23' });
		await third.getByRole('button', { name: /Marquer comme vue/ }).click();
		await expect(third).not.toContainText('Non vue');
		await expectBell(b.page, 24);

		await notify(bruno.id, [{ title: 'Tout frais' }]);
		await expect(items.first()).toContainText('Tout frais');
		await expect(items).toHaveCount(26);
		await expectBell(b.page, 25);

		await b.page.getByRole('button', { name: 'Tout marquer comme vu' }).click();
		await expectBell(b.page, 0);
		await expect(b.page.getByText('Non vue', { exact: true })).toHaveCount(0);
		await expect(b.page.getByRole('button', { name: 'Tout marquer comme vu' })).toHaveCount(0);
		await b.context.close();
	});

	test('every link kind the database writes leads to a page the user can open', async ({
		browser
	}) => {
		const member = await createUser({ role: 'member', firstName: 'Maëlle', lastName: 'Roche' });
		const coach = await createUser({ role: 'coach', firstName: 'Hugo', lastName: 'Marchand' });
		const { sessionId } = await createCoachingSession(member.id, coach.id);
		const db = service();
		const session = await db
			.from('coaching_sessions')
			.select('request_id')
			.eq('id', sessionId)
			.single();
		if (session.error) throw session.error;
		const plan = await db
			.from('plans')
			.insert({
				owner_id: member.id,
				title: 'Préparer le pitch',
				starts_at: new Date(Date.now() + 86_400_000).toISOString(),
				duration_minutes: 30
			})
			.select('id')
			.single();
		if (plan.error) throw plan.error;
		// The paths of supabase/migrations (requests, sessions, messages, reminders) and seed.sql.
		await notify(member.id, [
			{
				title: 'Demande',
				kind: 'coaching_request_accepted',
				link: `/coaching-requests/${session.data.request_id}`
			},
			{
				title: 'Séance',
				kind: 'coaching_session_completed',
				link: `/coaching-sessions/${sessionId}`
			},
			{ title: 'Message', kind: 'message_received', link: `/messages/${coach.id}` },
			{ title: 'Rappel', kind: 'plan_reminder', link: `/plans/${plan.data.id}` },
			{ title: 'Bienvenue', kind: 'system', link: '/profile' }
		]);

		const m = await openAs(browser, member, '/notifications');
		const links = m.page.getByRole('list', { name: 'Notifications' }).getByRole('link');
		await expect(links).toHaveCount(5);
		const hrefs = await links.evaluateAll((anchors) =>
			anchors.map((anchor) => anchor.getAttribute('href'))
		);
		expect(hrefs).toContain('/profile');
		for (const href of hrefs) {
			const response = await m.page.goto(href!);
			expect(response?.status(), href!).toBe(200);
			await expect(m.page.getByText(/^Erreur \d+$/)).toHaveCount(0);
		}

		// Following one from the list marks it seen.
		await m.page.goto('/notifications');
		const reminder = m.page.getByRole('listitem').filter({ hasText: 'Rappel' });
		await expect(reminder).toContainText('Non vue');
		const before = Number(
			/(\d+) non vue/.exec((await bell(m.page).getAttribute('aria-label')) ?? '')?.[1] ?? 0
		);
		await reminder.getByRole('link', { name: 'Rappel' }).click();
		await expect(m.page).toHaveURL(new RegExp(`/plans/${plan.data.id}$`));
		await expectBell(m.page, before - 1);
		await expect
			.poll(async () => {
				const { data } = await db
					.from('notifications')
					.select('seen_at')
					.eq('user_id', member.id)
					.eq('title', 'Rappel')
					.single();
				return data?.seen_at ?? null;
			})
			.not.toBeNull();
		await m.context.close();
	});
});
