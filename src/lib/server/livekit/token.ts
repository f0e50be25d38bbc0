// Mints the LiveKit access token of one party for one room (livekit-server-sdk AccessToken, an
// HS256 JWT signed with the API secret, as LiveKit expects): identity = profile id, name = the
// profile's display name, join rights for that room only, room admin for the coach only.
import { AccessToken, RoomConfiguration } from 'livekit-server-sdk';
import type { LiveKitConfig } from '../env.ts';

export type PartyRole = 'coach' | 'member';

/** Long enough to finish the pre-join checks; once connected, LiveKit refreshes it itself. */
export const TOKEN_TTL_SECONDS = 10 * 60;

/**
 * How long LiveKit keeps a room after its last participant leaves (seconds). A dropped
 * connection within that time comes back to the same room instead of ending the session
 * (room_finished marks the video session ended).
 */
export const ROOM_DEPARTURE_TIMEOUT_SECONDS = 120;
/** How long a room created by a first join waits for anyone to publish before closing. */
export const ROOM_EMPTY_TIMEOUT_SECONDS = 10 * 60;

export type JoinTokenRequest = {
	identity: string;
	name: string;
	room: string;
	role: PartyRole;
};

export async function mintJoinToken(
	config: Pick<LiveKitConfig, 'apiKey' | 'apiSecret'>,
	request: JoinTokenRequest
): Promise<string> {
	const token = new AccessToken(config.apiKey, config.apiSecret, {
		identity: request.identity,
		name: request.name,
		ttl: TOKEN_TTL_SECONDS,
		attributes: { role: request.role }
	});
	token.addGrant({
		room: request.room,
		roomJoin: true,
		roomAdmin: request.role === 'coach',
		canPublish: true,
		canSubscribe: true,
		canPublishData: true,
		canUpdateOwnMetadata: false
	});
	// Rooms are created by the first join; this is the configuration they are created with.
	token.roomConfig = new RoomConfiguration({
		name: request.room,
		departureTimeout: ROOM_DEPARTURE_TIMEOUT_SECONDS,
		emptyTimeout: ROOM_EMPTY_TIMEOUT_SECONDS
	});
	return token.toJwt();
}
