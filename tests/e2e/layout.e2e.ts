import { expect, test } from '@playwright/test';
import { createUser, signIn } from './support/users.ts';

// The shell must fit a small phone: nothing on a signed-in page may make it scroll sideways.
test.describe('layout on a phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('signed-in pages fit a 360 px wide screen without scrolling sideways', async ({ page }) => {
		const member = await createUser({ role: 'member' });
		await signIn(page, member);
		for (const path of [
			'/dashboard',
			'/companies',
			'/contacts',
			'/documents',
			'/plans',
			'/profile',
			'/messages',
			'/notifications',
			'/coaches',
			'/coaching-sessions'
		]) {
			await page.goto(path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${path} is ${overflow}px too wide`).toBeLessThanOrEqual(0);
		}
	});
});
