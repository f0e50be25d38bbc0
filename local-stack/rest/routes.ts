// The REST API's only endpoints, `/:table` and `/rpc/:fn` (plus OPTIONS on them), as one
// pipeline of pure stages: authenticate → parse → plan → SQL → execute → respond, each failure
// rendered as PostgREST renders it. The root (OpenAPI) is refused explicitly.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackContext } from '../context.ts';
import type { ServiceRequest } from '../gateway/service.ts';
import { authenticate } from './auth.ts';
import type { AuthResult } from './auth.ts';
import type { CacheKeeper } from './cache.ts';
import { PgrstError, pgrstErrors, renderError, toPgrstError } from './errors.ts';
import { execute } from './execute.ts';
import { parseRequest, readPreferences } from './parse/request.ts';
import type { ApiRequest, RequestConfig } from './parse/request.ts';
import { crudPlan } from './plan/action-plan.ts';
import type { PlanConfig } from './plan/action-plan.ts';
import { qiKey } from './plan/schema-cache.ts';
import type { SchemaCache } from './plan/schema-cache.ts';
import type { CrudPlan } from './plan/types.ts';
import { allowResponse, respond } from './respond/response.ts';
import type { Response } from './respond/response.ts';
import { buildStatement } from './sql/statement.ts';

/** Bodies larger than this are refused before they are read entirely. */
const BODY_LIMIT = 100 * 1024 * 1024;

export type RestRuntime = {
	context: StackContext;
	cache: CacheKeeper;
	plan: PlanConfig;
	/** PostgREST's db-tx-end: Supabase runs with `commit` (no `tx=rollback` override). */
	allowTxOverride: boolean;
};

function readBody(request: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > BODY_LIMIT) {
				request.destroy();
				reject(pgrstErrors.invalidBody('Request body is too large'));
				return;
			}
			chunks.push(chunk);
		});
		request.once('end', () => resolve(Buffer.concat(chunks)));
		request.once('error', reject);
	});
}

/** A reason phrase Node accepts: UTF-8 bytes as latin1 characters, no line breaks. */
const reasonPhrase = (text: string) =>
	Buffer.from(text.replace(/[\r\n]+/g, ' '), 'utf8').toString('latin1');

function send(res: ServerResponse, response: Response, head: boolean): void {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of response.headers) {
		const existing = headers[name];
		headers[name] = existing === undefined ? value : [...[existing].flat(), value];
	}
	if (response.statusText !== undefined)
		res.writeHead(response.status, reasonPhrase(response.statusText), headers);
	else res.writeHead(response.status, headers);
	res.end(head ? undefined : response.body);
}

function errorResponse(error: PgrstError): Response {
	const rendered = renderError(error);
	return {
		status: rendered.status,
		statusText: rendered.statusText,
		headers: [
			...Object.entries(rendered.headers).filter(([k]) => k !== 'Content-Type'),
			['Content-Type', 'application/json; charset=utf-8'],
			['Content-Length', String(Buffer.byteLength(rendered.body))]
		],
		body: rendered.body
	};
}

/** pg-safeupdate, loaded for authenticator on hosted Supabase: no UPDATE/DELETE without WHERE. */
function checkSafeUpdate(plan: CrudPlan): void {
	if (plan.kind !== 'mutate') return;
	const m = plan.mutate;
	if (m.kind === 'update' && m.columns.length > 0 && m.where.length === 0)
		throw new PgrstError({ code: '21000', status: 400, message: 'UPDATE requires a WHERE clause' });
	if (m.kind === 'delete' && m.where.length === 0)
		throw new PgrstError({ code: '21000', status: 400, message: 'DELETE requires a WHERE clause' });
}

function infoResponse(cache: SchemaCache, request: ApiRequest): Response | null {
	const action = request.action;
	if (action.kind === 'relation-info') {
		const table = cache.tables.get(qiKey(action.target));
		if (!table) throw pgrstErrors.tableNotFound(action.target.schema, action.target.name, null);
		const allow = ['OPTIONS,GET,HEAD'];
		if (table.insertable) allow.push('POST');
		if (table.insertable && table.updatable && table.pkCols.length > 0) allow.push('PUT');
		if (table.updatable) allow.push('PATCH');
		if (table.deletable) allow.push('DELETE');
		return allowResponse(allow.join(','));
	}
	if (action.kind === 'schema')
		throw pgrstErrors.notImplemented(
			'The OpenAPI description at the root of /rest/v1 is not provided by the local stack'
		);
	return null;
}

async function pipeline(
	runtime: RestRuntime,
	req: ServiceRequest,
	auth: AuthResult
): Promise<Response> {
	const cache = runtime.cache.current();
	if (!cache) throw pgrstErrors.noSchemaCache();
	const { api } = runtime.context.project;
	const body = await readBody(req.raw);
	const config: RequestConfig = {
		schemas: api.schemas,
		timezones: cache.timezones,
		allowTxOverride: runtime.allowTxOverride
	};
	const input = {
		method: req.method,
		path: req.path,
		query: req.url.search.slice(1),
		headers: req.headers,
		body
	};
	const preferences = readPreferences(input, config);
	const request = parseRequest(input, config, preferences);
	const info = infoResponse(cache, request);
	if (info) return info;
	if (request.action.kind === 'routine-info') {
		// Upstream plans a HEAD call to find the function (same lookup errors), then answers Allow.
		const call = { kind: 'call' as const, target: request.action.target, invoke: 'head' as const };
		const found = crudPlan(cache, { ...request, action: call }, runtime.plan);
		if (found.kind !== 'call') throw new Error('unreachable');
		return allowResponse(
			found.routine.volatility === 'volatile' ? 'OPTIONS,POST' : 'OPTIONS,GET,HEAD,POST'
		);
	}
	const plan = crudPlan(cache, request, runtime.plan);
	const statement = buildStatement(plan, {
		count: preferences.count,
		headersOnly: preferences.representation === 'headers-only',
		maxRows: runtime.plan.maxRows
	});
	checkSafeUpdate(plan);
	const row = await execute(plan, statement, request, {
		pool: runtime.context.pools.authenticator,
		cache,
		extraSearchPath: api.extraSearchPath,
		maxRows: runtime.plan.maxRows,
		role: auth.role,
		claims: auth.claims
	});
	return respond(plan, request, row);
}

export async function handleRest(
	runtime: RestRuntime,
	req: ServiceRequest,
	res: ServerResponse
): Promise<void> {
	const head = req.method === 'HEAD';
	let auth: AuthResult;
	try {
		const header = req.headers.authorization;
		auth = authenticate(Array.isArray(header) ? header[0] : header, runtime.context.keys);
	} catch (error) {
		req.raw.resume();
		send(res, errorResponse(error as PgrstError), head);
		return;
	}
	try {
		send(res, await pipeline(runtime, req, auth), head);
	} catch (error) {
		const known = toPgrstError(error, auth.role !== 'anon');
		if (!known) throw error;
		if (!req.raw.complete) req.raw.resume();
		send(res, errorResponse(known), head);
	}
}
