// GoTrue with what the main project leaves off (fixture/): email confirmations (PKCE links,
// unconfirmed sign-in refused, no account probing), the resend interval, double-confirmed
// email change, reauthentication before a password change, character rules, a custom recovery
// template, redirect globs, expired links, immediate refresh-token reuse detection, and a
// sign-up trigger that fails.
import { resolve } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import {
	admin,
	authFetch,
	client,
	follow,
	fragment,
	linkIn,
	mailsTo,
	uniqueEmail
} from './helpers.ts';

const PASSWORD = 'Fixture-Secret-2026';
let stack: FixtureStack;
let db: pg.Client;

beforeAll(async () => {
	stack = await startFixtureStack(resolve(import.meta.dirname, 'fixture'));
	db = await connectDb(stack.dbUrl);
});
afterAll(async () => {
	await db?.end();
	await stack?.close();
});

async function confirmedAccount(label: string, metadata: Record<string, unknown> = {}) {
	const email = uniqueEmail(label);
	const { data, error } = await admin(stack).auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: metadata
	});
	if (error) throw error;
	return { id: data.user!.id, email };
}

describe('sign-up with confirmations on', () => {
	it('answers the user without a session and emails a PKCE link that confirms it', async () => {
		const email = uniqueEmail('confirmer');
		const browser = client(stack, { pkce: true });
		const since = new Date(Date.now() - 1000);
		const { data, error } = await browser.auth.signUp({
			email,
			password: PASSWORD,
			options: { emailRedirectTo: 'https://feature-1.preview.test/auth/callback' }
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user?.email_confirmed_at).toBeUndefined();
		expect(data.user?.confirmation_sent_at).toEqual(expect.any(String));

		const refused = await client(stack).auth.signInWithPassword({ email, password: PASSWORD });
		expect(refused.error?.code).toBe('email_not_confirmed');
		expect(refused.error?.message).toBe('Email not confirmed');

		const [mail] = await mailsTo(stack, email, since);
		expect(mail.Subject).toBe('Confirm your email address');
		const landing = await follow(linkIn(mail));
		expect(`${landing.origin}${landing.pathname}`).toBe(
			'https://feature-1.preview.test/auth/callback'
		);
		const exchanged = await browser.auth.exchangeCodeForSession(landing.searchParams.get('code')!);
		expect(exchanged.error).toBeNull();
		expect(exchanged.data.user?.email_confirmed_at).toEqual(expect.any(String));
		const signIn = await client(stack).auth.signInWithPassword({ email, password: PASSWORD });
		expect(signIn.error).toBeNull();
	});

	it('a second sign-up of a confirmed address answers a look-alike user and sends nothing', async () => {
		const { id, email } = await confirmedAccount('deja-confirme');
		const since = new Date(Date.now() - 1000);
		const { data, error } = await client(stack).auth.signUp({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user?.id).not.toBe(id);
		expect(data.user?.identities).toEqual([]);
		// Auth delivers to the catcher before answering: a mail would already be there.
		const search = await (
			await fetch(`${stack.mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
		).json();
		expect(
			search.messages.filter((m: { Created: string }) => new Date(m.Created) >= since)
		).toEqual([]);
	});

	it('resending within max_frequency is over_email_send_rate_limit with the seconds left', async () => {
		const email = uniqueEmail('renvoi');
		await client(stack).auth.signUp({ email, password: PASSWORD });
		const { error } = await client(stack).auth.resend({ type: 'signup', email });
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_email_send_rate_limit');
		expect(error?.message).toMatch(
			/^For security purposes, you can only request this after \d+ seconds\.$/
		);
	});

	it('applies password_requirements with reason "characters"', async () => {
		const { error } = await client(stack).auth.signUp({
			email: uniqueEmail('caracteres'),
			password: 'alllowercase'
		});
		expect(error?.code).toBe('weak_password');
		expect((error as { reasons?: string[] }).reasons).toEqual(['characters']);
		expect(error?.message).toBe(
			'Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyz, ABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.'
		);
	});

	it('a failing trigger on auth.users is unexpected_failure "Database error saving new user" (500)', async () => {
		const response = await authFetch(stack, '/signup', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
			body: JSON.stringify({
				email: uniqueEmail('x').replace('example.com', 'refused.test'),
				password: PASSWORD
			})
		});
		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({
			code: 'unexpected_failure',
			message: 'Database error saving new user'
		});
	});

	it('an expired confirmation link redirects with otp_expired', async () => {
		const email = uniqueEmail('expire');
		const since = new Date(Date.now() - 1000);
		await client(stack).auth.signUp({ email, password: PASSWORD });
		const [mail] = await mailsTo(stack, email, since);
		await db.query(
			`update auth.users set confirmation_sent_at = now() - interval '2 hours' where email = $1`,
			[email]
		);
		const landing = await follow(linkIn(mail));
		expect(landing.origin).toBe('http://app.test:3000');
		expect(fragment(landing).error_code).toBe('otp_expired');
	});
});

describe('email change with double confirmation', () => {
	it('the first link only confirms one side; the second switches the address', async () => {
		const { email } = await confirmedAccount('double');
		const browser = client(stack);
		await browser.auth.signInWithPassword({ email, password: PASSWORD });
		const newEmail = uniqueEmail('double-nouvelle');
		const since = new Date(Date.now() - 1000);
		expect((await browser.auth.updateUser({ email: newEmail })).error).toBeNull();

		const [toCurrent] = await mailsTo(stack, email, since);
		const [toNew] = await mailsTo(stack, newEmail, since);
		const first = await follow(linkIn(toCurrent));
		expect(fragment(first)).toEqual({
			message: 'Confirmation link accepted. Please proceed to confirm link sent to the other email',
			sb: ''
		});
		expect((await browser.auth.getUser()).data.user?.email).toBe(email);

		const second = await follow(linkIn(toNew));
		const session = fragment(second);
		expect(session.type).toBe('email_change');
		expect((await client(stack).auth.getUser(session.access_token)).data.user?.email).toBe(
			newEmail
		);
	});
});

describe('secure password change', () => {
	it('a session older than 24 hours needs the emailed nonce to change the password', async () => {
		const { email } = await confirmedAccount('reauth');
		const browser = client(stack);
		const { data } = await browser.auth.signInWithPassword({ email, password: PASSWORD });
		const claims = JSON.parse(
			Buffer.from(data.session!.access_token.split('.')[1], 'base64url').toString()
		);
		await db.query(
			`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`,
			[claims.session_id]
		);

		const refused = await browser.auth.updateUser({ password: 'Tout-Nouveau-2026' });
		expect(refused.error?.status).toBe(400);
		expect(refused.error?.code).toBe('reauthentication_needed');

		const since = new Date(Date.now() - 1000);
		expect((await browser.auth.reauthenticate()).error).toBeNull();
		const [mail] = await mailsTo(stack, email, since);
		const nonce = /^(\d{8}) is your verification code$/.exec(mail.Subject)![1];
		expect(mail.Text).toContain(nonce);

		const wrong = await browser.auth.updateUser({
			password: 'Tout-Nouveau-2026',
			nonce: '00000000'
		});
		expect(wrong.error?.code).toBe('reauthentication_not_valid');
		const changed = await browser.auth.updateUser({ password: 'Tout-Nouveau-2026', nonce });
		expect(changed.error).toBeNull();
		const signIn = await client(stack).auth.signInWithPassword({
			email,
			password: 'Tout-Nouveau-2026'
		});
		expect(signIn.error).toBeNull();
	});
});

describe('custom email template and redirects', () => {
	it('the recovery mail uses the project subject and content_path, with an 8-digit OTP', async () => {
		const { id, email } = await confirmedAccount('modele', { first_name: 'Sophie' });
		const since = new Date(Date.now() - 1000);
		await client(stack).auth.resetPasswordForEmail(email, {
			redirectTo: 'http://localhost:3000/welcome'
		});
		const [mail] = await mailsTo(stack, email, since);
		expect(mail.Subject).toBe(`Réinitialisation pour ${email}`);
		expect(mail.HTML).toContain('<h2>Bonjour Sophie</h2>');
		expect(mail.HTML).toContain('<p>Ensuite : http://localhost:3000/welcome</p>');
		expect(mail.Text).toMatch(/Votre code : \d{8}/);
		const link = new URL(linkIn(mail));
		expect(`${link.origin}${link.pathname}`).toBe('http://app.test:3000/auth/confirm');
		const verified = await client(stack).auth.verifyOtp({
			token_hash: link.searchParams.get('token_hash')!,
			type: 'recovery'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user?.id).toBe(id);
	});

	it('redirect_to must match a glob exactly: a longer path falls back to site_url', async () => {
		const { email } = await confirmedAccount('glob');
		const since = new Date(Date.now() - 1000);
		await client(stack).auth.signInWithOtp({
			email,
			options: { emailRedirectTo: 'http://localhost:3000/welcome/extra', shouldCreateUser: false }
		});
		const [mail] = await mailsTo(stack, email, since);
		expect(new URL(linkIn(mail)).searchParams.get('redirect_to')).toBe('http://app.test:3000');
	});
});

describe('refresh-token reuse detection', () => {
	it('re-using an old token outside the reuse interval revokes the whole session family', async () => {
		const { email } = await confirmedAccount('reutilisation');
		const { data } = await client(stack).auth.signInWithPassword({ email, password: PASSWORD });
		const refresh = (token: string) =>
			authFetch(stack, '/token?grant_type=refresh_token', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
				body: JSON.stringify({ refresh_token: token })
			});
		const first = data.session!.refresh_token;
		const second = (await (await refresh(first)).json()).refresh_token;
		const third = (await (await refresh(second)).json()).refresh_token;
		const reused = await refresh(first);
		expect(reused.status).toBe(400);
		expect(await reused.json()).toEqual({
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
		const latest = await refresh(third);
		expect((await latest.json()).code).toBe('refresh_token_already_used');
	});
});
