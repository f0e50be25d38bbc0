import { describe, expect, it } from 'vitest';
import {
	fromDatabaseError,
	renderError,
	storageErrors
} from '../../../../local-stack/storage/errors.ts';
import type pg from 'pg';

const pgError = (code: string, message: string, extra: Partial<pg.DatabaseError> = {}) =>
	Object.assign(new Error(message), { code, severity: 'ERROR', ...extra }) as pg.DatabaseError;

describe('the storage error renderer', () => {
	it('sends HTTP 400 for every non-500 error and puts the real status in statusCode', () => {
		expect(renderError(storageErrors.noSuchKey())).toEqual({
			status: 400,
			body: {
				statusCode: '404',
				code: 'NoSuchKey',
				error: 'not_found',
				message: 'Object not found'
			}
		});
		expect(renderError(storageErrors.noSuchBucket())).toEqual({
			status: 400,
			body: {
				statusCode: '404',
				code: 'NoSuchBucket',
				error: 'Bucket not found',
				message: 'Bucket not found'
			}
		});
		expect(renderError(storageErrors.keyAlreadyExists()).body).toEqual({
			statusCode: '409',
			code: 'KeyAlreadyExists',
			error: 'Duplicate',
			message: 'The resource already exists'
		});
		expect(renderError(storageErrors.entityTooLarge())).toEqual({
			status: 400,
			body: {
				statusCode: '413',
				code: 'EntityTooLarge',
				error: 'Payload too large',
				message: 'The object exceeded the maximum allowed size'
			}
		});
		expect(renderError(storageErrors.invalidMimeType('text/html')).body).toEqual({
			statusCode: '415',
			code: 'InvalidMimeType',
			error: 'invalid_mime_type',
			message: 'mime type text/html is not supported'
		});
	});

	it('falls back to the code for the legacy error field', () => {
		expect(renderError(storageErrors.invalidKey('a/é')).body).toEqual({
			statusCode: '400',
			code: 'InvalidKey',
			error: 'InvalidKey',
			message: 'Invalid key: a/é'
		});
		expect(renderError(storageErrors.bucketNotEmpty()).body.error).toBe('ResourceNotEmpty');
	});

	it('keeps upstream exceptions: the service-role guard (403), ranges (416), DB timeouts (544)', () => {
		expect(renderError(storageErrors.invalidRole()).status).toBe(403);
		expect(renderError(storageErrors.invalidRange()).status).toBe(416);
		expect(renderError(storageErrors.databaseTimeout()).status).toBe(544);
		expect(renderError(storageErrors.routeNotFound('GET', '/nope')).status).toBe(404);
	});

	it('sends 500 with a generic body for anything that is not a storage or database error', () => {
		expect(renderError(new TypeError('boom'))).toEqual({
			status: 500,
			body: {
				statusCode: '500',
				code: 'InternalError',
				error: 'Internal',
				message: 'Internal Server Error'
			}
		});
		expect(renderError(storageErrors.internal()).status).toBe(500);
	});

	it('words schema errors like Fastify and keeps HTTP 400', () => {
		expect(
			renderError(storageErrors.validation("body must have required property 'name'"))
		).toEqual({
			status: 400,
			body: {
				statusCode: '400',
				code: 'InvalidRequest',
				error: 'Error',
				message: "body must have required property 'name'"
			}
		});
	});
});

describe('database errors', () => {
	it('turns an RLS violation into AccessDenied with upstream message', () => {
		const error = fromDatabaseError(
			pgError('42501', 'new row violates row-level security policy for table "objects"')
		);
		expect(renderError(error).body).toEqual({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
			message: 'new row violates row-level security policy'
		});
	});

	it('keeps the Postgres message of other privilege errors', () => {
		const error = fromDatabaseError(pgError('42501', 'permission denied for table objects'));
		expect(error.message).toBe('permission denied for table objects');
	});

	it('maps unique and foreign-key violations and timeouts', () => {
		expect(fromDatabaseError(pgError('23505', 'duplicate key')).code).toBe('ResourceAlreadyExists');
		expect(
			fromDatabaseError(pgError('23503', 'fk', { detail: 'Key (id)=(x) is not present' })).message
		).toBe('The related resource does not exist');
		expect(
			fromDatabaseError(
				pgError('23503', 'fk', { detail: 'Key (id)=(x) is still referenced from table "objects".' })
			).code
		).toBe('ResourceReferenced');
		expect(fromDatabaseError(pgError('57014', 'canceling statement')).code).toBe('DatabaseTimeout');
	});

	it('renders unknown SQLSTATEs as a 500 DatabaseError', () => {
		expect(renderError(pgError('XX000', 'internal'))).toEqual({
			status: 500,
			body: {
				statusCode: '500',
				code: 'DatabaseError',
				error: 'DatabaseError',
				message: 'database error, code: XX000'
			}
		});
	});
});
