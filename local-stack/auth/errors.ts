// GoTrue's error catalogue (supabase/auth internal/api/apierrors, errors.go): the error_code
// names, one factory per error with upstream's status and exact message, and the one renderer
// with both envelopes: `{code, message}` when the request names API version 2024-01-01 (auth-js
// always does), the legacy `{code: <status>, error_code, msg}` otherwise, plus OAuth's shape.
import { randomUUID } from 'node:crypto';
import { isDatabaseError } from '../postgres/errors.ts';

export const ErrorCode = {
	unknown: 'unknown',
	unexpectedFailure: 'unexpected_failure',
	validationFailed: 'validation_failed',
	badJson: 'bad_json',
	emailExists: 'email_exists',
	phoneExists: 'phone_exists',
	badJwt: 'bad_jwt',
	notAdmin: 'not_admin',
	noAuthorization: 'no_authorization',
	userNotFound: 'user_not_found',
	sessionNotFound: 'session_not_found',
	sessionExpired: 'session_expired',
	refreshTokenNotFound: 'refresh_token_not_found',
	refreshTokenAlreadyUsed: 'refresh_token_already_used',
	flowStateNotFound: 'flow_state_not_found',
	flowStateExpired: 'flow_state_expired',
	signupDisabled: 'signup_disabled',
	userBanned: 'user_banned',
	emailProviderDisabled: 'email_provider_disabled',
	phoneProviderDisabled: 'phone_provider_disabled',
	emailNotConfirmed: 'email_not_confirmed',
	userAlreadyExists: 'user_already_exists',
	conflict: 'conflict',
	reauthenticationNeeded: 'reauthentication_needed',
	samePassword: 'same_password',
	reauthenticationNotValid: 'reauthentication_not_valid',
	otpExpired: 'otp_expired',
	otpDisabled: 'otp_disabled',
	weakPassword: 'weak_password',
	overRequestRateLimit: 'over_request_rate_limit',
	overEmailSendRateLimit: 'over_email_send_rate_limit',
	badCodeVerifier: 'bad_code_verifier',
	anonymousProviderDisabled: 'anonymous_provider_disabled',
	invalidCredentials: 'invalid_credentials',
	emailAddressInvalid: 'email_address_invalid',
	samlProviderDisabled: 'saml_provider_disabled',
	manualLinkingDisabled: 'manual_linking_disabled',
	featureDisabled: 'feature_disabled',
	requestEntityTooLarge: 'request_entity_too_large'
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** GoTrue's HTTPError: a status, an error_code and a message (and, for weak passwords, reasons). */
export class AuthError extends Error {
	status: number;
	code: ErrorCode;
	/** Set only by weakPassword(): GoTrue's WeakPasswordError. */
	reasons: string[] | undefined;

	constructor(status: number, code: ErrorCode, message: string, cause?: unknown) {
		super(message, { cause });
		this.status = status;
		this.code = code;
	}
}

/** GoTrue's OAuthError: `{error, error_description}`, always sent with HTTP 400. */
export class OAuthError extends Error {
	error: string;

	constructor(error: string, description: string) {
		super(description);
		this.error = error;
	}
}

const make = (status: number, code: ErrorCode, message: string, cause?: unknown) =>
	new AuthError(status, code, message, cause);

/** Factories named after the situations GoTrue raises them in, with its statuses and wording. */
export const authErrors = {
	badJson: (detail: string) =>
		make(400, ErrorCode.badJson, `Could not parse request body as JSON: ${detail}`),
	requestTooLarge: (limit: number) =>
		make(413, ErrorCode.requestEntityTooLarge, `Request body too large (max ${limit} bytes)`),
	validation: (message: string, status = 400) => make(status, ErrorCode.validationFailed, message),
	invalidCredentials: (message = 'Invalid login credentials') =>
		make(400, ErrorCode.invalidCredentials, message),
	emailNotConfirmed: () => make(400, ErrorCode.emailNotConfirmed, 'Email not confirmed'),
	userBanned: (message = 'User is banned', status = 400) =>
		make(status, ErrorCode.userBanned, message),
	userAlreadyExists: () => make(422, ErrorCode.userAlreadyExists, 'User already registered'),
	emailExists: () =>
		make(422, ErrorCode.emailExists, 'A user with this email address has already been registered'),
	weakPassword: (message: string, reasons: string[]) => {
		const error = make(422, ErrorCode.weakPassword, message);
		error.reasons = reasons;
		return error;
	},
	samePassword: () =>
		make(422, ErrorCode.samePassword, 'New password should be different from the old password.'),
	signupDisabled: () =>
		make(422, ErrorCode.signupDisabled, 'Signups not allowed for this instance'),
	emailProviderDisabled: (message: string, status = 400) =>
		make(status, ErrorCode.emailProviderDisabled, message),
	phoneProviderDisabled: (message: string, status = 400) =>
		make(status, ErrorCode.phoneProviderDisabled, message),
	anonymousProviderDisabled: () =>
		make(422, ErrorCode.anonymousProviderDisabled, 'Anonymous sign-ins are disabled'),
	otpDisabled: () => make(422, ErrorCode.otpDisabled, 'Signups not allowed for otp'),
	noAuthorization: () =>
		make(401, ErrorCode.noAuthorization, 'This endpoint requires a valid Bearer token'),
	badJwt: (message: string, status = 403) => make(status, ErrorCode.badJwt, message),
	userNotFound: (message = 'User not found', status = 404) =>
		make(status, ErrorCode.userNotFound, message),
	sessionNotFound: () =>
		make(403, ErrorCode.sessionNotFound, 'Session from session_id claim in JWT does not exist'),
	sessionExpired: (message: string, status = 400) =>
		make(status, ErrorCode.sessionExpired, message),
	notAdmin: (message = 'User not allowed') => make(403, ErrorCode.notAdmin, message),
	refreshTokenNotFound: () =>
		make(400, ErrorCode.refreshTokenNotFound, 'Invalid Refresh Token: Refresh Token Not Found'),
	refreshTokenAlreadyUsed: () =>
		make(400, ErrorCode.refreshTokenAlreadyUsed, 'Invalid Refresh Token: Already Used'),
	refreshSessionNotFound: () =>
		make(400, ErrorCode.sessionNotFound, 'Invalid Refresh Token: No Valid Session Found'),
	otpExpired: (message = 'Token has expired or is invalid') =>
		make(403, ErrorCode.otpExpired, message),
	flowStateNotFound: (message: string, status = 404) =>
		make(status, ErrorCode.flowStateNotFound, message),
	flowStateExpired: () =>
		make(422, ErrorCode.flowStateExpired, 'invalid flow state, flow state has expired'),
	badCodeVerifier: (message: string) => make(400, ErrorCode.badCodeVerifier, message),
	overRequestRateLimit: () =>
		make(429, ErrorCode.overRequestRateLimit, 'Request rate limit reached'),
	overEmailSendRateLimit: (message = 'email rate limit exceeded') =>
		make(429, ErrorCode.overEmailSendRateLimit, message),
	reauthenticationNeeded: () =>
		make(400, ErrorCode.reauthenticationNeeded, 'Password update requires reauthentication'),
	reauthenticationNotValid: (message = 'Nonce has expired or is invalid') =>
		make(422, ErrorCode.reauthenticationNotValid, message),
	emailAddressInvalid: (email: string) =>
		make(400, ErrorCode.emailAddressInvalid, `Email address "${email}" is invalid`),
	emailNotConfirmedForReauthentication: () =>
		make(422, ErrorCode.emailNotConfirmed, 'Please verify your email first.'),
	samlDisabled: () => make(404, ErrorCode.samlProviderDisabled, 'SAML 2.0 is disabled'),
	manualLinkingDisabled: () =>
		make(404, ErrorCode.manualLinkingDisabled, 'Manual linking is disabled'),
	/** What GoTrue answers for a disabled feature, worded for what the local stack lacks. */
	notSupported: (feature: string) =>
		make(404, ErrorCode.featureDisabled, `${feature} is not supported by the local stack`),
	conflict: (message: string) => make(409, ErrorCode.conflict, message),
	unexpected: (message: string, cause?: unknown) =>
		make(500, ErrorCode.unexpectedFailure, message, cause),
	oauth: (error: string, description: string) => new OAuthError(error, description)
};

export const API_VERSION_HEADER = 'X-Supabase-Api-Version';

/** The dated API a request asked for (DetermineClosestAPIVersion): 2024-01-01 or the initial one. */
export type ApiVersion = 'initial' | '2024-01-01';

export function parseApiVersion(header: string | undefined): ApiVersion {
	if (!header) return 'initial';
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(header);
	if (!match) return 'initial';
	const date = new Date(`${header}T00:00:00Z`);
	// Go's time.Parse refuses impossible dates (2024-02-30); Date would roll them over.
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== header) return 'initial';
	return header >= '2024-01-01' ? '2024-01-01' : 'initial';
}

