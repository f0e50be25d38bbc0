import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../../local-stack/storage/range.ts';
import { renderError } from '../../../../local-stack/storage/errors.ts';

describe('HTTP Range parsing', () => {
	it('reads a closed range', () => {
		expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9, size: 10 });
	});

	it('reads an open-ended range up to the last byte', () => {
		expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99, size: 10 });
	});

	it('reads a suffix range and clamps it to the file', () => {
		expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99, size: 10 });
		expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99, size: 100 });
	});

	it('clamps an end past the file to its last byte', () => {
		expect(parseRange('bytes=50-1000', 100)).toEqual({ start: 50, end: 99, size: 50 });
	});

	it('refuses a start past the end, reversed bounds, several ranges and other units', () => {
		for (const header of [
			'bytes=100-',
			'bytes=10-5',
			'bytes=0-1,5-6',
			'items=0-1',
			'bytes=-',
			'bytes=-0',
			'bytes=a-b'
		])
			expect(() => parseRange(header, 100), header).toThrow('invalid range provided');
	});

	it('refuses any range on an empty file', () => {
		expect(() => parseRange('bytes=0-', 0)).toThrow('invalid range provided');
	});

	it('renders a refused range as HTTP 416 with InvalidRange', () => {
		try {
			parseRange('bytes=5-1', 10);
		} catch (error) {
			expect(renderError(error)).toEqual({
				status: 416,
				body: {
					statusCode: '416',
					code: 'InvalidRange',
					error: 'invalid_range',
					message: 'invalid range provided'
				}
			});
		}
		expect.assertions(1);
	});
});
