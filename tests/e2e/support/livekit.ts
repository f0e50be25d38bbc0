// LiveKit settings of the E2E app (tests/e2e/support/serve.ts passes them to it) and the
// coaching sessions the video journeys need, written as the platform would (service role).
import { createClient } from '@supabase/supabase-js';
import { signWebhook, webhookBody } from '../../support/livekit/webhooks.ts';
import type { EventInput } from '../../support/livekit/webhooks.ts';

export const E2E_LIVEKIT_KEYS = {
	apiKey: process.env.E2E_LIVEKIT_API_KEY ?? 'devkey',
	apiSecret: process.env.E2E_LIVEKIT_API_SECRET ?? 'e2e-livekit-secret-of-32-characters'
};

function admin() {
	const url = process.env.E2E_SUPABASE_URL;
	if (!url) throw new Error('E2E_SUPABASE_URL is not set (see playwright.config.ts)');
	return createClient(url, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz', {
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

/** A planned coaching session between member and coach, starting in half an hour. */
export async function createCoachingSession(memberId: string, coachId: string) {
	const service = admin();
	const slug = `e2e-video-${crypto.randomUUID().slice(0, 8)}`;
	const domain = await service
		.from('expertise_domains')
		.insert({ slug, name: `Vidéo ${slug}` })
		.select('id')
		.single();
	if (domain.error) throw domain.error;
	const startsAt = new Date(Date.now() + 30 * 60_000);
	startsAt.setUTCSeconds(0, 0);
	const endsAt = new Date(startsAt.getTime() + 3_600_000);
	const request = await service
		.from('coaching_requests')
		.insert({
			member_id: memberId,
			coach_id: coachId,
			domain_id: domain.data.id,
			desired_at: startsAt.toISOString(),
			status: 'accepted',
			responded_at: new Date().toISOString()
		})
		.select('id')
		.single();
	if (request.error) throw request.error;
	const session = await service
		.from('coaching_sessions')
		.insert({
			request_id: request.data.id,
			member_id: memberId,
			coach_id: coachId,
			starts_at: startsAt.toISOString(),
			ends_at: endsAt.toISOString()
		})
		.select('id')
		.single();
	if (session.error) throw session.error;
	const video = await service
		.from('video_sessions')
		.select('id, room_name')
		.eq('coaching_session_id', session.data.id)
		.single();
	if (video.error) throw video.error;
	return {
		sessionId: session.data.id as string,
		videoSessionId: video.data.id as string,
		room: video.data.room_name as string
	};
}

/** A webhook delivery signed as LiveKit would sign it for the E2E app. */
export async function signedWebhook(input: EventInput, keys = E2E_LIVEKIT_KEYS) {
	const { id, body } = webhookBody(input);
	return {
		id,
		body,
		headers: {
			'content-type': 'application/webhook+json',
			authorization: await signWebhook(keys, body)
		}
	};
}
