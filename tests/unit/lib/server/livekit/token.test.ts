// The grants of the tokens the platform mints, decoded and verified as LiveKit would.
import { TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import {
	mintJoinToken,
	ROOM_DEPARTURE_TIMEOUT_SECONDS,
	TOKEN_TTL_SECONDS
} from '../../../../../src/lib/server/livekit/token.ts';

const keys = { apiKey: 'APIunit', apiSecret: 'unit-secret-of-at-least-thirty-two-chars' };
const member = '6f1d1a2e-0c1f-4d7a-9a51-5d6f3f0b9c11';
const coach = '0b8f2c5e-9a77-4f0e-8c1d-2e3a4b5c6d7e';
const room = 'coaching-2f8e6a4c-1b3d-4e5f-8a9b-0c1d2e3f4a5b';

async function decode(token: string) {
	return new TokenVerifier(keys.apiKey, keys.apiSecret).verify(token);
}

describe('LiveKit join tokens', () => {
	it('carry the profile id as identity and the display name as name', async () => {
		const claims = await decode(
			await mintJoinToken(keys, { identity: member, name: 'Camille Martin', room, role: 'member' })
		);
		expect(claims.sub).toBe(member);
		expect(claims.name).toBe('Camille Martin');
		expect(claims.iss).toBe(keys.apiKey);
		expect(claims.attributes).toEqual({ role: 'member' });
	});

	it('let the member join only that room, without admin, create or list rights', async () => {
		const claims = await decode(
			await mintJoinToken(keys, { identity: member, name: 'Camille Martin', room, role: 'member' })
		);
		expect(claims.video).toMatchObject({
			room,
			roomJoin: true,
			roomAdmin: false,
			canPublish: true,
			canSubscribe: true
		});
		expect(claims.video?.roomCreate).toBeUndefined();
		expect(claims.video?.roomList).toBeUndefined();
		expect(claims.video?.roomRecord).toBeUndefined();
	});

	it('make the coach admin of that room only', async () => {
		const claims = await decode(
			await mintJoinToken(keys, { identity: coach, name: 'Sophie Lefèvre', room, role: 'coach' })
		);
		expect(claims.video).toMatchObject({ room, roomJoin: true, roomAdmin: true });
		expect(claims.video?.roomCreate).toBeUndefined();
		expect(claims.attributes).toEqual({ role: 'coach' });
	});

	it('expire ten minutes after they are minted', async () => {
		const claims = await decode(
			await mintJoinToken(keys, { identity: member, name: 'Camille', room, role: 'member' })
		);
		expect(TOKEN_TTL_SECONDS).toBe(600);
		expect(claims.exp! - claims.nbf!).toBe(TOKEN_TTL_SECONDS);
	});

	it('create the room with a departure timeout, so a dropped connection can come back', async () => {
		const claims = await decode(
			await mintJoinToken(keys, { identity: member, name: 'Camille', room, role: 'member' })
		);
		expect(claims.roomConfig).toMatchObject({
			name: room,
			departureTimeout: ROOM_DEPARTURE_TIMEOUT_SECONDS
		});
	});

	it('are refused by LiveKit when signed with another secret', async () => {
		const forged = await mintJoinToken(
			{ apiKey: keys.apiKey, apiSecret: 'another-secret-of-at-least-thirty-two' },
			{ identity: member, name: 'Camille', room, role: 'coach' }
		);
		await expect(decode(forged)).rejects.toThrow(/signature/);
	});
});
