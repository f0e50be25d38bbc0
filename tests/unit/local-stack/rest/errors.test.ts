import { describe, expect, it } from 'vitest';
import {
	fromDatabaseError,
	pgrstErrors,
	renderError,
	statusForSqlState
} from '../../../../local-stack/rest/errors.ts';

const dbError = (code: string, message: string, extra: Record<string, unknown> = {}) =>
	Object.assign(new Error(message), { code, severity: 'ERROR', ...extra }) as never;

describe('the SQLSTATE → HTTP map', () => {
	it('follows PostgREST for the codes apps meet', () => {
		const table: [string, string, boolean, number][] = [
			['42501', 'permission denied for table t', false, 401],
			['42501', 'permission denied for table t', true, 403],
			['23505', 'duplicate', true, 409],
			['23503', 'fk', true, 409],
			['23514', 'check', true, 400],
			['23502', 'not null', true, 400],
			['22P02', 'syntax', true, 400],
			['P0001', 'raise', true, 400],
			['P0002', 'no data', true, 500],
			['42883', 'function f() does not exist', true, 404],
			['42P01', 'relation does not exist', true, 404],
			['25006', 'read-only', true, 405],
			['21000', 'UPDATE requires a WHERE clause', true, 400],
			['21000', 'more than one row returned by a subquery used as an expression', true, 500],
			['22023', 'role "ghost" does not exist', true, 401],
			['22023', 'invalid parameter', true, 400],
			['57014', 'canceling statement due to statement timeout', true, 500],
			['53300', 'too many connections', true, 503],
			['08006', 'connection failure', true, 503],
			['42P17', 'infinite recursion', true, 500],
			['23P01', 'exclusion', true, 400]
		];
		for (const [code, message, authenticated, status] of table)
			expect(statusForSqlState(code, message, authenticated), code).toBe(status);
	});

	it('answers custom PTxyz codes with status xyz and the message as reason phrase', () => {
		const error = fromDatabaseError(dbError('PT409', 'Déjà répondu.'), true);
		expect(error).toMatchObject({ status: 409, statusText: 'Déjà répondu.', code: 'PT409' });
		expect(fromDatabaseError(dbError('PTxyz', 'x'), true).status).toBe(500);
	});

	it("reads RAISE SQLSTATE 'PGRST' with JSON message and detail, or says what is wrong", () => {
		const full = fromDatabaseError(
			dbError('PGRST', '{"code":"X1","message":"m","hint":"h"}', {
				detail: '{"status":418,"headers":{"A":"b"}}'
			}),
			true
		);
		expect(full).toMatchObject({
			code: 'X1',
			status: 418,
			message: 'm',
			hint: 'h',
			headers: { A: 'b' }
		});
		expect(fromDatabaseError(dbError('PGRST', 'not json'), true)).toMatchObject({
			code: 'PGRST121',
			details: "Invalid JSON value for MESSAGE: 'not json'"
		});
		expect(fromDatabaseError(dbError('PGRST', '{"code":"a","message":"b"}'), true)).toMatchObject({
			details: 'DETAIL is missing in the RAISE statement'
		});
	});

	it('adds WWW-Authenticate: Bearer to database 401s', () => {
		expect(fromDatabaseError(dbError('42501', 'denied'), false).headers).toEqual({
			'WWW-Authenticate': 'Bearer'
		});
	});
});

describe('the error envelope', () => {
	it('renders code, details, hint, message in that order with Proxy-Status', () => {
		const rendered = renderError(pgrstErrors.singularity(2));
		expect(rendered.body).toBe(
			'{"code":"PGRST116","details":"The result contains 2 rows","hint":null,"message":"Cannot coerce the result to a single JSON object"}'
		);
		expect(rendered.status).toBe(406);
		expect(rendered.headers['Proxy-Status']).toBe('PostgREST; error=PGRST116');
	});

	it('quotes JWT messages in WWW-Authenticate as Haskell shows a string', () => {
		expect(
			pgrstErrors.jwtClaims("The JWT 'exp' claim must be a number").headers['WWW-Authenticate']
		).toBe(
			'Bearer error="invalid_token", error_description="The JWT \'exp\' claim must be a number"'
		);
	});
});
