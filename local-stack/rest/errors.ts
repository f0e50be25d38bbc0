// PostgREST's error catalogue (v14 src/PostgREST/Error.hs): the PGRST codes by stage with their
// HTTP statuses, messages, details and hints, one factory per error, the SQLSTATE → HTTP map for
// database errors, and the one renderer: `{code, details, hint, message}` (keys in aeson's order)
// with `Proxy-Status` and, for authentication failures, `WWW-Authenticate`.
import type pg from 'pg';
import { isDatabaseError, SqlState } from '../postgres/errors.ts';
import { showString } from './parse/parsec.ts';

export class PgrstError extends Error {
	code: string;
	status: number;
	details: unknown;
	hint: unknown;
	headers: Record<string, string>;
	/** Reason phrase of the status line, when upstream sets one (custom `PTxyz` and `PGRST` raises). */
	statusText: string | undefined;

	constructor(options: {
		code: string;
		status: number;
		message: string;
		details?: unknown;
		hint?: unknown;
		headers?: Record<string, string>;
		statusText?: string;
	}) {
		super(options.message);
		this.code = options.code;
		this.status = options.status;
		this.details = options.details ?? null;
		this.hint = options.hint ?? null;
		this.headers = options.headers ?? {};
		this.statusText = options.statusText;
	}
}

const make = (
	code: string,
	status: number,
	message: string,
	details: unknown = null,
	hint: unknown = null,
	headers: Record<string, string> = {}
) => new PgrstError({ code, status, message, details, hint, headers });

const invalidToken = (message: string) => ({
	'WWW-Authenticate': `Bearer error="invalid_token", error_description=${showString(message)}`
});

/** Keys in aeson's (alphabetical) order, as upstream renders them. */
export type RelationshipSummary = {
	cardinality: string;
	embedding: string;
	relationship: string;
};

