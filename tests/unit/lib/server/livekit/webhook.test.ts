// Webhook verification: only deliveries signed by LiveKit with our key pair, for this exact
// body and still within their validity, are accepted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	createWebhookVerifier,
	isFollowed,
	WebhookRejection
} from '../../../../../src/lib/server/livekit/webhook.ts';
import { signWebhook, webhookBody } from '../../../../support/livekit/webhooks.ts';

const keys = { apiKey: 'APIunit', apiSecret: 'unit-secret-of-at-least-thirty-two-chars' };
const verify = createWebhookVerifier(keys);
const identity = '6f1d1a2e-0c1f-4d7a-9a51-5d6f3f0b9c11';

async function rejection(promise: Promise<unknown>): Promise<WebhookRejection> {
	const error = await promise.then(
		() => null,
		(failure: unknown) => failure
	);
	expect(error).toBeInstanceOf(WebhookRejection);
	return error as WebhookRejection;
}

describe('LiveKit webhook verification', () => {
	afterEach(() => vi.useRealTimers());

	it('accepts a delivery signed with the API key and secret and reads the event', async () => {
		const at = new Date('2026-09-14T09:30:00Z');
		const { id, body } = webhookBody({
			event: 'participant_joined',
			room: 'coaching-x',
			identity,
			at
		});
		const event = await verify(body, await signWebhook(keys, body));
		expect(event).toEqual({
			id,
			event: 'participant_joined',
			roomName: 'coaching-x',
			identity,
			occurredAt: at
		});
	});

	it('accepts the token with a Bearer prefix too', async () => {
		const { body } = webhookBody({ event: 'room_started', room: 'coaching-x' });
		const event = await verify(body, `Bearer ${await signWebhook(keys, body)}`);
		expect(event).toMatchObject({ event: 'room_started', identity: null });
	});

	it('refuses a delivery without an Authorization header with 401', async () => {
		const { body } = webhookBody({ event: 'room_started', room: 'coaching-x' });
		expect((await rejection(verify(body, null))).status).toBe(401);
	});

	it('refuses a forged signature (another secret) with 401', async () => {
		const { body } = webhookBody({ event: 'room_finished', room: 'coaching-x' });
		const forged = await signWebhook(
			{ apiKey: keys.apiKey, apiSecret: 'an-attacker-secret-of-thirty-two-chars' },
			body
		);
		const refused = await rejection(verify(body, forged));
		expect(refused.status).toBe(401);
		expect(refused.message).toMatch(/signature/);
	});

	it('refuses a token issued by another API key with 401', async () => {
		const { body } = webhookBody({ event: 'room_finished', room: 'coaching-x' });
		const other = await signWebhook({ apiKey: 'APIother', apiSecret: keys.apiSecret }, body);
		expect((await rejection(verify(body, other))).status).toBe(401);
	});

	it('refuses a body that is not the one signed (wrong body hash) with 401', async () => {
		const signed = webhookBody({ event: 'participant_left', room: 'coaching-x', identity });
		const header = await signWebhook(keys, signed.body);
		const tampered = signed.body.replace('participant_left', 'participant_joined');
		const refused = await rejection(verify(tampered, header));
		expect(refused.status).toBe(401);
		expect(refused.message).toMatch(/sha256/);
	});

	it('refuses a delivery replayed after its token expired with 401', async () => {
		const { body } = webhookBody({ event: 'room_finished', room: 'coaching-x' });
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() - 10 * 60_000);
		const header = await signWebhook(keys, body);
		vi.useRealTimers();
		const refused = await rejection(verify(body, header));
		expect(refused.status).toBe(401);
		expect(refused.message).toMatch(/exp/);
	});

	it('gives a delivery replayed within its validity the same event id, so it applies once', async () => {
		const { id, body } = webhookBody({ event: 'room_finished', room: 'coaching-x' });
		const header = await signWebhook(keys, body);
		const first = await verify(body, header);
		const replay = await verify(body, header);
		expect([first.id, replay.id]).toEqual([id, id]);
	});

	it('refuses a signed body that is not JSON with 400', async () => {
		const body = 'not json';
		expect((await rejection(verify(body, await signWebhook(keys, body)))).status).toBe(400);
	});

	it('refuses a signed event without an id with 400', async () => {
		const body = JSON.stringify({ event: 'room_started', room: { name: 'coaching-x' } });
		expect((await rejection(verify(body, await signWebhook(keys, body)))).status).toBe(400);
	});

	it('follows the room and participant events only', () => {
		expect(
			['room_started', 'room_finished', 'participant_joined', 'participant_left'].every(isFollowed)
		).toBe(true);
		expect(isFollowed('participant_connection_aborted')).toBe(true);
		expect(isFollowed('track_published')).toBe(false);
		expect(isFollowed('egress_started')).toBe(false);
	});
});
