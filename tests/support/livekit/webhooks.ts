// Builds LiveKit webhook deliveries the way the LiveKit server sends them (livekit/protocol
// webhook/url_notifier.go): the event as protobuf JSON, and an Authorization header holding a
// bare JWT issued by the API key, valid 5 minutes, whose `sha256` claim is the base64 SHA-256
// of the body.
import { createHash, randomUUID } from 'node:crypto';
import { AccessToken, WebhookEvent } from 'livekit-server-sdk';

export type Keys = { apiKey: string; apiSecret: string };

export type EventInput = {
	event: string;
	room: string;
	identity?: string;
	name?: string;
	id?: string;
	/** Event time; defaults to now. */
	at?: Date;
};

export function webhookBody(input: EventInput): { id: string; body: string } {
	const id = input.id ?? `EV_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
	const event = new WebhookEvent({
		event: input.event,
		id,
		createdAt: BigInt(Math.floor((input.at ?? new Date()).getTime() / 1000)),
		room: { sid: `RM_${input.room}`, name: input.room },
		...(input.identity
			? {
					participant: {
						sid: `PA_${input.identity.slice(0, 8)}`,
						identity: input.identity,
						name: input.name ?? input.identity
					}
				}
			: {})
	});
	// The SDK's WebhookEvent constructor resets `event` after applying the initial values.
	event.event = input.event as WebhookEvent['event'];
	return { id, body: event.toJsonString() };
}

export function bodyHash(body: string): string {
	return createHash('sha256').update(body).digest('base64');
}

/** The Authorization header LiveKit would send for this body. */
export async function signWebhook(
	keys: Keys,
	body: string,
	options: { sha256?: string } = {}
): Promise<string> {
	const token = new AccessToken(keys.apiKey, keys.apiSecret, { ttl: '5m' });
	token.sha256 = options.sha256 ?? bodyHash(body);
	return token.toJwt();
}
