import { describe, expect, it } from 'vitest';
import { resolveSecurePath } from '../../../../../local-stack/storage/backend/secure-path.ts';

const root = '/data/storage';

describe('secure paths below the storage folder', () => {
	it('resolves a bucket/key path inside the root', () => {
		expect(resolveSecurePath(root, 'documents/user/a.pdf#v1')).toBe(
			'/data/storage/documents/user/a.pdf#v1'
		);
	});

	it('refuses dot segments whatever their position', () => {
		for (const path of ['../x', 'a/../../x', 'a/./b', 'a/..', '..'])
			expect(() => resolveSecurePath(root, path), path).toThrow('contains dot path segment');
	});

	it('refuses absolute paths, Windows drives and UNC paths', () => {
		for (const path of ['/etc/passwd', 'C:\\windows', 'c:/x', '\\\\server\\share'])
			expect(() => resolveSecurePath(root, path), path).toThrow('must be a relative path');
	});

	it('refuses NUL bytes, control characters and empty segments', () => {
		expect(() => resolveSecurePath(root, 'a\0b')).toThrow('contains null byte');
		expect(() => resolveSecurePath(root, 'a\nb')).toThrow('contains control characters');
		expect(() => resolveSecurePath(root, 'a//b')).toThrow('contains an empty segment');
		expect(() => resolveSecurePath(root, '')).toThrow('contains an empty segment');
	});

	it('treats backslashes as separators so no traversal hides behind them', () => {
		expect(() => resolveSecurePath(root, 'a\\..\\..\\x')).toThrow('contains dot path segment');
	});

	it('throws InvalidKey errors', () => {
		try {
			resolveSecurePath(root, '../x');
		} catch (error) {
			expect((error as { code: string }).code).toBe('InvalidKey');
		}
		expect.assertions(1);
	});
});
