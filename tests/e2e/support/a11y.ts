// Accessibility gate for E2E journeys: axe-core in the real page, failing on serious and
// critical violations (WCAG 2.1 A/AA rules) with a readable list.
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export async function expectAccessible(page: Page, options: { exclude?: string[] } = {}) {
	let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	const { violations } = await builder.analyze();
	const serious = violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(
			(violation) =>
				`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
		);
	expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}
