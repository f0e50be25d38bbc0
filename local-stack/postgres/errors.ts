// The SQLSTATEs the services map to their own HTTP errors, named once, and a guard that tells a
// Postgres error from a bug in the stack.
import type pg from 'pg';

export const SqlState = {
	insufficientPrivilege: '42501',
	uniqueViolation: '23505',
	foreignKeyViolation: '23503',
	checkViolation: '23514',
	notNullViolation: '23502',
	invalidTextRepresentation: '22P02',
	raiseException: 'P0001',
	readOnlyTransaction: '25006',
	undefinedTable: '42P01',
	undefinedFunction: '42883',
	undefinedColumn: '42703',
	queryCanceled: '57014',
	invalidParameterValue: '22023',
	cardinalityViolation: '21000'
} as const;

export function isDatabaseError(error: unknown): error is pg.DatabaseError {
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as { code?: unknown }).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((error as { code: string }).code) &&
		'severity' in error
	);
}
