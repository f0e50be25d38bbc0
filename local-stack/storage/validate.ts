// Request validation worded like the Fastify + ajv schemas supabase/storage declares on each route
// ("body must have required property 'name'", "body/expiresIn must be >= 1"), with ajv's type
// coercion (numeric strings to integers, "true"/"false" to booleans) as Fastify configures it.
import { storageErrors } from './errors.ts';

export type Schema =
	| { type: 'string'; enum?: readonly string[]; pattern?: RegExp; nullable?: boolean }
	| { type: 'integer'; minimum?: number; nullable?: boolean }
	| { type: 'boolean'; nullable?: boolean }
	| { type: 'array'; items: Schema; minItems?: number; maxItems?: number; nullable?: boolean }
	| {
			type: 'object';
			properties: Record<string, Schema>;
			required?: readonly string[];
			nullable?: boolean;
	  }
	/** Any JSON value (checked by the route itself). */
	| { type: 'any' };

function fail(path: string, message: string): never {
	throw storageErrors.validation(`${path} ${message}`);
}

function coerce(value: unknown, schema: Schema): unknown {
	if (schema.type === 'integer' && typeof value === 'string' && /^-?\d+(\.0+)?$/.test(value))
		return Number(value);
	if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
	if (schema.type === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
		return String(value);
	return value;
}

/** Validates (and coerces) `value` against `schema`; `path` is ajv's data path ("body"). */
export function validate(value: unknown, schema: Schema, path: string): unknown {
	if (schema.type === 'any') return value;
	if (value === null && 'nullable' in schema && schema.nullable) return null;
	const input = coerce(value, schema);
	switch (schema.type) {
		case 'string':
			if (typeof input !== 'string') fail(path, 'must be string');
			if (schema.pattern && !schema.pattern.test(input))
				fail(path, `must match pattern "${schema.pattern.source}"`);
			if (schema.enum && !schema.enum.includes(input))
				fail(path, 'must be equal to one of the allowed values');
			return input;
		case 'integer':
			if (typeof input !== 'number' || !Number.isInteger(input)) fail(path, 'must be integer');
			if (schema.minimum !== undefined && input < schema.minimum)
				fail(path, `must be >= ${schema.minimum}`);
			return input;
		case 'boolean':
			if (typeof input !== 'boolean') fail(path, 'must be boolean');
			return input;
		case 'array': {
			const items = Array.isArray(input) ? input : input === undefined ? input : [input];
			if (!Array.isArray(items)) fail(path, 'must be array');
			if (schema.minItems !== undefined && items.length < schema.minItems)
				fail(path, `must NOT have fewer than ${schema.minItems} items`);
			if (schema.maxItems !== undefined && items.length > schema.maxItems)
				fail(path, `must NOT have more than ${schema.maxItems} items`);
			return items.map((item, i) => validate(item, schema.items, `${path}/${i}`));
		}
		case 'object': {
			if (typeof input !== 'object' || input === null || Array.isArray(input))
				fail(path, 'must be object');
			const record = input as Record<string, unknown>;
			for (const name of schema.required ?? [])
				if (record[name] === undefined) fail(path, `must have required property '${name}'`);
			const out: Record<string, unknown> = { ...record };
			for (const [name, property] of Object.entries(schema.properties)) {
				if (record[name] === undefined) continue;
				out[name] = validate(record[name], property, `${path}/${name}`);
			}
			return out;
		}
	}
}

/** The `file_size_limit` of create/update bucket: bytes, a size string, or null. */
export function fileSizeLimitField(
	value: unknown,
	path: string
): number | string | null | undefined {
	if (value === undefined || value === null) return value;
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (
		typeof value === 'string' &&
		/^[0-9]+(?:\.[0-9]+)?(?:[gG][bB]|[mM][bB]|[kK][bB]|[bB])$/.test(value)
	)
		return value;
	return fail(path, 'must match a schema in anyOf');
}
