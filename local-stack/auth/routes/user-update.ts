// PUT /user (api/user.go UserUpdate): metadata merge, password change (same-password refusal;
// with `secure_password_change` a session older than 24 h needs the reauthentication nonce; the
// caller's other sessions are signed out), and email change by confirmation email to the new
// address and, with `double_confirm_changes`, the current one. app_metadata is admin-only.
import { sendEmailChange } from '../emails.ts';
import { authErrors } from '../errors.ts';
import { createFlowState, validatePkceParams } from '../flow-state.ts';
import { decodeParams } from '../http.ts';
import { isOtpValid, tokenHash } from '../otp.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../passwords.ts';
import { epochMs } from '../present.ts';
import type { UserRow } from '../present.ts';
import type { RouteHandler } from '../runtime.ts';
import {
	findDuplicateEmail,
	findUserById,
	transaction,
	updateUser,
	updateUserMetadata
} from '../users.ts';
import { validateEmail } from '../validate.ts';
import { emailChangeVerify, updatePasswordColumns } from '../verification.ts';
import { rateLimit, requestAud, respond, userWithIdentities } from './shared.ts';

const PARAMS = {
	email: 'string',
	password: 'nullable-string',
	current_password: 'nullable-string',
	nonce: 'string',
	data: 'object',
	app_metadata: 'object',
	phone: 'string',
	channel: 'string',
	code_challenge: 'string',
	code_challenge_method: 'string'
} as const;

const DAY_MS = 24 * 3_600_000;

export const userUpdate: RouteHandler = async (call) => {
	const { auth } = call;
	const settings = auth.settings;
	rateLimit(call, auth.limiters.user);
	const params = decodeParams(await call.body(), PARAMS, 'UserUpdateParams');
	const { session } = call.caller!;
	let user = call.caller!.user!;

	const email = params.email ? validateEmail(params.email) : '';
	if (params.phone) throw authErrors.phoneProviderDisabled('Phone logins are disabled', 422);
	const password = params.password ?? null;
	if (password !== null) {
		const weak = checkPasswordStrength(settings, password);
		if (weak) throw weak;
	}
	if (params.app_metadata !== undefined && params.app_metadata !== null)
		throw authErrors.notAdmin('Updating app_metadata requires admin privileges');
	if (user.is_anonymous && password && email === '')
		throw authErrors.validation(
			'Updating password of an anonymous user without an email or phone is not allowed',
			422
		);
	if (email !== '' && user.email !== email) {
		if (await findDuplicateEmail(auth.pool, email, requestAud(call), user.id))
			throw authErrors.emailExists();
	}
	const pkce = (params.code_challenge ?? '') !== '';
	if (email !== '' && email !== user.email)
		validatePkceParams(params.code_challenge_method ?? '', params.code_challenge ?? '');

	let newHash: string | null = null;
	if (password !== null) {
		if (settings.passwordChangeNeedsReauthentication) {
			const created = epochMs(session?.created_at);
			if (created === null || Date.now() > created + DAY_MS) {
				const nonce = params.nonce ?? '';
				if (nonce === '') throw authErrors.reauthenticationNeeded();
				verifyNonce(user, nonce, settings.otpExpirySeconds);
			}
		}
		if (password !== '' && user.encrypted_password) {
			if (await verifyPassword(auth.hashPool, password, user.encrypted_password))
				throw authErrors.samePassword();
		}
		newHash = password === '' ? null : await hashPassword(auth.hashPool, password);
	}

	user = await transaction(auth.pool, async (db) => {
		let current: UserRow = user;
		if (password !== null) {
			try {
				current = await updatePasswordColumns(db, current, newHash);
				if (session)
					await db.query('delete from auth.sessions where id <> $1 and user_id = $2', [
						session.id,
						current.id
					]);
				else await db.query('delete from auth.sessions where user_id = $1', [current.id]);
			} catch (error) {
				throw authErrors.unexpected('Error during password storage', error);
			}
			if (settings.passwordChangeNeedsReauthentication && params.nonce)
				current = await updateUser(db, current.id, { reauthentication_token: '' });
		}
		if (params.data) current = await updateUserMetadata(db, current, params.data);
		if (email !== '' && email !== current.email) {
			if (current.is_anonymous && settings.autoconfirm) {
				current = await updateUser(db, current.id, { email_change: email });
				current = (await emailChangeVerify(auth, db, current, { token: '', hash: '' }))!;
			} else {
				if (pkce)
					await createFlowState(db, {
						providerType: 'email_change',
						authenticationMethod: 'email_change',
						codeChallengeMethod: params.code_challenge_method ?? '',
						codeChallenge: params.code_challenge ?? '',
						userId: current.id
					});
				current = await sendEmailChange(call, db, current, email, pkce);
			}
		}
		return (await findUserById(db, current.id))!;
	});
	respond(call, 200, await userWithIdentities(auth.pool, user));
};

/** verifyReauthentication: the emailed code, hashed with the address, unexpired. */
function verifyNonce(user: UserRow, nonce: string, expirySeconds: number) {
	if (!user.reauthentication_token || !user.reauthentication_sent_at)
		throw authErrors.reauthenticationNotValid();
	const hash = tokenHash(user.email ?? '', nonce);
	if (
		!isOtpValid(
			hash,
			user.reauthentication_token,
			epochMs(user.reauthentication_sent_at),
			expirySeconds
		)
	)
		throw authErrors.reauthenticationNotValid();
}
