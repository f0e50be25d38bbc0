// The production instances of the LiveKit helpers, made once per server process from the
// environment: the room service client and the webhook verifier. Routes take them from here;
// tests build their own with other settings.
import { livekitConfig } from '../env.ts';
import { createRoomService } from './room-service.ts';
import type { RoomService } from './room-service.ts';
import { createWebhookVerifier } from './webhook.ts';
import type { WebhookVerifier } from './webhook.ts';

let rooms: RoomService | null = null;
let verifier: WebhookVerifier | null = null;

export function roomService(): RoomService {
	rooms ??= createRoomService(livekitConfig());
	return rooms;
}

export function webhookVerifier(): WebhookVerifier {
	verifier ??= createWebhookVerifier(livekitConfig());
	return verifier;
}
