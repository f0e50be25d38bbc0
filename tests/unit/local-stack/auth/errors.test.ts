import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { authErrors, parseApiVersion, renderError } from '../../../../local-stack/auth/errors.ts';

describe('the API version a request names', () => {
	it('is 2024-01-01 for that date or any later one, the initial version otherwise', () => {
		expect(parseApiVersion('2024-01-01')).toBe('2024-01-01');
		expect(parseApiVersion('2025-06-30')).toBe('2024-01-01');
		expect(parseApiVersion('2023-12-31')).toBe('initial');
		expect(parseApiVersion(undefined)).toBe('initial');
		expect(parseApiVersion('yesterday')).toBe('initial');
		expect(parseApiVersion('2024-02-30')).toBe('initial');
	});
});

describe('the GoTrue error renderer', () => {
	it('answers {code, message} with the version echoed on the dated API', () => {
		expect(renderError(authErrors.invalidCredentials(), '2024-01-01')).toEqual({
			status: 400,
			headers: { 'X-Supabase-Api-Version': '2024-01-01', 'x-sb-error-code': 'invalid_credentials' },
			body: { code: 'invalid_credentials', message: 'Invalid login credentials' }
		});
	});

	it('answers {code: status, error_code, msg} on the legacy API, without echoing a version', () => {
		expect(renderError(authErrors.userAlreadyExists(), 'initial')).toEqual({
			status: 422,
			headers: { 'x-sb-error-code': 'user_already_exists' },
			body: { code: 422, error_code: 'user_already_exists', msg: 'User already registered' }
		});
	});

	it('adds an error_id to legacy 5xx answers', () => {
		const rendered = renderError(
			authErrors.unexpected('Database error saving new user'),
			'initial'
		);
		expect(rendered.status).toBe(500);
		expect(rendered.body).toMatchObject({
			code: 500,
			error_code: 'unexpected_failure',
			msg: 'Database error saving new user',
			error_id: expect.stringMatching(/^[0-9a-f-]{36}$/)
		});
	});

	it('carries weak-password reasons in both envelopes, the code header only on the legacy one', () => {
		const weak = authErrors.weakPassword('Password should be at least 8 characters.', ['length']);
		expect(renderError(weak, '2024-01-01')).toEqual({
			status: 422,
			headers: { 'X-Supabase-Api-Version': '2024-01-01' },
			body: {
				code: 'weak_password',
				message: 'Password should be at least 8 characters.',
				weak_password: { reasons: ['length'] }
			}
		});
		expect(renderError(weak, 'initial')).toEqual({
			status: 422,
			headers: { 'x-sb-error-code': 'weak_password' },
			body: {
				code: 422,
				error_code: 'weak_password',
				msg: 'Password should be at least 8 characters.',
				weak_password: { reasons: ['length'] }
			}
		});
	});

	it('renders OAuth errors as {error, error_description} with HTTP 400', () => {
		expect(
			renderError(authErrors.oauth('invalid_request', 'refresh_token required'), 'initial')
		).toEqual({
			status: 400,
			headers: {},
			body: { error: 'invalid_request', error_description: 'refresh_token required' }
		});
	});

	it('shows a trigger RAISE to legacy clients as the Postgres error, like GoTrue', () => {
		const cause = Object.assign(new Error('profil refusé'), {
			code: 'P0001',
			severity: 'ERROR',
			hint: 'changez le rôle'
		}) as pg.DatabaseError;
		expect(
			renderError(authErrors.unexpected('Database error saving new user', cause), 'initial')
		).toEqual({
			status: 500,
			headers: { 'x-sb-error-code': 'unexpected_failure' },
			body: { code: 'P0001', message: 'profil refusé', hint: 'changez le rôle' }
		});
		const custom = Object.assign(new Error('trop tard'), { code: 'PT409', severity: 'ERROR' });
		expect(renderError(authErrors.unexpected('x', custom), 'initial').status).toBe(409);
		expect(renderError(authErrors.unexpected('x', custom), '2024-01-01').body).toEqual({
			code: 'unexpected_failure',
			message: 'x'
		});
	});

	it('hides anything that is not a GoTrue error behind unexpected_failure', () => {
		const message = 'Unexpected failure, please check server logs for more information';
		expect(renderError(new TypeError('boom'), '2024-01-01')).toEqual({
			status: 500,
			headers: { 'X-Supabase-Api-Version': '2024-01-01' },
			body: { code: 'unexpected_failure', message }
		});
		expect(renderError(new TypeError('boom'), 'initial').body).toEqual({
			code: 500,
			error_code: 'unexpected_failure',
			msg: message
		});
	});

	it('keeps GoTrue statuses and messages for the common refusals', () => {
		const cases: [ReturnType<typeof authErrors.noAuthorization>, number, string, string][] = [
			[
				authErrors.noAuthorization(),
				401,
				'no_authorization',
				'This endpoint requires a valid Bearer token'
			],
			[
				authErrors.sessionNotFound(),
				403,
				'session_not_found',
				'Session from session_id claim in JWT does not exist'
			],
			[authErrors.notAdmin(), 403, 'not_admin', 'User not allowed'],
			[
				authErrors.refreshTokenAlreadyUsed(),
				400,
				'refresh_token_already_used',
				'Invalid Refresh Token: Already Used'
			],
			[
				authErrors.refreshTokenNotFound(),
				400,
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			],
			[
				authErrors.overRequestRateLimit(),
				429,
				'over_request_rate_limit',
				'Request rate limit reached'
			],
			[
				authErrors.overEmailSendRateLimit(),
				429,
				'over_email_send_rate_limit',
				'email rate limit exceeded'
			],
			[authErrors.userNotFound(), 404, 'user_not_found', 'User not found'],
			[
				authErrors.emailExists(),
				422,
				'email_exists',
				'A user with this email address has already been registered'
			],
			[
				authErrors.samePassword(),
				422,
				'same_password',
				'New password should be different from the old password.'
			],
			[
				authErrors.emailAddressInvalid('a@b'),
				400,
				'email_address_invalid',
				'Email address "a@b" is invalid'
			]
		];
		for (const [error, status, code, message] of cases)
			expect([error.status, error.code, error.message]).toEqual([status, code, message]);
	});
});