export type RenderedError = {
	status: number;
	headers: Record<string, string>;
	body: Record<string, unknown>;
};

/** SQLSTATEs GoTrue shows to clients on the legacy API (utilities.NewPostgresError). */
function publicPostgresStatus(code: string): number {
	if (['P0001', '23000', '23001', '23502', '23503', '23505', '23514', '23P01'].includes(code))
		return 500;
	if (code.startsWith('PT')) {
		const status = Number.parseInt(code.slice(2), 10);
		if (Number.isFinite(status)) return status;
	}
	return 0;
}

/** The one renderer: status, headers and body GoTrue sends for an error a handler threw. */
export function renderError(error: unknown, version: ApiVersion): RenderedError {
	const headers: Record<string, string> = {};
	const dated = version === '2024-01-01';
	if (dated) headers[API_VERSION_HEADER] = '2024-01-01';

	if (error instanceof AuthError && error.reasons) {
		const weak = { reasons: error.reasons };
		if (dated) {
			// GoTrue's weak-password branch sets x-sb-error-code only on the legacy API.
			return {
				status: 422,
				headers,
				body: { code: ErrorCode.weakPassword, message: error.message, weak_password: weak }
			};
		}
		headers['x-sb-error-code'] = ErrorCode.weakPassword;
		return {
			status: 422,
			headers,
			body: {
				code: 422,
				error_code: ErrorCode.weakPassword,
				msg: error.message,
				weak_password: weak
			}
		};
	}
	if (error instanceof AuthError) {
		headers['x-sb-error-code'] = error.code;
		if (dated)
			return { status: error.status, headers, body: { code: error.code, message: error.message } };
		const cause = error.cause;
		if (isDatabaseError(cause)) {
			const status = publicPostgresStatus(cause.code ?? '');
			if (status) {
				const body: Record<string, unknown> = { code: cause.code, message: cause.message };
				if (cause.hint) body.hint = cause.hint;
				if (cause.detail) body.detail = cause.detail;
				return { status, headers, body };
			}
		}
		const body: Record<string, unknown> = {
			code: error.status,
			error_code: error.code,
			msg: error.message
		};
		if (error.status >= 500) body.error_id = randomUUID();
		return { status: error.status, headers, body };
	}
	if (error instanceof OAuthError) {
		const body: Record<string, unknown> = { error: error.error };
		if (error.message) body.error_description = error.message;
		return { status: 400, headers, body };
	}
	const message = 'Unexpected failure, please check server logs for more information';
	return {
		status: 500,
		headers,
		body: dated
			? { code: ErrorCode.unexpectedFailure, message }
			: { code: 500, error_code: ErrorCode.unexpectedFailure, msg: message }
	};
}
