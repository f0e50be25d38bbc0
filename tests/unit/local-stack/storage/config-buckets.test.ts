import { describe, expect, it } from 'vitest';
import { detectContentType } from '../../../../local-stack/storage/config-buckets.ts';

describe('content type sniffing of objects_path files', () => {
	it('recognises common binary signatures', () => {
		expect(detectContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
		expect(
			detectContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))
		).toBe('image/png');
		expect(detectContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(detectContentType(Buffer.from('GIF89a...'))).toBe('image/gif');
		expect(detectContentType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe(
			'image/webp'
		);
	});

	it('tells text and HTML from binary data, as Go does', () => {
		expect(detectContentType(Buffer.from('Bonjour !\n'))).toBe('text/plain; charset=utf-8');
		expect(detectContentType(Buffer.from('  <!DOCTYPE html><html>'))).toBe(
			'text/html; charset=utf-8'
		);
		expect(detectContentType(Buffer.from('<?xml version="1.0"?><svg/>'))).toBe(
			'text/xml; charset=utf-8'
		);
		expect(detectContentType(Buffer.from([0, 1, 2, 3]))).toBe('application/octet-stream');
		expect(detectContentType(Buffer.alloc(0))).toBe('text/plain; charset=utf-8');
	});
});
