import { describe, expect, it } from 'vitest';
import {
	OID,
	parseArrayLiteral,
	toJsonValue
} from '../../../../../local-stack/realtime/replication/values.ts';
import type { TypeInfo } from '../../../../../local-stack/realtime/replication/values.ts';

const types = new Map<number, TypeInfo>();
const type = (oid: number, name: string, elemOid = 0, baseOid = oid): TypeInfo => {
	const info = { oid, name, baseOid, elemOid, delimiter: ',', kind: 'b' };
	types.set(oid, info);
	return info;
};
const int4 = type(OID.int4, 'int4');
const text = type(25, 'text');
const numeric = type(OID.numeric, 'numeric');
const bool = type(OID.bool, 'bool');
const jsonb = type(OID.jsonb, 'jsonb');
const timestamptz = type(OID.timestamptz, 'timestamptz');
const timestamp = type(OID.timestamp, 'timestamp');
const int4Array = type(1007, '_int4', OID.int4);
const textArray = type(1009, '_text', 25);
const domain = type(90_000, 'positive_int', 0, OID.int4);
const lookup = (oid: number) => types.get(oid);
const json = (value: string | null, info: TypeInfo) => toJsonValue(value, info, lookup);

describe('WAL text to JSON, as to_jsonb renders each type', () => {
	it('numbers and booleans are typed; NaN stays a string', () => {
		expect(json('42', int4)).toBe(42);
		expect(json('10.50', numeric)).toBe(10.5);
		expect(json('NaN', numeric)).toBe('NaN');
		expect(json('t', bool)).toBe(true);
		expect(json('f', bool)).toBe(false);
	});

	it('json and jsonb are parsed, text stays text, null stays null', () => {
		expect(json('{"a": [1, 2]}', jsonb)).toEqual({ a: [1, 2] });
		expect(json('{"a": 1}', text)).toBe('{"a": 1}');
		expect(json(null, int4)).toBeNull();
	});

	it('timestamps take the ISO 8601 form of to_jsonb', () => {
		expect(json('2026-01-02 03:04:05.123456+00', timestamptz)).toBe(
			'2026-01-02T03:04:05.123456+00:00'
		);
		expect(json('2026-01-02 03:04:05+05:30', timestamptz)).toBe('2026-01-02T03:04:05+05:30');
		expect(json('2026-01-02 03:04:05', timestamp)).toBe('2026-01-02T03:04:05');
		expect(json('infinity', timestamptz)).toBe('infinity');
	});

	it('arrays become JSON arrays of converted elements', () => {
		expect(json('{1,2,NULL}', int4Array)).toEqual([1, 2, null]);
		expect(json('{a,"b c","d\\"e",NULL,"NULL"}', textArray)).toEqual([
			'a',
			'b c',
			'd"e',
			null,
			'NULL'
		]);
		expect(json('{{1,2},{3,4}}', int4Array)).toEqual([
			[1, 2],
			[3, 4]
		]);
		expect(json('{}', int4Array)).toEqual([]);
	});

	it('a domain converts like its base type', () => {
		expect(json('7', domain)).toBe(7);
	});

	it('parses array literals with a dimension prefix', () => {
		expect(parseArrayLiteral('[0:1]={x,y}')).toEqual(['x', 'y']);
	});
});
