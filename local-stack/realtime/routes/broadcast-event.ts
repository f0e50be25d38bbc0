// POST /api/broadcast/{topic}/events/{event}[?private=true] (realtime-js `httpSend`), as
// BroadcastSingleController: JSON or octet-stream body (other types 415), sent as a user
// broadcast; a private one needs the caller's write permission (403 "Unauthorized" otherwise).
import { AuthorizationError, writePolicies } from '../authorize.ts';
import { apiErrors } from '../errors.ts';
import { tenantTopic } from '../hub.ts';
import { authenticate, headerValue, isJsonContentType, readBody, sendEmpty } from '../http.ts';
import type { RouteInput } from './route.ts';

export async function broadcastEvent(input: RouteInput): Promise<void> {
	const { realtime, request, response } = input;
	const contentType = headerValue(request, 'content-type');
	const binary =
		contentType !== undefined && /^application\/octet-stream\s*(?:;|$)/i.test(contentType);
	if (contentType !== undefined && !binary && !isJsonContentType(contentType))
		throw apiErrors.unsupportedMediaType();
	const caller = authenticate(request, realtime.context.keys);
	const body = await readBody(request.raw);
	let payload: Buffer;
	if (binary) {
		payload = body;
	} else {
		let parsed: unknown = {};
		if (body.length > 0 && contentType !== undefined) {
			try {
				parsed = JSON.parse(body.toString('utf8'));
			} catch {
				throw apiErrors.badRequest();
			}
		}
		// Plug keeps a non-object JSON body under `_json`; the controller sends body_params as is.
		const params =
			typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
				? parsed
				: { _json: parsed };
		payload = Buffer.from(JSON.stringify(params), 'utf8');
	}
	const { topic, event } = input.params;
	const isPrivate = request.url.searchParams.get('private') === 'true';
	if (isPrivate) {
		let allowed: boolean;
		try {
			const policies = await writePolicies(
				realtime.pool,
				{ topic, claims: caller.claims, headers: caller.headers },
				['broadcast', 'presence']
			);
			allowed = policies.broadcast.write === true;
		} catch (error) {
			if (!(error instanceof AuthorizationError)) throw error;
			throw error.failure === 'rls_policy_error'
				? apiErrors.unprocessableMessage('RLS policy error')
				: error.failure === 'missing_partition'
					? apiErrors.unprocessableMessage('Missing messages partition')
					: error.failure === 'query_canceled'
						? apiErrors.unprocessableMessage('Query canceled')
						: apiErrors.unprocessableMessage('Tenant database unavailable');
		}
		if (!allowed) throw apiErrors.forbidden();
	}
	realtime.hub.broadcast(tenantTopic(topic, isPrivate), {
		kind: 'user',
		message: { userEvent: event, encoding: binary ? 'binary' : 'json', payload, meta: null }
	});
	sendEmpty(response, 202);
}
