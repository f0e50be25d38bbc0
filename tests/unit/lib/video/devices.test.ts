// Device choices and the French messages for what the browser refuses.
import { describe, expect, it } from 'vitest';
import { deviceOptions, mediaErrorMessage } from '../../../../src/lib/video/devices.ts';

describe('camera and microphone choices', () => {
	it('lists the devices of one kind, naming those the browser leaves unnamed', () => {
		const devices = [
			{ deviceId: 'cam-1', kind: 'videoinput', label: 'Caméra intégrée' },
			{ deviceId: 'mic-1', kind: 'audioinput', label: '' },
			{ deviceId: 'cam-2', kind: 'videoinput', label: '' },
			{ deviceId: '', kind: 'videoinput', label: '' }
		] as MediaDeviceInfo[];
		expect(deviceOptions(devices, 'videoinput')).toEqual([
			{ value: 'cam-1', label: 'Caméra intégrée' },
			{ value: 'cam-2', label: 'Caméra 2' }
		]);
		expect(deviceOptions(devices, 'audioinput')).toEqual([{ value: 'mic-1', label: 'Micro 1' }]);
	});

	it('explains a refused permission, a missing device and a busy device in French', () => {
		expect(mediaErrorMessage({ name: 'NotAllowedError' })).toMatch(/refuse l’accès/);
		expect(mediaErrorMessage({ name: 'NotFoundError' })).toMatch(/Aucune caméra/);
		expect(mediaErrorMessage({ name: 'NotReadableError' })).toMatch(/déjà utilisé/);
		expect(mediaErrorMessage(new Error('boom'))).toBe('La caméra ou le micro n’a pas pu démarrer.');
	});
});
