// Camera and microphone for the pre-join step: preview tracks opened with livekit-client (the
// same tracks are published on joining, so the browser asks for access once), the devices to
// choose from, the microphone level, and French messages for what getUserMedia refuses.
import {
	createAudioAnalyser,
	createLocalAudioTrack,
	createLocalVideoTrack,
	VideoPresets
} from 'livekit-client';
import type { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import { messages } from '#lib/i18n/index.ts';

const t = messages.video.prejoin;

export type DeviceOption = { value: string; label: string };

/** Choices for a <select>, with readable names when the browser hides the labels. */
export function deviceOptions(
	devices: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[],
	kind: 'videoinput' | 'audioinput'
): DeviceOption[] {
	const base = kind === 'videoinput' ? t.camera : t.microphone;
	return devices
		.filter((device) => device.kind === kind && device.deviceId !== '')
		.map((device, index) => ({
			value: device.deviceId,
			label: device.label || `${base} ${index + 1}`
		}));
}

export async function listDevices(): Promise<{
	cameras: DeviceOption[];
	microphones: DeviceOption[];
}> {
	const devices = await navigator.mediaDevices.enumerateDevices();
	return {
		cameras: deviceOptions(devices, 'videoinput'),
		microphones: deviceOptions(devices, 'audioinput')
	};
}

export function openCamera(deviceId?: string): Promise<LocalVideoTrack> {
	return createLocalVideoTrack({
		deviceId: deviceId ? { exact: deviceId } : undefined,
		resolution: VideoPresets.h720.resolution
	});
}

export function openMicrophone(deviceId?: string): Promise<LocalAudioTrack> {
	return createLocalAudioTrack({
		deviceId: deviceId ? { exact: deviceId } : undefined,
		echoCancellation: true,
		noiseSuppression: true
	});
}

/** Calls `onLevel` with the microphone's volume (0 to 1) ten times a second until stopped. */
export function watchLevel(track: LocalAudioTrack, onLevel: (level: number) => void): () => void {
	const { calculateVolume, cleanup } = createAudioAnalyser(track, { smoothingTimeConstant: 0.6 });
	const timer = setInterval(() => onLevel(Math.min(1, calculateVolume())), 100);
	return () => {
		clearInterval(timer);
		onLevel(0);
		void cleanup();
	};
}

/** What to tell the user when the browser would not open a camera or microphone. */
export function mediaErrorMessage(error: unknown): string {
	const name = (error as { name?: string } | null)?.name;
	switch (name) {
		case 'NotAllowedError':
		case 'PermissionDeniedError':
		case 'SecurityError':
			return t.permissionDenied;
		case 'NotFoundError':
		case 'DevicesNotFoundError':
		case 'OverconstrainedError':
			return t.deviceNotFound;
		case 'NotReadableError':
		case 'TrackStartError':
			return t.deviceBusy;
		default:
			return t.deviceError;
	}
}
