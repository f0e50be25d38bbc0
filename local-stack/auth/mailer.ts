// GoTrue's template mailer (internal/mailer/templatemailer): the default English subjects and
// bodies, `[auth.email.template.<kind>]` subjects and content files (re-read on every send, as
// the CLI enables template reloading), the `/verify?token=…&type=…&redirect_to=…` links, and
// delivery to the local mail catcher by an in-process call instead of SMTP.
import { readFileSync } from 'node:fs';
import type { AuthSettings } from './config.ts';
import { queryEscape } from './http.ts';
import { renderTemplate, TemplateError } from './templates.ts';

export const MailKind = {
	invite: 'invite',
	confirmation: 'confirmation',
	recovery: 'recovery',
	magicLink: 'magic_link',
	emailChange: 'email_change',
	reauthentication: 'reauthentication'
} as const;
export type MailKind = (typeof MailKind)[keyof typeof MailKind];

const DEFAULT_SUBJECTS: Record<MailKind, string> = {
	invite: "You've been invited",
	confirmation: 'Confirm your email address',
	recovery: 'Reset your password',
	magic_link: 'Your sign-in link',
	email_change: 'Confirm your new email address',
	reauthentication: '{{ .Token }} is your verification code'
};

const DEFAULT_BODIES: Record<MailKind, string> = {
	invite: `<h2>You've been invited</h2>

<p>You've been invited to create an account. Follow the link below to accept.</p>
<p><a href="{{ .ConfirmationURL }}">Accept invitation</a></p>`,
	confirmation: `<h2>Confirm your email address</h2>

<p>Follow the link below to confirm this email address and finish signing up.</p>
<p><a href="{{ .ConfirmationURL }}">Confirm email address</a></p>
`,
	recovery: `<h2>Reset your password</h2>

<p>We received a request to reset your password. Follow the link below to choose a new one.</p>
<p><a href="{{ .ConfirmationURL }}">Reset password</a></p>
<p>If you didn't request this, you can safely ignore this email.</p>`,
	magic_link: `<h2>Your sign-in link</h2>

<p>Follow the link below to sign in. This link expires shortly and can only be used once.</p>
<p><a href="{{ .ConfirmationURL }}">Sign in</a></p>`,
	email_change: `<h2>Confirm your new email address</h2>

<p>Follow the link below to confirm {{ .NewEmail }} as your new email address.</p>
<p><a href="{{ .ConfirmationURL }}">Confirm new email address</a></p>
<p>If you didn't request this change, you can safely ignore this email.</p>`,
	reauthentication: `<h2>Your verification code</h2>

<p>Use the code below to verify your identity. It expires shortly.</p>
<p>{{ .Token }}</p>`
};

export type OutgoingMail = {
	from: { name: string; address: string };
	to: { name: string; address: string }[];
	subject: string;
	html: string;
	/** The mail's kind, GoTrue's X-Supabase-Mail-Type-ish label, kept for display. */
	kind: string;
};

export type MailSink = { deliver(mail: OutgoingMail): Promise<void> };

/** encodeRedirectURL: escaped only when it carries &, = or # (otherwise taken as already encoded). */
export function encodeRedirect(url: string): string {
	return /[&=#]/.test(url) ? queryEscape(url) : url;
}

export class Mailer {
	settings: AuthSettings;
	sink: MailSink | null;
	log: (line: string) => void;

	constructor(settings: AuthSettings, sink: MailSink | null, log: (line: string) => void) {
		this.settings = settings;
		this.sink = sink;
		this.log = log;
	}

	/** The link the email carries: GOTRUE_MAILER_URLPATHS_* is `<API_EXTERNAL_URL>/verify`. */
	actionLink(token: string, type: string, redirectTo: string): string {
		return `${this.settings.externalUrl}/verify?token=${queryEscape(token)}&type=${queryEscape(type)}&redirect_to=${encodeRedirect(redirectTo)}`;
	}

	/** The subject and HTML of a mail: the project's template when set, GoTrue's default else. */
	render(kind: MailKind, data: Record<string, unknown>): { subject: string; html: string } {
		const custom = this.settings.templates[kind];
		const subject = custom?.subject ?? DEFAULT_SUBJECTS[kind];
		let body = DEFAULT_BODIES[kind];
		if (custom?.contentPath) {
			try {
				body = readFileSync(custom.contentPath, 'utf8');
			} catch (error) {
				this.log(
					`[auth] email template ${kind}: cannot read ${custom.contentPath} (${(error as Error).message}); GoTrue's default is used`
				);
			}
		}
		const render = (source: string, fallback: string, what: string) => {
			try {
				return renderTemplate(source, data);
			} catch (error) {
				if (!(error instanceof TemplateError)) throw error;
				this.log(
					`[auth] email template ${kind} ${what}: ${error.message}; GoTrue's default is used`
				);
				return renderTemplate(fallback, data);
			}
		};
		return {
			subject: render(subject, DEFAULT_SUBJECTS[kind], 'subject'),
			html: render(body, DEFAULT_BODIES[kind], 'content')
		};
	}

	async send(kind: MailKind, to: string, data: Record<string, unknown>): Promise<void> {
		const { subject, html } = this.render(kind, data);
		if (!this.sink) {
			// GoTrue without an SMTP host uses its no-op client: the mail is dropped.
			this.log(`[auth] mail catcher disabled: "${subject}" to ${to} was not delivered`);
			return;
		}
		await this.sink.deliver({
			from: this.settings.sender,
			to: [{ name: '', address: to }],
			subject,
			html,
			kind
		});
	}
}
