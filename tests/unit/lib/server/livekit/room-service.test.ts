// The room service calls, against the local Twirp fake that checks tokens like LiveKit does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createRoomService,
	RoomServiceError
} from '../../../../../src/lib/server/livekit/room-service.ts';
import { startTwirpFake } from '../../../../support/livekit/twirp-fake.ts';
import type { TwirpFake } from '../../../../support/livekit/twirp-fake.ts';

const keys = { apiKey: 'APIunit', apiSecret: 'unit-secret-of-at-least-thirty-two-chars' };

describe('LiveKit room service', () => {
	let fake: TwirpFake;
	beforeAll(async () => {
		fake = await startTwirpFake({ ...keys, rooms: ['coaching-a'] });
	});
	afterAll(async () => {
		await fake.stop();
	});

	it('deletes a room with a token that has the roomCreate grant, as DeleteRoom requires', async () => {
		const rooms = createRoomService({ url: fake.wsUrl, ...keys });
		expect(await rooms.deleteRoom('coaching-a')).toBe('deleted');
		const call = fake.calls.at(-1)!;
		expect(call).toMatchObject({ method: 'DeleteRoom', status: 200, body: { room: 'coaching-a' } });
		expect(call.grants?.iss).toBe(keys.apiKey);
		expect(call.grants?.video?.roomCreate).toBe(true);
		expect(fake.rooms.has('coaching-a')).toBe(false);
	});

	it('counts a room LiveKit does not have (never opened, already closed) as absent', async () => {
		const rooms = createRoomService({ url: fake.wsUrl, ...keys });
		expect(await rooms.deleteRoom('coaching-never-opened')).toBe('absent');
		expect(fake.calls.at(-1)?.status).toBe(404);
	});

	it('fails clearly when LiveKit refuses the key pair', async () => {
		const rooms = createRoomService({
			url: fake.url,
			apiKey: keys.apiKey,
			apiSecret: 'not-the-secret-of-livekit-thirty-two'
		});
		await expect(rooms.deleteRoom('coaching-b')).rejects.toThrow(RoomServiceError);
		expect(fake.calls.at(-1)?.status).toBe(401);
	});

	it('fails clearly when LiveKit is down', async () => {
		fake.failNext(503, 'unavailable');
		const rooms = createRoomService({ url: fake.wsUrl, ...keys });
		const error = await rooms.deleteRoom('coaching-c').catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(RoomServiceError);
		expect((error as RoomServiceError).status).toBe(503);
	});
});
