// POST /admin/generate_link (api/mail.go adminGenerateLink): the link and OTP an email would
// carry, without sending it — signup (creating the user), invite, magiclink (a sign-up for an
// unknown address), recovery and email_change_current / email_change_new.
import { insertUser, randomPassword } from '../accounts.ts';
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import { createOneTimeToken, generateOtp, OneTimeTokenType, tokenHash } from '../otp.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import { presentUser } from '../present.ts';
import type { UserRow } from '../present.ts';
import { isRedirectUrlValid, referrer } from '../redirect.ts';
import type { RouteHandler } from '../runtime.ts';
import {
	createIdentity,
	emailIdentityData,
	findDuplicateEmail,
	findUserByEmail,
	loadIdentities,
	transaction,
	updateUser,
	updateUserMetadata
} from '../users.ts';
import type { Db } from '../users.ts';
import { validateEmail } from '../validate.ts';
import { requestAud, respond } from './shared.ts';

const PARAMS = {
	type: 'string',
	email: 'string',
	new_email: 'string',
	password: 'string',
	data: 'object',
	redirect_to: 'string'
} as const;

export const generateLink: RouteHandler = async (call) => {
	const { auth } = call;
	const settings = auth.settings;
	const params = decodeParams(await call.body(), PARAMS, 'GenerateLinkParams');
	const email = validateEmail(params.email ?? '');
	let redirectTo = referrer(settings, call.request.raw, call.url);
	if (params.redirect_to && isRedirectUrlValid(settings, params.redirect_to))
		redirectTo = params.redirect_to;
	const aud = requestAud(call);
	let type = params.type ?? '';
	let password = params.password ?? '';
	const data = params.data ?? {};
	const existing = await findUserByEmail(auth.pool, email, aud, 'Database error finding user');
	if (!existing) {
		if (type === 'magiclink') {
			type = 'signup';
			password = randomPassword();
		} else if (['recovery', 'email_change_current', 'email_change_new'].includes(type)) {
			throw authErrors.userNotFound('User with this email not found');
		}
	}
	let passwordHash = '';
	if (type === 'signup' && !existing) {
		if (password === '') throw authErrors.validation('Signup requires a valid password');
		const weak = checkPasswordStrength(settings, password);
		if (weak) throw weak;
		passwordHash = await hashPassword(auth.hashPool, password);
	}
	const otp = generateOtp(settings.otpLength);
	const hashed = tokenHash(email, otp);
	const now = new Date().toISOString();

	const newUser = async (db: Db, encryptedPassword: string) => {
		const user = await insertUser(db, {
			email,
			encryptedPassword,
			aud,
			userMetadata: data,
			appMetadata: { provider: 'email', providers: ['email'] },
			role: settings.defaultRole
		});
		await createIdentity(db, user.id, 'email', emailIdentityData(user.id, email));
		return user;
	};

	const result = await transaction(auth.pool, async (db) => {
		let user: UserRow | null = existing;
		let linkToken = hashed;
		let linkType = type;
		switch (type) {
			case 'magiclink':
			case 'recovery':
				user = await updateUser(db, user!.id, { recovery_token: hashed, recovery_sent_at: now });
				await createOneTimeToken(db, user.id, email, hashed, OneTimeTokenType.recovery);
				break;
			case 'invite':
				if (user?.email_confirmed_at) throw authErrors.emailExists();
				user ??= await newUser(db, '');
				user = await updateUser(db, user.id, {
					confirmation_token: hashed,
					confirmation_sent_at: now,
					invited_at: now
				});
				await createOneTimeToken(db, user.id, email, hashed, OneTimeTokenType.confirmation);
				break;
			case 'signup':
				if (user) {
					if (user.email_confirmed_at) throw authErrors.emailExists();
					user = await updateUserMetadata(db, user, data);
				} else user = await newUser(db, passwordHash);
				user = await updateUser(db, user.id, {
					confirmation_token: hashed,
					confirmation_sent_at: now
				});
				await createOneTimeToken(db, user.id, email, hashed, OneTimeTokenType.confirmation);
				break;
			case 'email_change_current':
			case 'email_change_new': {
				if (!settings.secureEmailChange && type === 'email_change_current')
					throw authErrors.validation(
						'Enable secure email change to generate link for current email'
					);
				const newEmail = validateEmail(params.new_email ?? '');
				if (await findDuplicateEmail(db, newEmail, user!.aud ?? aud, user!.id))
					throw authErrors.emailExists();
				const values: Record<string, unknown> = {
					email_change_sent_at: now,
					email_change: newEmail,
					email_change_confirm_status: 0
				};
				if (type === 'email_change_current') values.email_change_token_current = hashed;
				else {
					linkToken = tokenHash(newEmail, otp);
					values.email_change_token_new = linkToken;
				}
				user = await updateUser(db, user!.id, values);
				if (user.email_change_token_current)
					await createOneTimeToken(
						db,
						user.id,
						email,
						user.email_change_token_current,
						OneTimeTokenType.emailChangeCurrent
					);
				if (user.email_change_token_new)
					await createOneTimeToken(
						db,
						user.id,
						newEmail,
						user.email_change_token_new,
						OneTimeTokenType.emailChangeNew
					);
				linkType = 'email_change';
				break;
			}
			default:
				throw authErrors.validation(`Invalid email action link type requested: ${type}`);
		}
		return { user: user!, link: auth.mailer.actionLink(linkToken, linkType, redirectTo) };
	});
	respond(call, 200, {
		...presentUser(result.user, await loadIdentities(auth.pool, result.user.id)),
		action_link: result.link,
		email_otp: otp,
		hashed_token: hashed,
		verification_type: type,
		redirect_to: redirectTo
	});
};
