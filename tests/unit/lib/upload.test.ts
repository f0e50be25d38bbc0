import { describe, expect, it } from 'vitest';
import { classifyStorageError } from '../../../src/lib/upload.ts';

describe('Storage refusals', () => {
	it('are read from the body’s statusCode, since Storage answers HTTP 400 for most of them', () => {
		expect(
			classifyStorageError(400, {
				statusCode: '413',
				code: 'EntityTooLarge',
				error: 'Payload too large',
				message: 'The object exceeded the maximum allowed size'
			})
		).toBe('tooLarge');
		expect(
			classifyStorageError(400, {
				statusCode: '415',
				code: 'InvalidMimeType',
				error: 'invalid_mime_type',
				message: 'mime type application/zip is not supported'
			})
		).toBe('badType');
		expect(
			classifyStorageError(400, {
				statusCode: '409',
				error: 'Duplicate',
				message: 'The resource already exists'
			})
		).toBe('duplicate');
		expect(
			classifyStorageError(400, {
				statusCode: '403',
				code: 'AccessDenied',
				error: 'Unauthorized',
				message: 'new row violates row-level security policy'
			})
		).toBe('forbidden');
		expect(
			classifyStorageError(400, {
				statusCode: '400',
				code: 'InvalidJWT',
				message: '"exp" claim timestamp check failed'
			})
		).toBe('unauthorized');
	});

	it('fall back on the HTTP status when the body is not Storage’s', () => {
		expect(classifyStorageError(413, null)).toBe('tooLarge');
		expect(classifyStorageError(502, '<html>Bad gateway</html>')).toBe('other');
	});
});
