import { describe, expect, it } from 'vitest';
import { fileSizeLimitField, validate } from '../../../../local-stack/storage/validate.ts';
import type { Schema } from '../../../../local-stack/storage/validate.ts';

const schema: Schema = {
	type: 'object',
	properties: {
		prefix: { type: 'string' },
		limit: { type: 'integer', minimum: 1 },
		sortBy: {
			type: 'object',
			properties: { column: { type: 'string', enum: ['name', 'created_at'] } },
			required: ['column']
		},
		paths: { type: 'array', items: { type: 'string' }, minItems: 1 },
		public: { type: 'boolean' }
	},
	required: ['prefix']
};

const message = (value: unknown) => {
	try {
		validate(value, schema, 'body');
	} catch (error) {
		return (error as Error).message;
	}
	return null;
};

describe('request validation worded like Fastify', () => {
	it('names missing required properties', () => {
		expect(message({})).toBe("body must have required property 'prefix'");
		expect(message(undefined)).toBe('body must be object');
		expect(message({ prefix: '', sortBy: {} })).toBe(
			"body/sortBy must have required property 'column'"
		);
	});

	it('names wrong types, bounds, enums and array sizes with their data path', () => {
		expect(message({ prefix: '', limit: 1.5 })).toBe('body/limit must be integer');
		expect(message({ prefix: '', limit: 0 })).toBe('body/limit must be >= 1');
		expect(message({ prefix: '', sortBy: { column: 'size' } })).toBe(
			'body/sortBy/column must be equal to one of the allowed values'
		);
		expect(message({ prefix: '', paths: [] })).toBe('body/paths must NOT have fewer than 1 items');
		expect(message({ prefix: '', paths: [{}] })).toBe('body/paths/0 must be string');
	});

	it('coerces like ajv with coerceTypes', () => {
		expect(validate({ prefix: 3, limit: '10', public: 'true' }, schema, 'body')).toEqual({
			prefix: '3',
			limit: 10,
			public: true
		});
	});

	it('accepts a file size limit as bytes, a size string or null, nothing else', () => {
		expect(fileSizeLimitField(1000, 'body/file_size_limit')).toBe(1000);
		expect(fileSizeLimitField('20MB', 'body/file_size_limit')).toBe('20MB');
		expect(fileSizeLimitField(null, 'body/file_size_limit')).toBeNull();
		expect(() => fileSizeLimitField('20 parsecs', 'body/file_size_limit')).toThrow(
			'body/file_size_limit must match a schema in anyOf'
		);
		expect(() => fileSizeLimitField(-1, 'body/file_size_limit')).toThrow();
	});
});
