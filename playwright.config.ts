import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// E2E runs the built app (adapter-node) against a fresh, seeded local stack started by
// tests/e2e/support/serve.ts; ports can be moved with E2E_* variables.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4173);
const API_PORT = Number(process.env.E2E_API_PORT ?? 55421);
const DB_PORT = Number(process.env.E2E_DB_PORT ?? 55422);
const MAIL_PORT = Number(process.env.E2E_MAIL_PORT ?? 55424);

process.env.E2E_SUPABASE_URL = `http://127.0.0.1:${API_PORT}`;
process.env.E2E_DB_URL = `postgresql://postgres:postgres@127.0.0.1:${DB_PORT}/postgres`;
process.env.E2E_MAIL_URL = `http://127.0.0.1:${MAIL_PORT}`;

const debianChromium = '/usr/bin/chromium';
const executablePath =
	process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://127.0.0.1:${APP_PORT}`,
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath,
					args: [
						'--no-sandbox',
						'--use-fake-ui-for-media-stream',
						'--use-fake-device-for-media-stream'
					]
				}
			}
		}
	],
	webServer: {
		command: 'node tests/e2e/support/serve.ts',
		url: `http://127.0.0.1:${APP_PORT}/health`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGINT', timeout: 20_000 },
		env: {
			E2E_APP_PORT: String(APP_PORT),
			E2E_API_PORT: String(API_PORT),
			E2E_DB_PORT: String(DB_PORT),
			E2E_MAIL_PORT: String(MAIL_PORT)
		}
	}
});
