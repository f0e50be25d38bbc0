// POST /api/livekit/webhook: LiveKit's signed event notifications. 401 when the signature, the
// issuer, the expiry or the body hash is wrong, 400 for a signed body that is not an event,
// 200 once applied (or recognised as a replay, or not followed), 5xx when the database or
// LiveKit failed, so LiveKit retries (a retry applies nothing twice).
import { json } from '@sveltejs/kit';
import { MissingConfigurationError } from '#lib/server/env.ts';
import { applyLiveKitEvent } from '#lib/server/livekit/events.ts';
import { roomService, webhookVerifier } from '#lib/server/livekit/services.ts';
import { WebhookRejection } from '#lib/server/livekit/webhook.ts';
import { supabaseAdmin } from '#lib/server/supabase-admin.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const body = await request.text();
	let verify, deps;
	try {
		verify = webhookVerifier();
		deps = { admin: supabaseAdmin(), rooms: roomService() };
	} catch (failure) {
		if (failure instanceof MissingConfigurationError) {
			console.error(failure.message);
			return json({ error: 'video is not configured on this server' }, { status: 503 });
		}
		throw failure;
	}
	let event;
	try {
		event = await verify(body, request.headers.get('authorization'));
	} catch (failure) {
		if (failure instanceof WebhookRejection) {
			console.warn(`LiveKit webhook refused (${failure.status}): ${failure.message}`);
			return json({ error: failure.message }, { status: failure.status });
		}
		throw failure;
	}
	try {
		const result = await applyLiveKitEvent(deps, event);
		return json({ event: event.event, id: event.id, ...result });
	} catch (failure) {
		console.error((failure as Error).message);
		return json({ error: 'the event could not be applied; retry' }, { status: 503 });
	}
};
