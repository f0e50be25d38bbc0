import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../../local-stack/storage/errors.ts';
import {
	bucketSizeLimit,
	checkAllowedMimeTypes,
	checkMimeType,
	isValidBucketName,
	isValidContentTypeHeader,
	isValidKey,
	maxUploadSize,
	mustBeValidKey,
	parseFileSize
} from '../../../../local-stack/storage/limits.ts';

const thrown = (work: () => unknown): StorageError => {
	try {
		work();
	} catch (error) {
		return error as StorageError;
	}
	throw new Error('expected an error');
};

describe('object keys', () => {
	it('accepts the S3-safe characters Supabase accepts, folders included', () => {
		for (const key of [
			'a.txt',
			'folder/sub/file.pdf',
			"it's (1) & co=@;:+,?-!*$.png",
			'with space.txt',
			'.emptyFolderPlaceholder',
			'user/.hidden'
		])
			expect(isValidKey(key), key).toBe(true);
	});

	it('refuses non-ASCII names such as résumé.pdf with InvalidKey, exactly as Supabase does', () => {
		const error = thrown(() => mustBeValidKey('docs/résumé.pdf'));
		expect(error.code).toBe('InvalidKey');
		expect(error.message).toBe('Invalid key: docs/résumé.pdf');
		expect(error.status).toBe(400);
	});

	it('refuses path traversal, absolute paths and empty segments', () => {
		for (const key of [
			'../etc/passwd',
			'a/../../b',
			'a/./b',
			'..',
			'.',
			'/etc/passwd',
			'a//b',
			'a/',
			''
		])
			expect(isValidKey(key), JSON.stringify(key)).toBe(false);
	});

	it('refuses control characters, backslashes and other characters outside the alphabet', () => {
		for (const key of [
			'a\u0000b',
			'a\nb',
			'tab\there',
			'back\\slash',
			'hash#tag',
			'per%cent',
			'ti~lde'
		])
			expect(isValidKey(key), JSON.stringify(key)).toBe(false);
	});

	it('refuses a path segment too long to be a file name on disk', () => {
		expect(isValidKey('a'.repeat(200))).toBe(true);
		expect(isValidKey(`ok/${'a'.repeat(201)}`)).toBe(false);
	});
});

describe('bucket names', () => {
	it('follows the key alphabet without slashes and stays under 101 characters', () => {
		expect(isValidBucketName('avatars')).toBe(true);
		expect(isValidBucketName('event-images_2')).toBe(true);
		expect(isValidBucketName('a/b')).toBe(false);
		expect(isValidBucketName('é')).toBe(false);
		expect(isValidBucketName('x'.repeat(100))).toBe(true);
		expect(isValidBucketName('x'.repeat(101))).toBe(false);
	});

	it('refuses the two names that would point outside the storage folder', () => {
		expect(isValidBucketName('.')).toBe(false);
		expect(isValidBucketName('..')).toBe(false);
	});
});

describe('MIME type rules', () => {
	it('accepts an exact type or a type/* wildcard', () => {
		expect(() => checkMimeType('image/png', ['image/*'])).not.toThrow();
		expect(() => checkMimeType('application/pdf', ['image/*', 'application/pdf'])).not.toThrow();
	});

	it('refuses other types with InvalidMimeType and upstream message, status 415', () => {
		const error = thrown(() => checkMimeType('text/plain', ['image/*']));
		expect(error.code).toBe('InvalidMimeType');
		expect(error.message).toBe('mime type text/plain is not supported');
		expect(error.status).toBe(415);
	});

	it('keeps the upstream quirk: parameters are part of the subtype', () => {
		expect(() => checkMimeType('text/plain;charset=UTF-8', ['text/plain'])).toThrow();
		expect(() => checkMimeType('text/plain;charset=UTF-8', ['text/*'])).not.toThrow();
	});

	it('refuses a type without a subtype', () => {
		expect(() => checkMimeType('thisisnotamimetype', ['*'])).toThrow('is not supported');
	});

	it('validates a bucket allowed_mime_types list like upstream', () => {
		expect(() =>
			checkAllowedMimeTypes(['image/*', 'text/plain; charset=utf-8', 'application/pdf'])
		).not.toThrow();
		expect(() => checkAllowedMimeTypes(['not a type'])).toThrow(
			'mime type not a type is not supported'
		);
	});

	it('tells a parseable Content-Type header from a malformed one', () => {
		expect(isValidContentTypeHeader('image/png')).toBe(true);
		expect(isValidContentTypeHeader('text/plain;charset=UTF-8')).toBe(true);
		expect(isValidContentTypeHeader('thisisnotarealmimetype')).toBe(false);
		expect(isValidContentTypeHeader('image/\tjpg')).toBe(false);
	});
});

describe('size limits', () => {
	it('parses size strings with decimal units, as the bucket API does', () => {
		expect(parseFileSize('20MB')).toBe(20_000_000);
		expect(parseFileSize('1.5kb')).toBe(1500);
		expect(parseFileSize('3B')).toBe(3);
		expect(parseFileSize('2GB')).toBe(2_000_000_000);
		expect(() => parseFileSize('20MiB')).toThrow('Invalid file size format');
	});

	it('refuses a bucket limit above the global limit with EntityTooLarge', () => {
		expect(bucketSizeLimit('1MB', 50 * 1024 * 1024)).toBe(1_000_000);
		expect(bucketSizeLimit(1234, 50 * 1024 * 1024)).toBe(1234);
		const error = thrown(() => bucketSizeLimit('100MB', 50 * 1024 * 1024));
		expect(error.code).toBe('EntityTooLarge');
		expect(error.status).toBe(413);
		expect(error.message).toBe('The object exceeded the maximum allowed size');
	});

	it('takes the lower of the global and bucket limits, and 0 for folder placeholders', () => {
		expect(maxUploadSize('a.png', 1000, null)).toBe(1000);
		expect(maxUploadSize('a.png', 1000, 10)).toBe(10);
		expect(maxUploadSize('a.png', 10, 1000)).toBe(10);
		expect(maxUploadSize('dir/.emptyFolderPlaceholder', 1000, null)).toBe(0);
	});
});
