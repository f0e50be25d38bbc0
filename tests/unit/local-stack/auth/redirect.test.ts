import { describe, expect, it } from 'vitest';
import type { AuthSettings } from '../../../../local-stack/auth/config.ts';
import { compileGlob, isRedirectUrlValid } from '../../../../local-stack/auth/redirect.ts';

const settings = (siteUrl: string, uriAllowList: string[] = []) =>
	({ siteUrl, uriAllowList }) as AuthSettings;

describe('redirect URL allow-listing', () => {
	it('allows the site itself, with any port when the site is on loopback', () => {
		const site = settings('http://127.0.0.1:5173');
		expect(isRedirectUrlValid(site, 'http://127.0.0.1:5173/auth/confirm?next=/x')).toBe(true);
		expect(isRedirectUrlValid(site, 'http://127.0.0.1:4173/auth/confirm')).toBe(true);
		expect(
			isRedirectUrlValid(settings('https://app.example.com'), 'https://app.example.com:8443/')
		).toBe(false);
		expect(isRedirectUrlValid(settings('https://app.example.com'), 'http://app.example.com/')).toBe(
			false
		);
	});

	it('allows any loopback IP but no other IP, nor decimal hosts', () => {
		const site = settings('https://app.example.com');
		expect(isRedirectUrlValid(site, 'http://127.0.0.2:3000/cb')).toBe(true);
		expect(isRedirectUrlValid(site, 'http://10.0.0.1/cb')).toBe(false);
		expect(isRedirectUrlValid(site, 'http://2130706433/cb')).toBe(false);
	});

	it('matches additional_redirect_urls as globs whose * stops at dots and slashes', () => {
		const site = settings('https://app.example.com', [
			'https://*.example.org/**',
			'http://localhost:3000',
			'myapp://callback'
		]);
		expect(isRedirectUrlValid(site, 'https://preview.example.org/auth/confirm')).toBe(true);
		expect(isRedirectUrlValid(site, 'https://a.b.example.org/x')).toBe(false);
		expect(isRedirectUrlValid(site, 'http://localhost:3000')).toBe(true);
		expect(isRedirectUrlValid(site, 'http://localhost:3000/other')).toBe(false);
		expect(isRedirectUrlValid(site, 'myapp://callback#token')).toBe(true);
		expect(isRedirectUrlValid(site, 'https://evil.com/?https://preview.example.org/')).toBe(false);
		expect(isRedirectUrlValid(site, '')).toBe(false);
	});

	it('compiles gobwas glob syntax: ?, ranges, alternatives and escapes', () => {
		expect(compileGlob('https://app-?.example.com').test('https://app-1.example.com')).toBe(true);
		expect(compileGlob('https://app-[0-9].example.com').test('https://app-x.example.com')).toBe(
			false
		);
		expect(compileGlob('https://{a,b}.example.com').test('https://b.example.com')).toBe(true);
		expect(compileGlob('https://x.com/\\*').test('https://x.com/*')).toBe(true);
		expect(compileGlob('https://x.com/\\*').test('https://x.com/a')).toBe(false);
	});
});
