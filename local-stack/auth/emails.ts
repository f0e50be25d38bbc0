// The emails GoTrue sends and the tokens behind them (api/mail.go): each sender checks
// `max_frequency` against the last send, makes an OTP and its hash (prefixed `pkce_` in a PKCE
// flow), applies the instance-wide `email_sent` limit (only when confirmations are on, as
// GoTrue does), renders and delivers the mail, then records the token on the user and in
// auth.one_time_tokens.
import { authErrors } from './errors.ts';
import { MailKind } from './mailer.ts';
import { epochMs } from './present.ts';
import type { UserRow } from './present.ts';
import { referrer } from './redirect.ts';
import type { AuthCall } from './runtime.ts';
import {
	createOneTimeToken,
	generateOtp,
	OneTimeTokenType,
	tokenHash,
	withFlowPrefix
} from './otp.ts';
import { updateUser } from './users.ts';
import type { Db } from './users.ts';

type EmailCall = Pick<AuthCall, 'auth' | 'request' | 'url'>;

/** validateSentWithinFrequencyLimit, with GoTrue's truncated seconds in the message. */
export function checkFrequency(sentAt: string | null, maxFrequencyMs: number, now = Date.now()) {
	const sent = epochMs(sentAt);
	if (sent === null || sent + maxFrequencyMs <= now) return;
	const left = Math.trunc((sent + maxFrequencyMs - now) / 1000);
	throw authErrors.overEmailSendRateLimit(
		`For security purposes, you can only request this after ${left} seconds.`
	);
}

/** sendEmail's rate limiting: none at all for `email_sent = 0`, the hourly counter otherwise. */
function takeEmailAllowance(call: EmailCall) {
	const { settings, limiters } = call.auth;
	if (settings.rateLimits.emailSent === 0) throw authErrors.overEmailSendRateLimit();
	if (!settings.autoconfirm && !limiters.email.allow()) throw authErrors.overEmailSendRateLimit();
}

async function deliver(send: () => Promise<void>, what: string) {
	try {
		await send();
	} catch (error) {
		throw authErrors.unexpected(`Error sending ${what} email`, error);
	}
}

function baseData(call: EmailCall, user: UserRow) {
	return {
		SiteURL: call.auth.settings.siteUrl,
		Email: user.email ?? '',
		Data: user.raw_user_meta_data ?? {},
		RedirectTo: referrer(call.auth.settings, call.request.raw, call.url)
	};
}

type LinkMail = {
	kind: MailKind;
	type: string;
	column: 'confirmation_token' | 'recovery_token';
	sentColumn: 'confirmation_sent_at' | 'recovery_sent_at';
	tokenType: OneTimeTokenType;
	what: string;
	extra?: Record<string, unknown>;
	checkFrequency: boolean;
};

async function sendLinkMail(
	call: EmailCall,
	db: Db,
	user: UserRow,
	pkce: boolean,
	mail: LinkMail
): Promise<UserRow> {
	const { settings, mailer } = call.auth;
	if (mail.checkFrequency) checkFrequency(user[mail.sentColumn], settings.maxFrequencyMs);
	const otp = generateOtp(settings.otpLength);
	const token = withFlowPrefix(tokenHash(user.email ?? '', otp), pkce);
	takeEmailAllowance(call);
	const data = baseData(call, user);
	await deliver(
		() =>
			mailer.send(mail.kind, user.email ?? '', {
				...data,
				ConfirmationURL: mailer.actionLink(token, mail.type, data.RedirectTo),
				Token: otp,
				TokenHash: token
			}),
		mail.what
	);
	const updated = await updateUser(db, user.id, {
		[mail.column]: token,
		[mail.sentColumn]: new Date().toISOString(),
		...mail.extra
	});
	await createOneTimeToken(db, user.id, user.email ?? '', token, mail.tokenType);
	return updated;
}

export const sendConfirmation = (call: EmailCall, db: Db, user: UserRow, pkce: boolean) =>
	sendLinkMail(call, db, user, pkce, {
		kind: MailKind.confirmation,
		type: 'signup',
		column: 'confirmation_token',
		sentColumn: 'confirmation_sent_at',
		tokenType: OneTimeTokenType.confirmation,
		what: 'confirmation',
		checkFrequency: true
	});

