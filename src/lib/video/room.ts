// The livekit-client side of a video session: the Room and its options, connecting with a
// deadline (an unreachable server must be said so, not waited on forever), what each
// participant's tile shows, and French wording for failed connections and disconnections.
import {
	ConnectionError,
	ConnectionErrorReason,
	ConnectionQuality,
	DisconnectReason,
	Room,
	Track
} from 'livekit-client';
import type { Participant, RemoteAudioTrack, VideoTrack } from 'livekit-client';
import { interpolate, messages } from '#lib/i18n/index.ts';

const t = messages.video;

/** How long joining may take before the page says the server does not answer. */
export const CONNECT_TIMEOUT_MS = 15_000;

export function createVideoRoom(): Room {
	return new Room({ adaptiveStream: true, dynacast: true, stopLocalTrackOnUnpublish: true });
}

export type ConnectionFailure = 'unreachable' | 'timeout' | 'refused';

export class RoomConnectionError extends Error {
	readonly kind: ConnectionFailure;

	constructor(kind: ConnectionFailure, options?: { cause?: unknown }) {
		super(connectionErrorMessage(kind), options);
		this.name = 'RoomConnectionError';
		this.kind = kind;
	}
}

export function classifyConnectionError(error: unknown): ConnectionFailure {
	if (error instanceof RoomConnectionError) return error.kind;
	if (error instanceof ConnectionError) {
		if (error.reason === ConnectionErrorReason.NotAllowed) return 'refused';
		if (error.reason === ConnectionErrorReason.Timeout) return 'timeout';
	}
	return 'unreachable';
}

export function connectionErrorMessage(kind: ConnectionFailure): string {
	return kind === 'refused'
		? t.errors.refused
		: kind === 'timeout'
			? t.errors.timeout
			: t.errors.unreachable;
}

/** Connects, or fails with a RoomConnectionError after at most `timeoutMs`. */
export async function connectRoom(
	room: Room,
	url: string,
	token: string,
	timeoutMs = CONNECT_TIMEOUT_MS
): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new RoomConnectionError('timeout')), timeoutMs);
	});
	try {
		await Promise.race([
			room.connect(url, token, {
				autoSubscribe: true,
				maxRetries: 1,
				websocketTimeout: timeoutMs,
				peerConnectionTimeout: timeoutMs
			}),
			deadline
		]);
	} catch (error) {
		await room.disconnect().catch(() => undefined);
		throw error instanceof RoomConnectionError
			? error
			: new RoomConnectionError(classifyConnectionError(error), { cause: error });
	} finally {
		clearTimeout(timer);
	}
}

export type Tile = {
	key: string;
	identity: string;
	name: string;
	role: 'coach' | 'member' | null;
	isLocal: boolean;
	isScreen: boolean;
	isSpeaking: boolean;
	micMuted: boolean;
	video: VideoTrack | undefined;
	/** Remote microphones must be attached to play; the local one never is (echo). */
	audio: RemoteAudioTrack | undefined;
	quality: `${ConnectionQuality}`;
};

function role(participant: Participant): Tile['role'] {
	const value = participant.attributes?.role;
	return value === 'coach' || value === 'member' ? value : null;
}

/** One tile per participant camera (or avatar), one more per shared screen, local first. */
export function tilesOf(room: Room): Tile[] {
	const people: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
	const tiles: Tile[] = [];
	for (const participant of people) {
		const camera = participant.getTrackPublication(Track.Source.Camera);
		const microphone = participant.getTrackPublication(Track.Source.Microphone);
		const screen = participant.getTrackPublication(Track.Source.ScreenShare);
		const name = participant.name || participant.identity;
		const common = {
			identity: participant.identity,
			name,
			role: role(participant),
			isLocal: participant.isLocal,
			quality: participant.connectionQuality
		};
		tiles.push({
			...common,
			key: participant.identity,
			isScreen: false,
			isSpeaking: participant.isSpeaking,
			micMuted: !microphone || microphone.isMuted,
			video: camera && !camera.isMuted ? (camera.videoTrack as VideoTrack | undefined) : undefined,
			audio: participant.isLocal
				? undefined
				: (microphone?.audioTrack as RemoteAudioTrack | undefined)
		});
		if (screen?.videoTrack) {
			tiles.push({
				...common,
				key: `${participant.identity}:screen`,
				name: interpolate(t.room.screenOf, { name }),
				isScreen: true,
				isSpeaking: false,
				micMuted: true,
				video: screen.videoTrack as VideoTrack,
				audio: undefined
			});
		}
	}
	return tiles;
}

export function qualityLabel(quality: Tile['quality']): string {
	return interpolate(t.room.qualityLabel, {
		quality: t.room.quality[quality] ?? t.room.quality.unknown
	});
}

/** Why the room closed on us, or null when we left ourselves. */
export function disconnectMessage(reason: DisconnectReason | undefined): string | null {
	switch (reason) {
		case undefined:
		case DisconnectReason.CLIENT_INITIATED:
			return null;
		case DisconnectReason.ROOM_DELETED:
			return t.room.endedByCoach;
		case DisconnectReason.ROOM_CLOSED:
			return t.room.ended;
		case DisconnectReason.DUPLICATE_IDENTITY:
			return t.room.duplicate;
		case DisconnectReason.PARTICIPANT_REMOVED:
			return t.room.removed;
		default:
			return t.errors.unreachable;
	}
}

/** The room's events after which the tiles may look different. */
export const TILE_EVENTS = [
	'participantConnected',
	'participantDisconnected',
	'trackSubscribed',
	'trackUnsubscribed',
	'trackMuted',
	'trackUnmuted',
	'trackPublished',
	'trackUnpublished',
	'localTrackPublished',
	'localTrackUnpublished',
	'activeSpeakersChanged',
	'connectionQualityChanged',
	'participantNameChanged',
	'participantAttributesChanged'
] as const;