/** Factories named after PostgREST's constructors; messages are upstream's, word for word. */
export const pgrstErrors = {
	// PGRST0xx: connection
	connection: (details: string | null = null) =>
		make('PGRST000', 503, 'Database connection error. Retrying the connection.', details),
	noSchemaCache: () =>
		make('PGRST002', 503, 'Could not query the database for the schema cache. Retrying.'),
	poolTimeout: () => make('PGRST003', 504, 'Timed out acquiring connection from connection pool.'),

	// PGRST1xx: the request
	queryParam: (message: string, details: string) => make('PGRST100', 400, message, details),
	invalidRpcMethod: (method: string) =>
		make('PGRST101', 405, `Cannot use the ${method} method on RPC`),
	invalidBody: (message: string) => make('PGRST102', 400, message),
	negativeLimit: () =>
		make(
			'PGRST103',
			416,
			'Requested range not satisfiable',
			'Limit should be greater than or equal to zero.'
		),
	lowerGreaterThanUpper: () =>
		make(
			'PGRST103',
			416,
			'Requested range not satisfiable',
			'The lower boundary must be lower than or equal to the upper boundary in the Range header.'
		),
	outOfBounds: (offset: string, total: string) =>
		make(
			'PGRST103',
			416,
			'Requested range not satisfiable',
			`An offset of ${offset} was requested, but there are only ${total} rows.`
		),
	invalidFilters: () =>
		make(
			'PGRST105',
			405,
			"Filters must include all and only primary key columns with 'eq' operators"
		),
	unacceptableSchema: (schema: string, exposed: string[]) =>
		make(
			'PGRST106',
			406,
			`Invalid schema: ${schema}`,
			null,
			`Only the following schemas are exposed: ${exposed.join(', ')}`
		),
	mediaType: (types: string[]) =>
		make('PGRST107', 406, `None of these media types are available: ${types.join(', ')}`),
	notEmbedded: (resource: string) =>
		make(
			'PGRST108',
			400,
			`'${resource}' is not an embedded resource in this request`,
			null,
			`Verify that '${resource}' is included in the 'select' query parameter.`
		),
	gucHeaders: () =>
		make(
			'PGRST111',
			500,
			'response.headers guc must be a JSON array composed of objects with a single key and a string value'
		),
	gucStatus: () => make('PGRST112', 500, 'response.status guc must be a valid status code'),
	putLimitNotAllowed: () =>
		make('PGRST114', 400, 'limit/offset querystring parameters are not allowed for PUT'),
	putMatchingPk: () =>
		make('PGRST115', 400, 'Payload values do not match URL in primary key column(s)'),
	singularity: (rows: number) =>
		make(
			'PGRST116',
			406,
			'Cannot coerce the result to a single JSON object',
			`The result contains ${rows} rows`
		),
	unsupportedMethod: (method: string) =>
		make('PGRST117', 405, `Unsupported HTTP method: ${method}`),
	relatedOrderNotToOne: (origin: string, target: string) =>
		make(
			'PGRST118',
			400,
			`A related order on '${target}' is not possible`,
			`'${origin}' and '${target}' do not form a many-to-one or one-to-one relationship`
		),
	unacceptableFilter: (target: string) =>
		make(
			'PGRST120',
			400,
			`Bad operator on the '${target}' embedded resource`,
			'Only is null or not is null filters are allowed on embedded resources'
		),
	pgrstParse: (details: string, hint: string) =>
		make(
			'PGRST121',
			500,
			`Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`,
			details,
			hint
		),
	invalidPreferences: (preferences: string[]) =>
		make(
			'PGRST122',
			400,
			'Invalid preferences given with handling=strict',
			`Invalid preferences: ${preferences.join(', ')}`
		),
	aggregatesNotAllowed: () => make('PGRST123', 400, 'Use of aggregate functions is not allowed'),
	maxAffectedViolation: (rows: number) =>
		make(
			'PGRST124',
			400,
			'Query result exceeds max-affected preference constraint',
			`The query affects ${rows} rows`
		),
	invalidResourcePath: () => make('PGRST125', 404, 'Invalid path specified in request URL'),
	openApiDisabled: () => make('PGRST126', 404, 'Root endpoint metadata is disabled'),
	/** Upstream's explicit refusal; the local stack also uses it for what it does not implement. */
	notImplemented: (details: string) => make('PGRST127', 400, 'Feature not implemented', details),
	maxAffectedRpc: () =>
		make(
			'PGRST128',
			400,
			'Function must return SETOF or TABLE when max-affected preference is used with handling=strict'
		),

	// PGRST2xx: the schema cache
	noRelationship: (
		parent: string,
		child: string,
		hint: string | undefined,
		schema: string,
		suggestion: string | null
	) =>
		make(
			'PGRST200',
			400,
			`Could not find a relationship between '${parent}' and '${child}' in the schema cache`,
			`Searched for a foreign key relationship between '${parent}' and '${child}${hint === undefined ? '' : `' using the hint '${hint}`}' in the schema '${schema}', but no matches were found.`,
			suggestion
		),
	ambiguousRelationship: (
		parent: string,
		child: string,
		relationships: RelationshipSummary[],
		hints: string[]
	) =>
		make(
			'PGRST201',
			300,
			`Could not embed because more than one relationship was found for '${parent}' and '${child}'`,
			relationships,
			`Try changing '${child}' to one of the following: ${hints.join(', ')}. Find the desired relationship in the 'details' key.`
		),
	noFunction: (message: string, details: string, hint: string | null) =>
		make('PGRST202', 404, message, details, hint),
	ambiguousFunction: (signatures: string[]) =>
		make(
			'PGRST203',
			300,
			`Could not choose the best candidate function between: ${signatures.join(', ')}`,
			null,
			'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		),
	columnNotFound: (relation: string, column: string) =>
		make(
			'PGRST204',
			400,
			`Could not find the '${column}' column of '${relation}' in the schema cache`
		),
	tableNotFound: (schema: string, table: string, suggestion: string | null) =>
		make(
			'PGRST205',
			404,
			`Could not find the table '${schema}.${table}' in the schema cache`,
			null,
			suggestion === null ? null : `Perhaps you meant the table '${schema}.${suggestion}'`
		),

	// PGRST3xx: JWT
	emptyJwt: () => jwtDecode('Empty JWT is sent in Authorization header'),
	jwtParts: (parts: number) => jwtDecode(`Expected 3 parts in JWT; got ${parts}`),
	jwtKey: (details = 'None of the keys was able to decode the JWT') =>
		jwtDecode('No suitable key or wrong key type', details),
	jwtAlgorithm: (details: string) => jwtDecode('Wrong or unsupported encoding algorithm', details),
	jwtCrypto: () => jwtDecode('JWT cryptographic operation failed'),
	anonymousDisabled: () =>
		make('PGRST302', 401, 'Anonymous access is disabled', null, null, {
			'WWW-Authenticate': 'Bearer'
		}),
	jwtClaims: (message: string) => make('PGRST303', 401, message, null, null, invalidToken(message))
};

function jwtDecode(message: string, details: string | null = null) {
	return make('PGRST301', 401, message, details, null, invalidToken(message));
}

/** PostgREST's pgErrorStatus: the HTTP status of a database error. */
export function statusForSqlState(code: string, message: string, authenticated: boolean): number {
	if (code.startsWith('08')) return 503;
	if (code.startsWith('09')) return 500;
	if (code.startsWith('0L') || code.startsWith('0P')) return 403;
	switch (code) {
		case SqlState.foreignKeyViolation:
		case SqlState.uniqueViolation:
			return 409;
		case SqlState.readOnlyTransaction:
			return 405;
		case SqlState.cardinalityViolation:
			// pg-safeupdate's refusal is a client error; anything else is a server-side one.
			return message.endsWith('requires a WHERE clause') ? 400 : 500;
		case SqlState.invalidParameterValue:
			// A JWT role that does not exist (PostgREST issue #3601).
			return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
	}
	if (['25', '2D', '38', '39', '3B', '40'].some((prefix) => code.startsWith(prefix))) return 500;
	if (code.startsWith('28')) return 403;
	if (code === '53400') return 500;
	if (code.startsWith('53')) return 503;
	if (code.startsWith('54') || code.startsWith('55')) return 500;
	if (code === '57P01') return 503;
	if (['57', '58', 'F0', 'HV', 'XX'].some((prefix) => code.startsWith(prefix))) return 500;
	if (code === SqlState.raiseException) return 400;
	if (code.startsWith('P0')) return 500;
	if (code === SqlState.undefinedFunction)
		return message.startsWith('function xmlagg(') ? 406 : 404;
	if (code === SqlState.undefinedTable) return 404;
	if (code === '42P17') return 500;
	if (code === SqlState.insufficientPrivilege) return authenticated ? 403 : 401;
	return 400;
}

type RaisedMessage = { code: string; message: string; details?: string; hint?: string };
type RaisedDetails = { status: number; status_text?: string; headers: Record<string, string> };

/** `RAISE SQLSTATE 'PGRST'` with JSON message and detail: full control of the response. */
function fromPgrstRaise(error: pg.DatabaseError): PgrstError {
	let raised: RaisedMessage;
	try {
		raised = JSON.parse(error.message);
		if (typeof raised !== 'object' || raised === null || Array.isArray(raised)) throw new Error();
		if (typeof raised.code !== 'string' || typeof raised.message !== 'string') throw new Error();
	} catch {
		return pgrstErrors.pgrstParse(
			`Invalid JSON value for MESSAGE: '${error.message}'`,
			"MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'."
		);
	}
	const hint =
		"DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.";
	if (error.detail === undefined || error.detail === null)
		return pgrstErrors.pgrstParse('DETAIL is missing in the RAISE statement', hint);
	let details: RaisedDetails;
	try {
		details = JSON.parse(error.detail);
		if (typeof details !== 'object' || details === null || Array.isArray(details))
			throw new Error();
		if (!Number.isInteger(details.status)) throw new Error();
		if (typeof details.headers !== 'object' || details.headers === null) throw new Error();
		for (const value of Object.values(details.headers))
			if (typeof value !== 'string') throw new Error();
	} catch {
		return pgrstErrors.pgrstParse(`Invalid JSON value for DETAIL: '${error.detail}'`, hint);
	}
	return new PgrstError({
		code: raised.code,
		status: details.status,
		message: raised.message,
		details: typeof raised.details === 'string' ? raised.details : null,
		hint: typeof raised.hint === 'string' ? raised.hint : null,
		headers: details.headers,
		statusText: typeof details.status_text === 'string' ? details.status_text : undefined
	});
}

/** A database error as PostgREST answers it: SQLSTATE as code, Postgres' texts, mapped status. */
export function fromDatabaseError(error: pg.DatabaseError, authenticated: boolean): PgrstError {
	if (error.code === 'PGRST') return fromPgrstRaise(error);
	const status = statusForSqlState(error.code ?? '', error.message, authenticated);
	let statusText: string | undefined;
	let finalStatus = status;
	if (error.code?.startsWith('PT')) {
		const custom = /^\d+$/.test(error.code.slice(2)) ? Number(error.code.slice(2)) : NaN;
		finalStatus = Number.isInteger(custom) && custom >= 100 && custom <= 999 ? custom : 500;
		if (finalStatus === custom) statusText = error.message;
	}
	return new PgrstError({
		code: error.code ?? 'PGRSTX00',
		status: finalStatus,
		message: error.message,
		details: error.detail ?? null,
		hint: error.hint ?? null,
		headers: finalStatus === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
		statusText
	});
}

/** Connection-level failures of the pool, as PostgREST's PGRST000/PGRST003. */
export function fromConnectionError(error: unknown): PgrstError | null {
	const code = (error as { code?: unknown })?.code;
	const message = error instanceof Error ? error.message : '';
	if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE')
		return pgrstErrors.connection(message || null);
	if (/timeout exceeded when trying to connect/i.test(message)) return pgrstErrors.poolTimeout();
	if (/Connection terminated/i.test(message)) return pgrstErrors.connection(message);
	return null;
}

export function toPgrstError(error: unknown, authenticated: boolean): PgrstError | null {
	if (error instanceof PgrstError) return error;
	if (isDatabaseError(error)) return fromDatabaseError(error, authenticated);
	return fromConnectionError(error);
}

export type RenderedError = {
	status: number;
	statusText: string | undefined;
	headers: Record<string, string>;
	body: string;
};

/** The one renderer: status, headers and the JSON body of any PostgREST error. */
export function renderError(error: PgrstError): RenderedError {
	const body = JSON.stringify({
		code: error.code,
		details: error.details,
		hint: error.hint,
		message: error.message
	});
	return {
		status: error.status,
		statusText: error.statusText,
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Proxy-Status': `PostgREST; error=${error.code}`,
			...error.headers
		},
		body
	};
}
