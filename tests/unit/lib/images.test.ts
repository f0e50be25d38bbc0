import { describe, expect, it } from 'vitest';
import { imageRefusal } from '../../../src/lib/images.ts';

const text = {
	tooLarge: 'trop grande',
	badType: 'mauvais type',
	forbidden: 'interdit',
	refused: 'refusée',
	failed: 'échec'
};

describe('Storage refusals of a picture', () => {
	it('reads the real status Storage puts in the body, not the HTTP 400', () => {
		expect(imageRefusal({ status: 400, statusCode: '413', code: 'EntityTooLarge' }, text)).toEqual({
			status: 413,
			message: 'trop grande'
		});
		expect(imageRefusal({ status: 400, statusCode: '415', code: 'InvalidMimeType' }, text)).toEqual(
			{
				status: 415,
				message: 'mauvais type'
			}
		);
		expect(
			imageRefusal(
				{ status: 400, statusCode: '403', message: 'new row violates row-level security policy' },
				text
			)
		).toEqual({ status: 403, message: 'interdit' });
	});

	it('falls back to the codes, then to a generic refusal or failure', () => {
		expect(imageRefusal({ error: 'invalid_mime_type' }, text).message).toBe('mauvais type');
		expect(imageRefusal({ status: 400, statusCode: '400', code: 'InvalidKey' }, text)).toEqual({
			status: 400,
			message: 'refusée'
		});
		expect(imageRefusal({ status: 500 }, text)).toEqual({ status: 502, message: 'échec' });
		expect(imageRefusal({}, text)).toEqual({ status: 502, message: 'échec' });
	});
});
