// A whole HTTP request turned into PostgREST's ApiRequest (ApiRequest.hs): the resource (`/t`,
// `/rpc/f`), the action by method, the schema from Accept-Profile / Content-Profile, the query
// parameters, the top-level range (limit/offset and, on GET, the Range header), the Prefer
// preferences, the Accept list and the body. Checks happen in upstream's order.
import { pgrstErrors } from '../errors.ts';
import { decodeMediaType, parseAccept } from './media-type.ts';
import type { MediaType } from './media-type.ts';
import { readPayload } from './payload.ts';
import type { Payload } from './payload.ts';
import { parsePreferences } from './prefer.ts';
import type { Preferences } from './prefer.ts';
import { parseQueryParams } from './query-params.ts';
import type { QueryParams } from './query-params.ts';
import {
	allRange,
	convertToLimitZeroRange,
	hasLimitZero,
	intersect,
	isAllRange,
	parseRangeHeader,
	sameRange,
	emptyRange
} from './range.ts';
import type { Range } from './range.ts';

export type QualifiedName = { schema: string; name: string };

export type Mutation = 'create' | 'update' | 'upsert' | 'delete';
export type InvokeMethod = 'get' | 'head' | 'post';

export type Action =
	| { kind: 'read'; target: QualifiedName; headersOnly: boolean }
	| { kind: 'mutate'; target: QualifiedName; mutation: Mutation }
	| { kind: 'call'; target: QualifiedName; invoke: InvokeMethod }
	| { kind: 'relation-info'; target: QualifiedName }
	| { kind: 'routine-info'; target: QualifiedName }
	| { kind: 'schema' };

export type ApiRequest = {
	action: Action;
	/** limit/offset per embed key (`limit` = root), with the top level intersected with Range. */
	ranges: Map<string, Range>;
	topLevelRange: Range;
	payload: Payload | null;
	preferences: Preferences;
	query: QueryParams;
	/** Keys of the payload (or `columns=`), sorted as upstream's Set. */
	columns: string[];
	/** Lower-cased header names, cookies excluded, for request.headers. */
	headers: Record<string, string>;
	cookies: Record<string, string>;
	path: string;
	method: string;
	schema: string;
	negotiatedByProfile: boolean;
	accept: MediaType[];
	contentType: MediaType;
};

export type RequestInput = {
	method: string;
	/** Path after /rest/v1, not decoded. */
	path: string;
	/** Query string without `?`. */
	query: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
};

export type RequestConfig = {
	schemas: string[];
	timezones: Set<string>;
	allowTxOverride: boolean;
};

type Resource =
	{ kind: 'relation'; name: string } | { kind: 'routine'; name: string } | { kind: 'root' };

function pathSegments(path: string): string[] {
	const parts = path.split('/').slice(1);
	if (parts.length === 1 && parts[0] === '') return [];
	return parts.map((p) => {
		try {
			return decodeURIComponent(p);
		} catch {
			return p;
		}
	});
}

function resource(path: string): Resource {
	const segments = pathSegments(path);
	if (segments.length === 0) return { kind: 'root' };
	if (segments.length === 1) return { kind: 'relation', name: segments[0] };
	if (segments.length === 2 && segments[0] === 'rpc') return { kind: 'routine', name: segments[1] };
	throw pgrstErrors.invalidResourcePath();
}

const header = (headers: RequestInput['headers'], name: string): string | undefined => {
	const value = headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
};

function profileSchema(
	headers: RequestInput['headers'],
	method: string,
	schemas: string[]
): { schema: string; negotiated: boolean } {
	const usesContent = ['DELETE', 'PATCH', 'POST', 'PUT'].includes(method);
	const profile = header(headers, usesContent ? 'content-profile' : 'accept-profile');
	if (profile === undefined) return { schema: schemas[0], negotiated: schemas.length !== 1 };
	if (!schemas.includes(profile)) throw pgrstErrors.unacceptableSchema(profile, schemas);
	return { schema: profile, negotiated: true };
}

