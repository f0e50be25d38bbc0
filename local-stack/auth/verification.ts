// What GET and POST /verify share (api/verify.go): finding the user of a token hash or of an
// email + OTP, expiry against the matching *_sent_at, and the effect of each type: signup and
// invite confirm the email, recovery and magic link sign in (confirming an unconfirmed email),
// email_change swaps the address once both links are followed when double confirmation applies.
import { randomPassword } from './accounts.ts';
import { authErrors } from './errors.ts';
import {
	clearAllOneTimeTokens,
	clearOneTimeToken,
	findOneTimeToken,
	isOtpExpired,
	isOtpValid,
	OneTimeTokenType
} from './otp.ts';
import type { OneTimeTokenType as TokenType } from './otp.ts';
import { hashPassword } from './passwords.ts';
import { epochMs } from './present.ts';
import type { UserRow } from './present.ts';
import type { AuthRuntime } from './runtime.ts';
import {
	confirmUser,
	createIdentity,
	emailIdentityData,
	findIdentity,
	findUserByEmail,
	findUserById,
	isBanned,
	loadIdentities,
	updateIdentityData,
	updateUser
} from './users.ts';
import type { Db } from './users.ts';

export const EMAIL_VERIFY_TYPES = [
	'signup',
	'invite',
	'magiclink',
	'recovery',
	'email_change',
	'email'
];

export const SINGLE_CONFIRMATION_ACCEPTED =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';

const TYPES_BY_VERIFICATION: Record<string, TokenType[]> = {
	email: [OneTimeTokenType.confirmation, OneTimeTokenType.recovery],
	signup: [OneTimeTokenType.confirmation],
	invite: [OneTimeTokenType.confirmation],
	recovery: [OneTimeTokenType.recovery],
	magiclink: [OneTimeTokenType.recovery],
	email_change: [OneTimeTokenType.emailChangeCurrent, OneTimeTokenType.emailChangeNew]
};

/** verifyTokenHash: returns the user and the effective type (`email` resolves to signup or magiclink). */
export async function verifyTokenHash(
	auth: AuthRuntime,
	db: Db,
	type: string,
	hash: string
): Promise<{ user: UserRow; type: string }> {
	const types = TYPES_BY_VERIFICATION[type];
	if (!types) throw authErrors.validation('Invalid email verification type');
	const token = await findOneTimeToken(db, hash, types);
	const user = token
		? await findUserById(db, token.user_id, 'Database error finding user from email link')
		: null;
	if (!user) throw authErrors.otpExpired('Email link is invalid or has expired');
	if (isBanned(user)) throw authErrors.userBanned('User is banned', 403);
	let effective = type;
	let sentAt = user.confirmation_sent_at;
	if (type === 'email') {
		effective = 'signup';
		if (user.recovery_token === hash) {
			sentAt = user.recovery_sent_at;
			effective = 'magiclink';
		}
	} else if (type === 'recovery' || type === 'magiclink') sentAt = user.recovery_sent_at;
	else if (type === 'email_change') sentAt = user.email_change_sent_at;
	const sent = epochMs(sentAt);
	if (sent === null || isOtpExpired(sent, auth.settings.otpExpirySeconds))
		throw authErrors.otpExpired('Email link is invalid or has expired');
	return { user, type: effective };
}

/** verifyUserAndToken for `{type, email, token}`: the OTP hashed with the address. */
export async function verifyEmailOtp(
	auth: AuthRuntime,
	db: Db,
	params: { type: string; email: string; hash: string; aud: string }
): Promise<{ user: UserRow; type: string }> {
	const expiry = auth.settings.otpExpirySeconds;
	let user: UserRow | null;
	if (params.type === 'email_change') {
		user = await findEmailChangeUser(db, params.hash, auth.settings.secureEmailChange);
	} else {
		user = await findUserByEmail(db, params.email, params.aud);
	}
	if (!user) throw authErrors.otpExpired();
	if (isBanned(user)) throw authErrors.userBanned('User is banned', 403);
	const valid = (token: string | null, sentAt: string | null) =>
		isOtpValid(params.hash, token, epochMs(sentAt), expiry);
	let type = params.type;
	let ok = false;
	switch (params.type) {
		case 'email':
			if (valid(user.confirmation_token, user.confirmation_sent_at)) {
				ok = true;
				type = 'signup';
			} else if (valid(user.recovery_token, user.recovery_sent_at)) {
				ok = true;
				type = 'magiclink';
			}
			break;
		case 'signup':
		case 'invite':
			ok = valid(user.confirmation_token, user.confirmation_sent_at);
			break;
		case 'recovery':
		case 'magiclink':
			ok = valid(user.recovery_token, user.recovery_sent_at);
			break;
		case 'email_change':
			ok =
				valid(user.email_change_token_current, user.email_change_sent_at) ||
				valid(user.email_change_token_new, user.email_change_sent_at);
			break;
		default:
			throw authErrors.validation('Unsupported verification type');
	}
	if (!ok) throw authErrors.otpExpired();
	return { user, type };
}