export const sendInvite = (call: EmailCall, db: Db, user: UserRow) =>
	sendLinkMail(call, db, user, false, {
		kind: MailKind.invite,
		type: 'invite',
		column: 'confirmation_token',
		sentColumn: 'confirmation_sent_at',
		tokenType: OneTimeTokenType.confirmation,
		what: 'invite',
		extra: { invited_at: new Date().toISOString() },
		checkFrequency: false
	});

export const sendRecovery = (call: EmailCall, db: Db, user: UserRow, pkce: boolean) =>
	sendLinkMail(call, db, user, pkce, {
		kind: MailKind.recovery,
		type: 'recovery',
		column: 'recovery_token',
		sentColumn: 'recovery_sent_at',
		tokenType: OneTimeTokenType.recovery,
		what: 'recovery',
		checkFrequency: true
	});

/** A magic link is a recovery with its own template; it shares the recovery timer. */
export const sendMagicLink = (call: EmailCall, db: Db, user: UserRow, pkce: boolean) =>
	sendLinkMail(call, db, user, pkce, {
		kind: MailKind.magicLink,
		type: 'magiclink',
		column: 'recovery_token',
		sentColumn: 'recovery_sent_at',
		tokenType: OneTimeTokenType.recovery,
		what: 'magic link',
		checkFrequency: true
	});

/** sendEmailChange: a link to the new address and, with secure email change, to the current one. */
export async function sendEmailChange(
	call: EmailCall,
	db: Db,
	user: UserRow,
	newEmail: string,
	pkce: boolean
): Promise<UserRow> {
	const { settings, mailer } = call.auth;
	checkFrequency(user.email_change_sent_at, settings.maxFrequencyMs);
	const otpNew = generateOtp(settings.otpLength);
	const tokenNew = withFlowPrefix(tokenHash(newEmail, otpNew), pkce);
	const current = user.email ?? '';
	const secure = settings.secureEmailChange && current !== '';
	const otpCurrent = secure ? generateOtp(settings.otpLength) : '';
	const tokenCurrent = secure ? withFlowPrefix(tokenHash(current, otpCurrent), pkce) : '';
	takeEmailAllowance(call);
	const data = baseData(call, user);
	const emails = [{ address: newEmail, otp: otpNew, hash: tokenNew }];
	if (secure) emails.push({ address: current, otp: otpCurrent, hash: tokenCurrent });
	await deliver(async () => {
		for (const email of emails)
			await mailer.send(MailKind.emailChange, email.address, {
				...data,
				ConfirmationURL: mailer.actionLink(email.hash, 'email_change', data.RedirectTo),
				NewEmail: newEmail,
				Token: email.otp,
				TokenHash: email.hash,
				SendingTo: email.address
			});
	}, 'email change');
	const updated = await updateUser(db, user.id, {
		email_change_token_current: tokenCurrent,
		email_change_token_new: tokenNew,
		email_change: newEmail,
		email_change_sent_at: new Date().toISOString(),
		email_change_confirm_status: 0
	});
	if (tokenCurrent)
		await createOneTimeToken(
			db,
			user.id,
			current,
			tokenCurrent,
			OneTimeTokenType.emailChangeCurrent
		);
	await createOneTimeToken(db, user.id, newEmail, tokenNew, OneTimeTokenType.emailChangeNew);
	return updated;
}

export async function sendReauthentication(
	call: EmailCall,
	db: Db,
	user: UserRow
): Promise<UserRow> {
	const { settings, mailer } = call.auth;
	checkFrequency(user.reauthentication_sent_at, settings.maxFrequencyMs);
	const otp = generateOtp(settings.otpLength);
	const hash = tokenHash(user.email ?? '', otp);
	takeEmailAllowance(call);
	const data = baseData(call, user);
	await deliver(
		() =>
			mailer.send(MailKind.reauthentication, user.email ?? '', {
				SiteURL: data.SiteURL,
				Email: data.Email,
				Data: data.Data,
				Token: otp
			}),
		'reauthentication'
	);
	const updated = await updateUser(db, user.id, {
		reauthentication_token: hash,
		reauthentication_sent_at: new Date().toISOString()
	});
	await createOneTimeToken(db, user.id, user.email ?? '', hash, OneTimeTokenType.reauthentication);
	return updated;
}
