// Storage's error catalogue (supabase/storage src/internal/errors/codes.ts): the ErrorCode names,
// one factory per error with upstream's status, legacy `error` and message, the SQLSTATE map of
// src/storage/database/errors.ts and the one renderer, with upstream's quirk: the HTTP status is
// 400 for every error whose status is not 500, the real one travelling as a string in `statusCode`.
import type pg from 'pg';
import { isDatabaseError, SqlState } from '../postgres/errors.ts';

export const ErrorCode = {
	NoSuchBucket: 'NoSuchBucket',
	NoSuchKey: 'NoSuchKey',
	InvalidJWT: 'InvalidJWT',
	InvalidRequest: 'InvalidRequest',
	EntityTooLarge: 'EntityTooLarge',
	InternalError: 'InternalError',
	ResourceAlreadyExists: 'ResourceAlreadyExists',
	ResourceNotEmpty: 'ResourceNotEmpty',
	InvalidBucketName: 'InvalidBucketName',
	InvalidKey: 'InvalidKey',
	InvalidRange: 'InvalidRange',
	InvalidMimeType: 'InvalidMimeType',
	KeyAlreadyExists: 'KeyAlreadyExists',
	BucketAlreadyExists: 'BucketAlreadyExists',
	DatabaseTimeout: 'DatabaseTimeout',
	DatabaseError: 'DatabaseError',
	InvalidSignature: 'InvalidSignature',
	ExpiredToken: 'ExpiredToken',
	AccessDenied: 'AccessDenied',
	ResourceLocked: 'ResourceLocked',
	ResourceReferenced: 'ResourceReferenced',
	InvalidParameter: 'InvalidParameter',
	Aborted: 'Aborted',
	FeatureNotEnabled: 'FeatureNotEnabled',
	NotSupported: 'NotSupported'
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type ErrorBody = { statusCode: string; code: ErrorCode; error: string; message: string };

export class StorageError extends Error {
	code: ErrorCode;
	/** Upstream's httpStatusCode: what `statusCode` says in the body. */
	status: number;
	/** The legacy `error` field; upstream falls back to the code. */
	legacy: string | undefined;
	/** The HTTP status actually sent, when upstream overrides the 400/500 rule. */
	httpStatus: number | undefined;

	constructor(options: {
		code: ErrorCode;
		status: number;
		message: string;
		error?: string;
		httpStatus?: number;
		cause?: unknown;
	}) {
		super(options.message, { cause: options.cause });
		this.code = options.code;
		this.status = options.status;
		this.legacy = options.error;
		this.httpStatus = options.httpStatus;
	}
}

const make = (
	code: ErrorCode,
	status: number,
	message: string,
	extra: { error?: string; httpStatus?: number; cause?: unknown } = {}
) => new StorageError({ code, status, message, ...extra });

/** Factories named after upstream's ERRORS.* with the same statuses and messages. */
export const storageErrors = {
	noSuchBucket: () =>
		make(ErrorCode.NoSuchBucket, 404, 'Bucket not found', { error: 'Bucket not found' }),
	noSuchKey: () => make(ErrorCode.NoSuchKey, 404, 'Object not found', { error: 'not_found' }),
	bucketNotEmpty: () =>
		make(ErrorCode.ResourceNotEmpty, 409, 'The bucket you tried to delete is not empty'),
	accessDenied: (message = 'Access denied', cause?: unknown) =>
		make(ErrorCode.AccessDenied, 403, message || 'Access denied', { error: 'Unauthorized', cause }),
	/** The JWT role guard of service-role-only routes: the one place upstream sends HTTP 403. */
	invalidRole: () =>
		make(ErrorCode.AccessDenied, 403, 'Access denied: Invalid role', {
			error: 'Unauthorized',
			httpStatus: 403
		}),
	resourceAlreadyExists: (cause?: unknown) =>
		make(ErrorCode.ResourceAlreadyExists, 409, 'The resource already exists', {
			error: 'Duplicate',
			cause
		}),
	keyAlreadyExists: (cause?: unknown) =>
		make(ErrorCode.KeyAlreadyExists, 409, 'The resource already exists', {
			error: 'Duplicate',
			cause
		}),
	bucketAlreadyExists: (cause?: unknown) =>
		make(ErrorCode.BucketAlreadyExists, 409, 'The resource already exists', {
			error: 'Duplicate',
			cause
		}),
	entityTooLarge: (entity = 'object') =>
		make(ErrorCode.EntityTooLarge, 413, `The ${entity} exceeded the maximum allowed size`, {
			error: 'Payload too large'
		}),
	invalidMimeType: (mimeType: string) =>
		make(ErrorCode.InvalidMimeType, 415, `mime type ${mimeType} is not supported`, {
			error: 'invalid_mime_type'
		}),
	/** Fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE as storage's error handler rewrites it. */
	invalidContentTypeHeader: () =>
		make(ErrorCode.InvalidMimeType, 415, 'Invalid Content-Type header', {
			error: 'invalid_mime_type'
		}),
	invalidKey: (key: string) => make(ErrorCode.InvalidKey, 400, `Invalid key: ${key}`),
	invalidBucketName: () =>
		make(ErrorCode.InvalidBucketName, 400, 'Bucket name invalid', { error: 'Invalid Input' }),
	invalidFileSizeLimit: () =>
		make(
			ErrorCode.InvalidRequest,
			400,
			'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'
		),
	invalidJwt: (message = 'Invalid JWT') => make(ErrorCode.InvalidJWT, 400, message),
	invalidSignature: (message = 'Invalid signature') =>
		make(ErrorCode.InvalidSignature, 400, message),
	expiredSignature: () => make(ErrorCode.ExpiredToken, 400, 'The provided token has expired.'),
	invalidParameter: (parameter: string) =>
		make(ErrorCode.InvalidParameter, 400, `Invalid Parameter ${parameter}`),
	invalidRequest: (message: string) =>
		make(ErrorCode.InvalidRequest, 400, message || 'Invalid Request'),
	noContentProvided: (message?: string) =>
		make(ErrorCode.InvalidRequest, 400, message || 'No content provided'),
	/** Range refusals are one of upstream's explicit status overrides. */
	invalidRange: () =>
		make(ErrorCode.InvalidRange, 416, 'invalid range provided', {
			error: 'invalid_range',
			httpStatus: 416
		}),
	relatedResourceNotFound: () =>
		make(ErrorCode.InvalidRequest, 404, 'The related resource does not exist'),
	resourceReferenced: (message: string) => make(ErrorCode.ResourceReferenced, 409, message),
	resourceLocked: () => make(ErrorCode.ResourceLocked, 423, 'The resource is locked'),
	databaseTimeout: () =>
		make(ErrorCode.DatabaseTimeout, 544, 'The connection to the database timed out', {
			httpStatus: 544
		}),
	databaseError: (message: string, cause?: unknown) =>
		make(ErrorCode.DatabaseError, 500, message, { cause }),
	aborted: (message: string) => make(ErrorCode.Aborted, 500, message),
	internal: (message = 'Internal server error', cause?: unknown) =>
		make(ErrorCode.InternalError, 500, message, { cause }),
	featureNotEnabled: (feature: string) =>
		make(
			ErrorCode.FeatureNotEnabled,
			409,
			`The feature ${feature} is not enabled for this resource`
		),
	/**
	 * What hosted Storage answers for a feature the tenant does not have (requireTenantFeature):
	 * HTTP 403, sent as is. The local stack uses it for the protocols it does not implement.
	 */
	notAvailableLocally: (feature: string) =>
		make(
			ErrorCode.FeatureNotEnabled,
			403,
			`feature not enabled for this tenant: the local stack does not support ${feature}`,
			{ error: 'FeatureNotEnabled', httpStatus: 403 }
		),
	/** A request that fails schema validation, worded like Fastify's ajv messages. */
	validation: (message: string) =>
		make(ErrorCode.InvalidRequest, 400, message, { error: 'Error', httpStatus: 400 }),
	/** Fastify's own body errors (FST_ERR_CTP_*), which keep their HTTP status. */
	badBody: (message: string, status = 400) =>
		make(status === 413 ? ErrorCode.EntityTooLarge : ErrorCode.InvalidRequest, status, message, {
			error: 'FastifyError',
			httpStatus: status
		}),
	routeNotFound: (method: string, url: string) =>
		make(ErrorCode.InvalidRequest, 404, `Route ${method}:${url} not found`, {
			error: 'Not Found',
			httpStatus: 404
		})
};

/** SQLSTATE → storage error, as supabase/storage's DBError.fromDBError. */
export function fromDatabaseError(error: pg.DatabaseError): StorageError {
	switch (error.code) {
		case SqlState.insufficientPrivilege:
			return storageErrors.accessDenied(
				error.message.includes('row-level security')
					? 'new row violates row-level security policy'
					: error.message,
				error
			);
		case SqlState.uniqueViolation:
			return storageErrors.resourceAlreadyExists(error);
		case SqlState.foreignKeyViolation:
			return error.detail?.includes('is still referenced from table')
				? storageErrors.resourceReferenced(
						'The resource could not be updated or removed due to a foreign key constraint'
					)
				: storageErrors.relatedResourceNotFound();
		case '55P03':
			return storageErrors.resourceLocked();
		case SqlState.queryCanceled:
			return storageErrors.databaseTimeout();
		case SqlState.invalidTextRepresentation:
			return make(ErrorCode.InvalidParameter, 400, error.message);
		default:
			return storageErrors.databaseError(`database error, code: ${error.code}`, error);
	}
}

/** Turns anything thrown by Postgres into a storage error; other errors pass through. */
export function asStorageError(error: unknown): unknown {
	return isDatabaseError(error) ? fromDatabaseError(error) : error;
}

export function isStorageError(error: unknown, code?: ErrorCode): error is StorageError {
	return error instanceof StorageError && (code === undefined || error.code === code);
}

/** The one renderer: HTTP status and body for any error a route throws. */
export function renderError(error: unknown): { status: number; body: ErrorBody } {
	const known = error instanceof StorageError ? error : asStorageError(error);
	if (known instanceof StorageError) {
		return {
			status: known.httpStatus ?? (known.status === 500 ? 500 : 400),
			body: {
				statusCode: String(known.status),
				code: known.code,
				error: known.legacy ?? known.code,
				message: known.message
			}
		};
	}
	return {
		status: 500,
		body: {
			statusCode: '500',
			code: ErrorCode.InternalError,
			error: 'Internal',
			message: 'Internal Server Error'
		}
	};
}
