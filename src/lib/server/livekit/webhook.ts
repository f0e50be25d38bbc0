// Verifies a LiveKit webhook and reduces it to what the platform follows. LiveKit signs each
// POST with a JWT in the Authorization header (issuer = API key, HS256 with the API secret,
// valid 5 minutes, `sha256` claim = base64 SHA-256 of the body); livekit-server-sdk's
// WebhookReceiver checks all of it. Anything that fails is a WebhookRejection (401 or 400).
import { WebhookReceiver } from 'livekit-server-sdk';
import type { LiveKitConfig } from '../env.ts';

/** The events that change video sessions or participants; LiveKit sends many others. */
export const FOLLOWED_EVENTS = [
	'room_started',
	'room_finished',
	'participant_joined',
	'participant_left',
	'participant_connection_aborted'
] as const;
export type FollowedEvent = (typeof FOLLOWED_EVENTS)[number];

export type LiveKitEvent = {
	/** LiveKit's event id (EV_…): the same event delivered twice has the same id. */
	id: string;
	event: string;
	roomName: string | null;
	/** The participant's identity (a profile id for tokens minted by the platform). */
	identity: string | null;
	occurredAt: Date;
};

export class WebhookRejection extends Error {
	readonly status: 400 | 401;

	constructor(status: 400 | 401, message: string) {
		super(message);
		this.name = 'WebhookRejection';
		this.status = status;
	}
}

export type WebhookVerifier = (body: string, authorization: string | null) => Promise<LiveKitEvent>;

export function createWebhookVerifier(
	config: Pick<LiveKitConfig, 'apiKey' | 'apiSecret'>
): WebhookVerifier {
	const receiver = new WebhookReceiver(config.apiKey, config.apiSecret);
	return async (body, authorization) => {
		// LiveKit sends the bare token; a "Bearer " prefix (proxies, hand-made calls) is tolerated.
		const token = authorization?.replace(/^Bearer\s+/i, '').trim();
		if (!token) throw new WebhookRejection(401, 'the Authorization header is missing');
		let parsed;
		try {
			// Signature, issuer, expiry and body hash are checked before the body is parsed.
			parsed = await receiver.receive(body, token);
		} catch (failure) {
			const message = (failure as Error).message;
			if (failure instanceof SyntaxError || /cannot decode/i.test(message)) {
				throw new WebhookRejection(400, `the body is not a LiveKit webhook event: ${message}`);
			}
			throw new WebhookRejection(401, message);
		}
		if (!parsed.id) throw new WebhookRejection(400, 'the event has no id');
		const seconds = Number(parsed.createdAt);
		return {
			id: parsed.id,
			event: parsed.event,
			roomName: parsed.room?.name || null,
			identity: parsed.participant?.identity || null,
			occurredAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date()
		};
	};
}

export function isFollowed(event: string): event is FollowedEvent {
	return (FOLLOWED_EVENTS as readonly string[]).includes(event);
}
