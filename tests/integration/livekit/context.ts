// Shared set-up of the LiveKit suites. They call the app's server modules with injected
// dependencies: real supabase-js clients of the stack under test (each party's own signed-in
// client, the service role), LiveKit settings of their own, and the local Twirp fake in place
// of LiveKit's room service (a real LiveKit server cannot run here).
import { TokenVerifier } from 'livekit-server-sdk';
import { createRoomService } from '../../../src/lib/server/livekit/room-service.ts';
import { createWebhookVerifier } from '../../../src/lib/server/livekit/webhook.ts';
import { startTwirpFake } from '../../support/livekit/twirp-fake.ts';
import { signWebhook, webhookBody } from '../../support/livekit/webhooks.ts';
import type { EventInput } from '../../support/livekit/webhooks.ts';
import type { Client } from '../rls/actors.ts';

export const keys = {
	apiKey: 'APIintegration',
	apiSecret: 'integration-livekit-secret-of-32-chars'
};

export async function startLiveKit() {
	const fake = await startTwirpFake(keys);
	const livekit = { url: fake.wsUrl, ...keys };
	return {
		fake,
		livekit,
		rooms: createRoomService(livekit),
		verify: createWebhookVerifier(keys)
	};
}

export function decodeToken(token: string) {
	return new TokenVerifier(keys.apiKey, keys.apiSecret).verify(token);
}

/** A webhook delivery as LiveKit sends it: the body and its Authorization header. */
export async function delivery(input: EventInput) {
	const { id, body } = webhookBody(input);
	return { id, body, authorization: await signWebhook(keys, body) };
}

export async function videoState(service: Client, videoSessionId: string) {
	const { data, error } = await service
		.from('video_sessions')
		.select('status, started_at, ended_at, updated_at')
		.eq('id', videoSessionId)
		.single();
	if (error) throw new Error(error.message);
	return data;
}

export async function participantState(service: Client, videoSessionId: string, profileId: string) {
	const { data, error } = await service
		.from('video_participants')
		.select('status, joined_at, left_at, updated_at')
		.eq('video_session_id', videoSessionId)
		.eq('profile_id', profileId)
		.maybeSingle();
	if (error) throw new Error(error.message);
	return data;
}

/** Timestamps compared as instants (PostgREST and JavaScript write them differently). */
export const instant = (value: string | null | undefined) => (value ? Date.parse(value) : null);

/** LiveKit's event times have a one-second resolution. */
export function wholeSecondsAgo(seconds: number): Date {
	return new Date(Math.floor(Date.now() / 1000) * 1000 - seconds * 1000);
}
