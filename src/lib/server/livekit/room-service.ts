// The LiveKit room service calls the platform makes (Twirp over HTTP, livekit-server-sdk's
// RoomServiceClient, which signs each call with a short-lived token carrying the grant the
// server checks: roomCreate for DeleteRoom). A room that no longer exists counts as deleted.
import { RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import type { LiveKitConfig } from '../env.ts';

export type RoomService = {
	/** Closes the room for everyone in it; `absent` when LiveKit had no such room. */
	deleteRoom(room: string): Promise<'deleted' | 'absent'>;
};

export class RoomServiceError extends Error {
	readonly status: number | undefined;

	constructor(message: string, status?: number, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'RoomServiceError';
		this.status = status;
	}
}

/** Seconds before a call to LiveKit is given up, so "end for everyone" never hangs. */
export const ROOM_SERVICE_TIMEOUT_SECONDS = 10;

export function createRoomService(config: LiveKitConfig): RoomService {
	// TwirpRpc turns ws(s):// into http(s)://; LiveKit serves the API on the same host.
	const client = new RoomServiceClient(config.url, config.apiKey, config.apiSecret, {
		requestTimeout: ROOM_SERVICE_TIMEOUT_SECONDS
	});
	return {
		async deleteRoom(room) {
			try {
				await client.deleteRoom(room);
				return 'deleted';
			} catch (failure) {
				if (
					failure instanceof TwirpError &&
					(failure.status === 404 || failure.code === 'not_found')
				) {
					return 'absent';
				}
				const status = failure instanceof TwirpError ? failure.status : undefined;
				throw new RoomServiceError(
					`LiveKit DeleteRoom ${room} failed: ${(failure as Error).message}`,
					status,
					{ cause: failure }
				);
			}
		}
	};
}