function actionFor(res: Resource, schema: string, method: string): Action {
	if (res.kind === 'routine') {
		const target = { schema, name: res.name };
		if (method === 'HEAD') return { kind: 'call', target, invoke: 'head' };
		if (method === 'GET') return { kind: 'call', target, invoke: 'get' };
		if (method === 'POST') return { kind: 'call', target, invoke: 'post' };
		if (method === 'OPTIONS') return { kind: 'routine-info', target };
		throw pgrstErrors.invalidRpcMethod(method);
	}
	if (res.kind === 'relation') {
		const target = { schema, name: res.name };
		switch (method) {
			case 'HEAD':
				return { kind: 'read', target, headersOnly: true };
			case 'GET':
				return { kind: 'read', target, headersOnly: false };
			case 'POST':
				return { kind: 'mutate', target, mutation: 'create' };
			case 'PUT':
				return { kind: 'mutate', target, mutation: 'upsert' };
			case 'PATCH':
				return { kind: 'mutate', target, mutation: 'update' };
			case 'DELETE':
				return { kind: 'mutate', target, mutation: 'delete' };
			case 'OPTIONS':
				return { kind: 'relation-info', target };
		}
		throw pgrstErrors.unsupportedMethod(method);
	}
	if (['HEAD', 'GET', 'OPTIONS'].includes(method)) return { kind: 'schema' };
	throw pgrstErrors.unsupportedMethod(method);
}

function parseCookies(value: string | undefined): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const part of (value ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const name = part.slice(0, eq).trim();
		if (name) cookies[name] = part.slice(eq + 1).trim();
	}
	return cookies;
}

/** Preferences come first: they are read even when the rest of the request is refused. */
export function readPreferences(input: RequestInput, config: RequestConfig): Preferences {
	return parsePreferences(input.headers.prefer, {
		allowTxOverride: config.allowTxOverride,
		timezones: config.timezones
	});
}

export function parseRequest(
	input: RequestInput,
	config: RequestConfig,
	preferences: Preferences
): ApiRequest {
	const method = input.method.toUpperCase();
	const res = resource(input.path);
	const { schema, negotiated } = profileSchema(input.headers, method, config.schemas);
	const action = actionFor(res, schema, method);
	const isRpcRead = action.kind === 'call' && action.invoke !== 'post';
	const query = parseQueryParams(input.query, isRpcRead);

	// getRanges: the Range header counts on GET only; limit=0 bypasses the empty-range check.
	const headerRange =
		method === 'GET' ? parseRangeHeader(header(input.headers, 'range')) : allRange;
	const limitRange = query.ranges.get('limit') ?? allRange;
	const headerAndLimit = intersect(headerRange, limitRange);
	const ranges = new Map(query.ranges);
	ranges.set('limit', convertToLimitZeroRange(limitRange, headerAndLimit));
	const topLevelRange = ranges.get('limit') ?? allRange;
	if (sameRange(topLevelRange, emptyRange) && !hasLimitZero(limitRange))
		throw headerRange.empty ? pgrstErrors.lowerGreaterThanUpper() : pgrstErrors.negativeLimit();
	if (method === 'PUT' && !isAllRange(topLevelRange)) throw pgrstErrors.putLimitNotAllowed();

	const contentTypeHeader = header(input.headers, 'content-type');
	const contentType: MediaType = contentTypeHeader
		? decodeMediaType(contentTypeHeader)
		: { kind: 'json' };
	const isMutation = action.kind === 'mutate';
	const { payload, columns } = readPayload(input.body, contentType, query.columns, {
		isRoutine: action.kind === 'call',
		parse:
			(isMutation && action.mutation !== 'delete') ||
			(action.kind === 'call' && action.invoke === 'post'),
		allowColumns:
			(isMutation && (action.mutation === 'create' || action.mutation === 'update')) ||
			(action.kind === 'call' && action.invoke === 'post')
	});

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(input.headers)) {
		if (value === undefined || name === 'cookie') continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return {
		action,
		ranges,
		topLevelRange,
		payload,
		preferences,
		query,
		columns,
		headers,
		cookies: parseCookies(header(input.headers, 'cookie')),
		path: input.path,
		method,
		schema,
		negotiatedByProfile: negotiated,
		accept: parseAccept(header(input.headers, 'accept')),
		contentType
	};
}
