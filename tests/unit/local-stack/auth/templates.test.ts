import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuthSettings } from '../../../../local-stack/auth/config.ts';
import { encodeRedirect, Mailer } from '../../../../local-stack/auth/mailer.ts';
import type { OutgoingMail } from '../../../../local-stack/auth/mailer.ts';
import { renderTemplate, TemplateError } from '../../../../local-stack/auth/templates.ts';

describe('Go template rendering', () => {
	it('substitutes fields and Data keys, escaping HTML in text', () => {
		expect(
			renderTemplate('<p>Bonjour {{ .Data.first_name }}, {{ .Email }}</p>', {
				Email: 'a&b@example.com',
				Data: { first_name: '<Inès>' }
			})
		).toBe('<p>Bonjour &lt;Inès&gt;, a&amp;b@example.com</p>');
	});

	it('normalises URLs in href and escapes their & for the attribute', () => {
		expect(
			renderTemplate('<a href="{{ .ConfirmationURL }}">x</a>', {
				ConfirmationURL: 'http://h/verify?token=a b&type=recovery'
			})
		).toBe('<a href="http://h/verify?token=a%20b&amp;type=recovery">x</a>');
	});

	it('query-escapes a value placed after ? in a URL attribute, and blocks unsafe schemes', () => {
		expect(
			renderTemplate('<a href="{{ .SiteURL }}/confirm?next={{ .RedirectTo }}">x</a>', {
				SiteURL: 'http://site',
				RedirectTo: 'http://site/a?b=c'
			})
		).toBe(
			'<a href="http://site/confirm?next=http%3a%2f%2fsite%2fa%3fb%3dc">x</a>'.replace(
				/%[0-9a-f]{2}/g,
				(m) => m.toUpperCase()
			)
		);
		expect(renderTemplate('<a href="{{ .X }}">x</a>', { X: 'javascript:alert(1)' })).toBe(
			'<a href="#ZgotmplZ">x</a>'
		);
	});

	it('supports if/else, comments and whitespace trimming', () => {
		const source = '{{/* note */}}{{ if .Token }}code {{- " " -}}{{ else }}none{{ end }}';
		expect(() => renderTemplate(source, {})).toThrow(TemplateError);
		expect(
			renderTemplate('{{ if .Token }}code {{ .Token }}{{ else }}none{{ end }}', { Token: '123456' })
		).toBe('code 123456');
		expect(renderTemplate('{{ if .Token }}x{{ else }}none{{ end }}', { Token: '' })).toBe('none');
		expect(renderTemplate('a  {{- .B -}}  c', { B: 'b' })).toBe('abc');
		expect(renderTemplate('{{/* hidden */}}shown', {})).toBe('shown');
	});

	it('refuses actions it does not implement with a TemplateError', () => {
		expect(() => renderTemplate('{{ range .Data }}x{{ end }}', {})).toThrow(TemplateError);
		expect(() => renderTemplate('{{ .Email | printf "%s" }}', {})).toThrow(TemplateError);
		expect(() => renderTemplate('{{ if .A }}never closed', {})).toThrow(TemplateError);
	});
});

const settings = (templates: AuthSettings['templates'] = {}) =>
	({
		externalUrl: 'http://127.0.0.1:54321/auth/v1',
		templates,
		sender: { name: 'Admin', address: 'admin@email.com' }
	}) as AuthSettings;

describe('the template mailer', () => {
	it('builds /verify links with the token, the type and an escaped redirect_to', () => {
		const mailer = new Mailer(settings(), null, () => undefined);
		expect(
			mailer.actionLink(
				'pkce_abc',
				'recovery',
				'http://127.0.0.1:4173/auth/confirm?next=/reset-password'
			)
		).toBe(
			'http://127.0.0.1:54321/auth/v1/verify?token=pkce_abc&type=recovery&redirect_to=http%3A%2F%2F127.0.0.1%3A4173%2Fauth%2Fconfirm%3Fnext%3D%2Freset-password'
		);
		expect(encodeRedirect('http://127.0.0.1:5173/welcome')).toBe('http://127.0.0.1:5173/welcome');
	});

	it('sends GoTrue default subject and body to the sink', async () => {
		const sent: OutgoingMail[] = [];
		const mailer = new Mailer(
			settings(),
			{ deliver: async (mail) => void sent.push(mail) },
			() => undefined
		);
		await mailer.send('recovery', 'a@example.com', {
			ConfirmationURL: 'http://x/verify?token=t&type=recovery'
		});
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({
			from: { name: 'Admin', address: 'admin@email.com' },
			to: [{ name: '', address: 'a@example.com' }],
			subject: 'Reset your password'
		});
		expect(sent[0].html).toContain(
			'<a href="http://x/verify?token=t&amp;type=recovery">Reset password</a>'
		);
		const code = mailer.render('reauthentication', { Token: '123456' });
		expect(code.subject).toBe('123456 is your verification code');
	});

	it('uses the project subject and content_path file, re-read at each send', () => {
		const dir = mkdtempSync(join(tmpdir(), 'auth-template-'));
		const file = join(dir, 'recovery.html');
		writeFileSync(file, '<p>Code : {{ .Token }}</p>');
		const mailer = new Mailer(
			settings({ recovery: { subject: 'Réinitialisez {{ .Email }}', contentPath: file } }),
			null,
			() => undefined
		);
		expect(mailer.render('recovery', { Token: '42', Email: 'a@b.c' })).toEqual({
			subject: 'Réinitialisez a@b.c',
			html: '<p>Code : 42</p>'
		});
		writeFileSync(file, '<p>Nouveau {{ .Token }}</p>');
		expect(mailer.render('recovery', { Token: '7' }).html).toBe('<p>Nouveau 7</p>');
	});

	it('falls back to the default body, and says so, when a custom template cannot be used', () => {
		const lines: string[] = [];
		const mailer = new Mailer(
			settings({ confirmation: { subject: null, contentPath: '/nonexistent/confirm.html' } }),
			null,
			(line) => lines.push(line)
		);
		expect(mailer.render('confirmation', {}).html).toContain('Confirm your email address');
		expect(lines[0]).toMatch(/cannot read \/nonexistent\/confirm.html/);
	});
});
