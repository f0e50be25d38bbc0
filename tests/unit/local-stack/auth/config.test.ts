import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authSettings } from '../../../../local-stack/auth/config.ts';
import { loadProjectConfig } from '../../../../local-stack/project.ts';

function project(toml: string) {
	const root = mkdtempSync(join(tmpdir(), 'auth-config-'));
	mkdirSync(join(root, 'supabase'));
	writeFileSync(join(root, 'supabase', 'config.toml'), toml);
	return { root, config: loadProjectConfig(root) };
}

describe('GoTrue settings from config.toml', () => {
	it('follows the CLI defaults: autoconfirm, Auth URL as issuer, 1 s resend interval', () => {
		const settings = authSettings(project('').config, 'http://127.0.0.1:54321');
		expect(settings).toMatchObject({
			autoconfirm: true,
			issuer: 'http://127.0.0.1:54321/auth/v1',
			externalUrl: 'http://127.0.0.1:54321/auth/v1',
			siteUrl: 'http://127.0.0.1:3000',
			maxFrequencyMs: 1000,
			minPasswordLength: 6,
			otpLength: 6,
			rotation: true,
			reuseIntervalSeconds: 10,
			sender: { name: 'Admin', address: 'admin@email.com' },
			rateLimits: { emailSent: 2, tokenRefresh: 150, otp: 30, verify: 30 }
		});
	});

	it('applies GoTrue floors to too-small values', () => {
		const { config } = project(
			'[auth]\nminimum_password_length = 2\n[auth.email]\notp_length = 3\nmax_frequency = "0s"\n'
		);
		const settings = authSettings(config, 'http://x');
		expect([settings.minPasswordLength, settings.otpLength, settings.maxFrequencyMs]).toEqual([
			6, 6, 60_000
		]);
	});

	it('reads email templates with paths from the folder above supabase/, and jwt_issuer', () => {
		const { root, config } = project(
			'[auth]\njwt_issuer = "https://issuer.test/auth/v1"\n[auth.email.template.recovery]\nsubject = "Code"\ncontent_path = "./supabase/templates/recovery.html"\n[inbucket]\nadmin_email = "no-reply@site.test"\nsender_name = "Site"\n'
		);
		const settings = authSettings(config, 'http://x');
		expect(settings.templates.recovery).toEqual({
			subject: 'Code',
			contentPath: join(root, 'supabase', 'templates', 'recovery.html')
		});
		expect(settings.issuer).toBe('https://issuer.test/auth/v1');
		expect(settings.sender).toEqual({ name: 'Site', address: 'no-reply@site.test' });
	});

	it('reads [auth.email] enable_signup as the email provider switch, like the CLI', () => {
		const settings = authSettings(
			project('[auth.email]\nenable_signup = false\n').config,
			'http://x'
		);
		expect(settings.emailEnabled).toBe(false);
	});
});
