// Test users for E2E journeys: unique addresses per run, created through the UI or, when a
// journey does not test sign-up itself, with the service-role admin API of the E2E stack.
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export const PASSWORD = 'Motdepasse-Solide-42';

export function uniqueEmail(prefix: string) {
	return `${prefix}-${randomUUID().slice(0, 8)}@exemple.fr`;
}

function admin() {
	const url = process.env.E2E_SUPABASE_URL;
	if (!url) throw new Error('E2E_SUPABASE_URL is not set (see playwright.config.ts)');
	// The local stack's well-known secret key; E2E always runs on a local stack.
	return createClient(url, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz', {
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

export async function createUser(options: {
	role: 'member' | 'company' | 'coach';
	firstName?: string;
	lastName?: string;
	email?: string;
}) {
	const email = options.email ?? uniqueEmail(options.role);
	const firstName = options.firstName ?? 'Camille';
	const lastName = options.lastName ?? 'Martin';
	const { data, error } = await admin().auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { first_name: firstName, last_name: lastName, role: options.role }
	});
	if (error) throw error;
	return {
		id: data.user.id,
		email,
		password: PASSWORD,
		firstName,
		lastName,
		name: `${firstName} ${lastName}`
	};
}

export async function signIn(
	page: Page,
	user: { email: string; password: string },
	redirectTo?: string
) {
	await page.goto(redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login');
	await page.getByLabel('Adresse e-mail').fill(user.email);
	await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
	await page.getByRole('button', { name: 'Se connecter' }).click();
	await expect(page).toHaveURL(
		redirectTo ? new RegExp(redirectTo.replace(/[?]/g, '\\?')) : /\/dashboard/
	);
}
