import { expect, test } from '@playwright/test';

test('the landing page greets visitors in French', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réseau Entrepreneurs');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
