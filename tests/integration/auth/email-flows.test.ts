// The email flows a user follows through the mail catcher: password recovery with PKCE (as
// @supabase/ssr always does), magic links, email change, token_hash and OTP verification, and
// GoTrue's redirect rules for the links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { target } from '../support/target.ts';
import {
	admin,
	authFetch,
	client,
	createAccount,
	follow,
	fragment,
	linkIn,
	mailsTo,
	PASSWORD,
	signedInByLink,
	uniqueEmail
} from './helpers.ts';

const accounts: string[] = [];
const account = async (label: string) => {
	const made = await createAccount(target, label, { first_name: 'Camille' });
	accounts.push(made.id);
	return made;
};

afterAll(async () => {
	for (const id of accounts) await admin(target).auth.admin.deleteUser(id);
});

describe.runIf(target.mailUrl)('password recovery through the mail catcher', () => {
	it('resetPasswordForEmail → email → GET /verify → ?code= → exchangeCodeForSession → new password', async () => {
		const { email } = await account('recuperation');
		const browser = client(target, { pkce: true });
		const since = new Date(Date.now() - 1000);
		const redirectTo = 'http://127.0.0.1:4173/auth/confirm?next=/reset-password';
		const { error } = await browser.auth.resetPasswordForEmail(email, { redirectTo });
		expect(error).toBeNull();

		const [mail] = await mailsTo(target, email, since);
		expect(mail.Subject).toBe('Reset your password');
		const link = linkIn(mail);
		expect(link).toMatch(
			new RegExp(
				`^${target.apiUrl}/auth/v1/verify\\?token=pkce_[0-9a-f]{56}&type=recovery&redirect_to=`
			)
		);

		const landing = await follow(link);
		expect(`${landing.origin}${landing.pathname}`).toBe('http://127.0.0.1:4173/auth/confirm');
		expect(landing.searchParams.get('next')).toBe('/reset-password');
		const code = landing.searchParams.get('code')!;
		expect(code).toMatch(/^[0-9a-f-]{36}$/);

		const exchanged = await browser.auth.exchangeCodeForSession(code);
		expect(exchanged.error).toBeNull();
		const claims = JSON.parse(
			Buffer.from(exchanged.data.session!.access_token.split('.')[1], 'base64url').toString()
		);
		expect(claims.amr[0].method).toBe('recovery');

		const newPassword = 'Nouveau-Secret-2026';
		expect((await browser.auth.updateUser({ password: newPassword })).error).toBeNull();
		const again = await client(target).auth.signInWithPassword({ email, password: newPassword });
		expect(again.error).toBeNull();
	});

	it('the same link cannot be used twice: the redirect carries otp_expired in the fragment', async () => {
		const { email } = await account('lien-usage');
		const since = new Date(Date.now() - 1000);
		await client(target).auth.resetPasswordForEmail(email, {
			redirectTo: 'http://127.0.0.1:5173/reset'
		});
		const link = linkIn((await mailsTo(target, email, since))[0]);
		const first = await follow(link);
		expect(fragment(first).access_token).toEqual(expect.any(String));
		expect(fragment(first).type).toBe('recovery');
		const second = await follow(link);
		expect(`${second.origin}${second.pathname}`).toBe('http://127.0.0.1:5173/reset');
		expect(fragment(second)).toEqual({
			error: 'access_denied',
			error_code: 'otp_expired',
			error_description: 'Email link is invalid or has expired',
			sb: ''
		});
	});

	// site_url is this project's config.toml value, known only for a local stack.
	it.runIf(target.local)(
		'a redirect_to outside the site and additional_redirect_urls falls back to site_url',
		async () => {
			const { email } = await account('redirection');
			const since = new Date(Date.now() - 1000);
			await client(target).auth.resetPasswordForEmail(email, {
				redirectTo: 'https://evil.example/steal'
			});
			const link = new URL(linkIn((await mailsTo(target, email, since))[0]));
			expect(link.searchParams.get('redirect_to')).toBe('http://127.0.0.1:5173');
		}
	);

	it('an unknown address gets the same empty answer and no email', async () => {
		const email = uniqueEmail('personne');
		const { data, error } = await client(target).auth.resetPasswordForEmail(email);
		expect(error).toBeNull();
		expect(data).toEqual({});
		const search = await (
			await fetch(`${target.mailUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)
		).json();
		expect(search.messages).toEqual([]);
	});
});

describe('verifyOtp', () => {
	it('signs in with the token_hash of a generated magic link, once', async () => {
		const { id, email } = await account('token-hash');
		const link = await admin(target).auth.admin.generateLink({ type: 'magiclink', email });
		expect(link.error).toBeNull();
		expect(link.data.properties!.verification_type).toBe('magiclink');
		const browser = client(target);
		const verified = await browser.auth.verifyOtp({
			token_hash: link.data.properties!.hashed_token,
			type: 'magiclink'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user?.id).toBe(id);
		expect(verified.data.session?.access_token).toEqual(expect.any(String));
		const reused = await client(target).auth.verifyOtp({
			token_hash: link.data.properties!.hashed_token,
			type: 'magiclink'
		});
		expect(reused.error?.status).toBe(403);
		expect(reused.error?.code).toBe('otp_expired');
	});

	it('signs in with the emailed OTP code and the address', async () => {
		const { id, email } = await account('code-otp');
		const link = await admin(target).auth.admin.generateLink({ type: 'recovery', email });
		expect(link.data.properties!.email_otp).toMatch(/^\d{6}$/);
		const verified = await client(target).auth.verifyOtp({
			email,
			token: link.data.properties!.email_otp,
			type: 'recovery'
		});
		expect(verified.error).toBeNull();
		expect(verified.data.user?.id).toBe(id);
	});

	it('refuses a wrong code with otp_expired "Token has expired or is invalid"', async () => {
		const { email } = await account('mauvais-code');
		await admin(target).auth.admin.generateLink({ type: 'recovery', email });
		const { error } = await client(target).auth.verifyOtp({
			email,
			token: '000000',
			type: 'recovery'
		});
		expect(error?.status).toBe(403);
		expect(error?.code).toBe('otp_expired');
		expect(error?.message).toBe('Token has expired or is invalid');
	});
});

describe.runIf(target.mailUrl)('magic links and email change through the mail catcher', () => {
	it('signInWithOtp emails a sign-in link that opens a session', async () => {
		const { id, email } = await account('lien-magique');
		const since = new Date(Date.now() - 1000);
		const { error } = await client(target).auth.signInWithOtp({
			email,
			options: { emailRedirectTo: 'http://127.0.0.1:5173/dashboard', shouldCreateUser: false }
		});
		expect(error).toBeNull();
		const [mail] = await mailsTo(target, email, since);
		expect(mail.Subject).toBe('Your sign-in link');
		const landing = await follow(linkIn(mail));
		expect(landing.pathname).toBe('/dashboard');
		const session = fragment(landing);
		expect(session.type).toBe('magiclink');
		const user = await client(target).auth.getUser(session.access_token);
		expect(user.data.user?.id).toBe(id);
	});

	it('signInWithOtp with shouldCreateUser false refuses an unknown address', async () => {
		const { error } = await client(target).auth.signInWithOtp({
			email: uniqueEmail('inconnu'),
			options: { shouldCreateUser: false }
		});
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('otp_disabled');
	});

	it('updateUser({ email }) mails both addresses; following the new one switches the address', async () => {
		const { email } = await account('changement');
		const { client: browser } = await signedInByLink(target, email);
		const newEmail = uniqueEmail('nouvelle');
		const since = new Date(Date.now() - 1000);
		const update = await browser.auth.updateUser(
			{ email: newEmail },
			{ emailRedirectTo: 'http://127.0.0.1:5173/account' }
		);
		expect(update.error).toBeNull();
		expect(update.data.user?.email).toBe(email);
		expect(update.data.user?.new_email).toBe(newEmail);
		expect(update.data.user?.email_change_sent_at).toEqual(expect.any(String));

		const [toNew] = await mailsTo(target, newEmail, since);
		const [toCurrent] = await mailsTo(target, email, since);
		expect(toNew.Subject).toBe('Confirm your new email address');
		expect(toCurrent.Subject).toBe('Confirm your new email address');
		expect(toNew.Text).toContain(
			`Follow the link below to confirm ${newEmail} as your new email address.`
		);

		const landing = await follow(linkIn(toNew));
		expect(landing.pathname).toBe('/account');
		const session = fragment(landing);
		expect(session.type).toBe('email_change');
		const user = await client(target).auth.getUser(session.access_token);
		expect(user.data.user?.email).toBe(newEmail);
		expect(user.data.user?.new_email).toBeUndefined();
		const signIn = await client(target).auth.signInWithPassword({
			email: newEmail,
			password: PASSWORD
		});
		expect(signIn.error).toBeNull();
	});

	it('updateUser refuses an address another account has with email_exists', async () => {
		const first = await account('occupee');
		const second = await account('demandeur');
		const { client: browser } = await signedInByLink(target, second.email);
		const { error } = await browser.auth.updateUser({ email: first.email });
		expect(error?.status).toBe(422);
		expect(error?.code).toBe('email_exists');
	});
});

describe('updateUser', () => {
	let browser: ReturnType<typeof client>;
	let accessToken: string;

	beforeAll(async () => {
		const { email } = await account('metadonnees');
		const signedIn = await signedInByLink(target, email);
		browser = signedIn.client;
		accessToken = signedIn.session.access_token;
	});

	it('merges data into user_metadata, a null removing the key, and puts it in the next token', async () => {
		const { data, error } = await browser.auth.updateUser({
			data: { city: 'Lyon', first_name: null }
		});
		expect(error).toBeNull();
		expect(data.user?.user_metadata.city).toBe('Lyon');
		expect(data.user?.user_metadata).not.toHaveProperty('first_name');
		const refreshed = await browser.auth.refreshSession();
		const claims = JSON.parse(
			Buffer.from(refreshed.data.session!.access_token.split('.')[1], 'base64url').toString()
		);
		expect(claims.user_metadata.city).toBe('Lyon');
		accessToken = refreshed.data.session!.access_token;
	});

	it('refuses the same password with same_password and a weak one with weak_password', async () => {
		const same = await browser.auth.updateUser({ password: PASSWORD });
		expect(same.error?.code).toBe('same_password');
		expect(same.error?.status).toBe(422);
		const weak = await browser.auth.updateUser({ password: 'court' });
		expect(weak.error?.code).toBe('weak_password');
	});

	it('refuses app_metadata from a user with not_admin', async () => {
		const response = await authFetch(target, '/user', {
			method: 'PUT',
			headers: {
				Authorization: `Bearer ${accessToken}`,
				'Content-Type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01'
			},
			body: JSON.stringify({ app_metadata: { role: 'admin' } })
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({
			code: 'not_admin',
			message: 'Updating app_metadata requires admin privileges'
		});
	});

	it('a password change signs out the other sessions but keeps this one', async () => {
		const { email } = await account('autres-sessions');
		const mine = (await signedInByLink(target, email)).client;
		const other = (await signedInByLink(target, email)).session;
		expect((await mine.auth.updateUser({ password: 'Encore-Un-Secret-9' })).error).toBeNull();
		const kept = await mine.auth.getUser();
		expect(kept.error).toBeNull();
		const gone = await authFetch(target, '/user', {
			headers: { Authorization: `Bearer ${other.access_token}` }
		});
		expect(gone.status).toBe(403);
	});
});