async function findEmailChangeUser(db: Db, hash: string, secure: boolean): Promise<UserRow | null> {
	const find = async (type: TokenType) =>
		(await findOneTimeToken(db, hash, [type])) ??
		(await findOneTimeToken(db, `pkce_${hash}`, [type]));
	const token =
		(secure ? await find(OneTimeTokenType.emailChangeCurrent) : null) ??
		(await find(OneTimeTokenType.emailChangeNew));
	return token ? findUserById(db, token.user_id) : null;
}

/** signupVerify: invited users without a password get a random one; the email is confirmed. */
export async function signupVerify(auth: AuthRuntime, db: Db, user: UserRow): Promise<UserRow> {
	let current = user;
	if (!user.encrypted_password && user.invited_at) {
		const hash = await hashPassword(auth.hashPool, randomPassword());
		current = await updatePasswordColumns(db, current, hash);
		await db.query('delete from auth.sessions where user_id = $1', [user.id]);
	}
	current = await confirmUser(db, current);
	for (const identity of await loadIdentities(db, user.id)) {
		if (!identity.email || !current.email || identity.email !== current.email) continue;
		await updateIdentityData(db, identity, { email_verified: true });
	}
	return current;
}

/** User.UpdatePassword's column reset: outstanding tokens are no longer trusted. */
export async function updatePasswordColumns(
	db: Db,
	user: UserRow,
	hash: string | null
): Promise<UserRow> {
	const updated = await updateUser(db, user.id, {
		encrypted_password: hash,
		confirmation_token: '',
		confirmation_sent_at: null,
		recovery_token: '',
		recovery_sent_at: null,
		email_change_token_current: '',
		email_change_token_new: '',
		email_change_sent_at: null,
		phone_change_token: '',
		phone_change_sent_at: null,
		reauthentication_token: '',
		reauthentication_sent_at: null
	});
	await clearAllOneTimeTokens(db, user.id);
	return updated;
}

/** recoverVerify: the recovery token is spent; an unconfirmed email becomes confirmed. */
export async function recoverVerify(db: Db, user: UserRow): Promise<UserRow> {
	let current = await updateUser(db, user.id, { recovery_token: '' });
	await clearAllOneTimeTokens(db, user.id);
	if (!current.email_confirmed_at) current = await confirmUser(db, current);
	return current;
}

/**
 * emailChangeVerify: with confirmations on and secure email change, the first link only marks
 * one side confirmed (null is returned); otherwise the new address replaces the old one.
 */
export async function emailChangeVerify(
	auth: AuthRuntime,
	db: Db,
	user: UserRow,
	token: { token: string; hash: string }
): Promise<UserRow | null> {
	const settings = auth.settings;
	if (
		!settings.autoconfirm &&
		settings.secureEmailChange &&
		user.email_change_confirm_status === 0 &&
		(user.email ?? '') !== ''
	) {
		const current = await findOneTimeToken(db, token.hash, [OneTimeTokenType.emailChangeCurrent]);
		const fresh = await findOneTimeToken(db, token.hash, [OneTimeTokenType.emailChangeNew]);
		const values: Record<string, unknown> = { email_change_confirm_status: 1 };
		const matches = (stored: string | null, ott: { token_hash: string } | null) =>
			(stored !== null && stored !== '' && (token.token === stored || token.hash === stored)) ||
			(ott !== null && token.hash === ott.token_hash);
		if (matches(user.email_change_token_current, current)) {
			values.email_change_token_current = '';
			await clearOneTimeToken(db, user.id, OneTimeTokenType.emailChangeCurrent);
		} else if (matches(user.email_change_token_new, fresh)) {
			values.email_change_token_new = '';
			await clearOneTimeToken(db, user.id, OneTimeTokenType.emailChangeNew);
		}
		await updateUser(db, user.id, values);
		return null;
	}
	const newEmail = user.email_change ?? '';
	const identity = await findIdentity(db, user.id, 'email');
	if (!identity)
		await createIdentity(db, user.id, 'email', emailIdentityData(user.id, newEmail, true));
	else await updateIdentityData(db, identity, { email: newEmail, email_verified: true });
	if (user.is_anonymous) await updateUser(db, user.id, { is_anonymous: false });
	// ConfirmEmailChange
	let current = await updateUser(db, user.id, {
		email: newEmail,
		email_change: '',
		email_change_token_current: '',
		email_change_token_new: '',
		email_change_confirm_status: 0
	});
	await clearAllOneTimeTokens(db, user.id);
	if (!current.email_confirmed_at) current = await confirmUser(db, current);
	const emailIdentity = await findIdentity(db, user.id, 'email');
	if (emailIdentity && 'email' in (emailIdentity.identity_data ?? {}))
		await updateIdentityData(db, emailIdentity, { email: newEmail });
	return current;
}

/** Applies a verified token's effect; null means "first of two email-change links". */
export async function applyVerification(
	auth: AuthRuntime,
	db: Db,
	user: UserRow,
	type: string,
	token: { token: string; hash: string }
): Promise<UserRow | null> {
	switch (type) {
		case 'signup':
		case 'invite':
			return signupVerify(auth, db, user);
		case 'recovery':
		case 'magiclink':
			return recoverVerify(db, user);
		case 'email_change':
			return emailChangeVerify(auth, db, user, token);
		default:
			throw authErrors.validation('Unsupported verification type');
	}
}
