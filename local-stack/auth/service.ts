// The Auth service at /auth/v1 (supabase/auth, GoTrue): Kong's open routes need no apikey,
// every request is matched against the route table, its caller authenticated as the route
// requires, and any error rendered in the envelope the request's API version asks for.
// It also runs the mail catcher (Mailpit's API on the mail port) that its emails go to.
import { join } from 'node:path';
import type { StackContext } from '../context.ts';
import type { Service, ServiceRequest } from '../gateway/service.ts';
import { startMailServer } from '../mail/server.ts';
import type { MailServer } from '../mail/server.ts';
import { MailStore } from '../mail/store.ts';
import { requireAdmin, requireAuthentication } from './authenticate.ts';
import { authSettings } from './config.ts';
import { parseApiVersion, renderError } from './errors.ts';
import { clientIp, drain, readBody, sendJson } from './http.ts';
import { Mailer } from './mailer.ts';
import { createLimiters } from './rate-limit.ts';
import { matchRoute } from './router.ts';
import type { AuthCall, AuthRuntime } from './runtime.ts';

/** Kong's open routes for Auth in the CLI's kong.yml. */
const OPEN_ROUTES = new Set(['/verify', '/callback', '/authorize', '/.well-known/jwks.json']);

export function createAuthService(context: StackContext): Service {
	const settings = authSettings(context.project, context.apiUrl);
	const store = context.mailPort ? new MailStore(join(context.dataDir, 'mail')) : null;
	const auth: AuthRuntime = {
		context,
		settings,
		pool: context.pools.auth,
		hashPool: context.pools.admin,
		keys: context.keys,
		limiters: createLimiters(settings.rateLimits),
		mailer: new Mailer(settings, store, context.log),
		log: context.log
	};
	let mailServer: MailServer | null = null;

	const handle = async (request: ServiceRequest, response: AuthCall['response']) => {
		const header = request.headers['x-supabase-api-version'];
		const version = parseApiVersion(Array.isArray(header) ? header[0] : header);
		let body: Promise<Buffer> | null = null;
		const call: AuthCall = {
			auth,
			request,
			response,
			url: request.url,
			params: {},
			version,
			ip: clientIp(request.raw),
			userAgent: String(request.headers['user-agent'] ?? ''),
			caller: null,
			body: () => (body ??= readBody(request.raw))
		};
		try {
			const match = matchRoute(request.method, request.path);
			if (match.kind === 'not-found') {
				drain(request.raw);
				response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
				response.end('404 page not found\n');
				return;
			}
			if (match.kind === 'method-not-allowed') {
				drain(request.raw);
				response.writeHead(405, { 'Content-Length': '0' });
				response.end();
				return;
			}
			call.params = match.params;
			if (match.route.auth === 'user') call.caller = await requireAuthentication(call);
			else if (match.route.auth === 'admin') call.caller = await requireAdmin(call);
			await match.route.handler(call);
		} catch (error) {
			const rendered = renderError(error, version);
			if (rendered.status >= 500)
				context.log(
					`[auth] ${request.method} ${request.path}: ${(error as Error)?.stack ?? String(error)}${
						(error as Error)?.cause
							? `\n  caused by: ${((error as Error).cause as Error)?.stack ?? String((error as Error).cause)}`
							: ''
					}`
				);
			if (response.headersSent) {
				response.destroy();
				return;
			}
			drain(request.raw);
			sendJson(response, rendered.status, rendered.body, rendered.headers);
		}
	};

	return {
		name: 'auth',
		prefix: '/auth/v1',
		// With Auth off every path reaches handle() for Kong's "no route" answer.
		isOpenRoute: (path) => !settings.enabled || OPEN_ROUTES.has(path.replace(/(.)\/$/, '$1')),

		async start() {
			if (!store) return;
			store.init();
			mailServer = await startMailServer({ port: context.mailPort, store, log: context.log });
		},

		async stop() {
			await mailServer?.close();
			mailServer = null;
		},

		async handle(request, response) {
			if (!settings.enabled) {
				// `[auth] enabled = false`: the CLI starts no GoTrue, so Kong has no route.
				request.raw.resume();
				sendJson(response, 404, { message: 'no Route matched with those values' });
				return;
			}
			await handle(request, response);
		}
	};
}
