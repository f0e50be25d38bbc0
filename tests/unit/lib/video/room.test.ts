// Connecting with a deadline and the French wording of failed connections and disconnections.
import { ConnectionError, DisconnectReason } from 'livekit-client';
import type { Room } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import {
	classifyConnectionError,
	connectRoom,
	disconnectMessage,
	qualityLabel,
	RoomConnectionError
} from '../../../../src/lib/video/room.ts';

function fakeRoom(connect: () => Promise<void>) {
	const state = { disconnected: 0 };
	const room = {
		connect,
		disconnect: async () => {
			state.disconnected++;
		}
	} as unknown as Room;
	return { room, state };
}

describe('joining a room', () => {
	it('says in French that the server cannot be reached when the connection fails', async () => {
		const { room, state } = fakeRoom(() =>
			Promise.reject(ConnectionError.serverUnreachable('could not establish signal connection'))
		);
		const error = await connectRoom(room, 'ws://127.0.0.1:9', 'token').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(RoomConnectionError);
		expect((error as RoomConnectionError).kind).toBe('unreachable');
		expect((error as Error).message).toMatch(/^Impossible de joindre le serveur vidéo/);
		expect(state.disconnected).toBe(1);
	});

	it('gives up when the server does not answer in time instead of waiting forever', async () => {
		const { room, state } = fakeRoom(() => new Promise<void>(() => undefined));
		const error = await connectRoom(room, 'ws://10.255.255.1', 'token', 50).catch(
			(e: unknown) => e
		);
		expect((error as RoomConnectionError).kind).toBe('timeout');
		expect((error as Error).message).toMatch(/^Le serveur vidéo ne répond pas/);
		expect(state.disconnected).toBe(1);
	});

	it('tells a refused token from an unreachable server', () => {
		expect(classifyConnectionError(ConnectionError.notAllowed('invalid token', 401))).toBe(
			'refused'
		);
		expect(classifyConnectionError(ConnectionError.timeout('timed out'))).toBe('timeout');
		expect(classifyConnectionError(new TypeError('Failed to fetch'))).toBe('unreachable');
	});

	it('explains why the room closed, and says nothing when we left ourselves', () => {
		expect(disconnectMessage(DisconnectReason.CLIENT_INITIATED)).toBeNull();
		expect(disconnectMessage(DisconnectReason.ROOM_DELETED)).toBe(
			'Le coach a terminé la séance pour tous.'
		);
		expect(disconnectMessage(DisconnectReason.DUPLICATE_IDENTITY)).toMatch(/autre appareil/);
	});

	it('reads connection quality in French', () => {
		expect(qualityLabel('good')).toBe('Connexion : bonne');
		expect(qualityLabel('lost')).toBe('Connexion : perdue');
	});
});
