import { describe, expect, it } from 'vitest';
import { imageProblem, isEmptyFile } from '../../../../src/lib/schemas/images.ts';
import type { ImageRule } from '../../../../src/lib/schemas/images.ts';

const rule: ImageRule = {
	maxBytes: 100,
	types: ['image/png', 'image/jpeg'],
	messages: { tooLarge: 'trop grande', badType: 'mauvais type' }
};

describe('picture rule', () => {
	it('accepts an allowed type up to the limit, inclusive', () => {
		expect(imageProblem({ type: 'image/png', size: 100 }, rule)).toBeNull();
	});

	it('names the type first, then the size', () => {
		expect(imageProblem({ type: 'image/gif', size: 1000 }, rule)).toBe('mauvais type');
		expect(imageProblem({ type: 'image/jpeg', size: 101 }, rule)).toBe('trop grande');
		expect(imageProblem({ type: '', size: 1 }, rule)).toBe('mauvais type');
	});

	it('reads an untouched file input as no file', () => {
		expect(isEmptyFile(new File([], ''))).toBe(true);
		expect(isEmptyFile(undefined)).toBe(true);
		expect(isEmptyFile('')).toBe(true);
		expect(isEmptyFile(new File([], 'vide.png'))).toBe(false);
		expect(isEmptyFile(new File([new Uint8Array(1)], ''))).toBe(false);
	});
});
