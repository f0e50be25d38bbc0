// Supabase errors turned into French sentences for users. Database functions raise French
// messages themselves (P0001 / custom codes); everything else maps by code, never by showing a
// raw English message.
import type { AuthError, PostgrestError } from '@supabase/supabase-js';
import { messages } from '#lib/i18n/index.ts';

const t = messages;

export function authErrorMessage(error: Pick<AuthError, 'code' | 'status' | 'message'>): string {
	switch (error.code) {
		case 'invalid_credentials':
			return t.auth.errors.invalidCredentials;
		case 'email_not_confirmed':
			return t.auth.errors.emailNotConfirmed;
		case 'user_already_exists':
		case 'email_exists':
			return t.auth.errors.userAlreadyExists;
		case 'weak_password':
			return t.auth.errors.weakPassword;
		case 'same_password':
			return t.auth.errors.samePassword;
		case 'signup_disabled':
			return t.auth.errors.signupDisabled;
		case 'over_request_rate_limit':
			return t.common.errors.rateLimited;
		case 'over_email_send_rate_limit':
			return t.auth.errors.emailRateLimited;
		case 'email_address_invalid':
		case 'validation_failed':
			return t.common.errors.invalidEmail;
		case 'session_not_found':
		case 'session_expired':
		case 'refresh_token_not_found':
		case 'refresh_token_already_used':
		case 'otp_expired':
			return t.auth.errors.sessionExpired;
		default:
			return error.status === 0 ? t.common.errors.network : t.common.errors.generic;
	}
}

/**
 * Codes our database functions and guards raise with a French sentence meant for users (see
 * supabase/README.md); Postgres raises some of the same codes in English (RLS refusals), which
 * are never shown as they are.
 */
const USER_FACING_SQLSTATES = new Set(['P0001', '22023', '23P01', '42501', 'PT409', 'PT404']);
const FRENCH = /[àâçéèêëîïôûùüÿœ«]|\b(le|la|les|des|vous|votre|cette|ce|une?|est|pas)\b/i;

export function dbErrorMessage(error: Pick<PostgrestError, 'code' | 'message'>): string {
	if (error.code && USER_FACING_SQLSTATES.has(error.code) && FRENCH.test(error.message)) {
		return error.message;
	}
	switch (error.code) {
		case '23505':
		case 'PT409':
			return t.common.errors.conflict;
		case '23503':
		case '23502':
		case '23514':
		case '22P02':
		case '22007':
		case '22008':
			return t.common.errors.invalidInput;
		case '42501':
		case 'PGRST301':
		case 'PGRST303':
			return t.common.errors.forbidden;
		case 'PGRST116':
			return t.common.errors.notFound;
		default:
			return t.common.errors.generic;
	}
}
