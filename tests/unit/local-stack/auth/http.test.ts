import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../../local-stack/auth/errors.ts';
import {
	clientIp,
	decodeParams,
	encodeValues,
	queryEscape
} from '../../../../local-stack/auth/http.ts';

const SPEC = {
	email: 'string',
	password: 'nullable-string',
	data: 'object',
	email_confirm: 'bool'
} as const;

function badJson(raw: string): string {
	try {
		decodeParams(raw, SPEC, 'SignupParams');
	} catch (error) {
		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).code).toBe('bad_json');
		expect((error as AuthError).status).toBe(400);
		return (error as AuthError).message;
	}
	throw new Error('no error');
}

describe('request bodies decoded like encoding/json into a params struct', () => {
	it('reads the known fields, ignores the others and matches keys case-insensitively', () => {
		expect(
			decodeParams('{"Email":"a@b.c","data":{"x":1},"extra":true,"email_confirm":true}', SPEC, 'X')
		).toEqual({ email: 'a@b.c', data: { x: 1 }, email_confirm: true });
		expect(decodeParams('null', SPEC, 'X')).toEqual({});
		expect(decodeParams('{"password":null,"data":null}', SPEC, 'X')).toEqual({
			password: null,
			data: null
		});
	});

	it('refuses empty and broken bodies with Go messages', () => {
		expect(badJson('')).toBe('Could not parse request body as JSON: unexpected end of JSON input');
		expect(badJson('{"email":')).toBe(
			'Could not parse request body as JSON: unexpected end of JSON input'
		);
		expect(badJson('x')).toBe(
			"Could not parse request body as JSON: invalid character 'x' looking for beginning of value"
		);
		expect(badJson('{bad')).toBe(
			"Could not parse request body as JSON: invalid character 'b' looking for beginning of object key string"
		);
	});

	it('names the Go field and type when a value has the wrong JSON type', () => {
		expect(badJson('{"email":42}')).toBe(
			'Could not parse request body as JSON: json: cannot unmarshal number into Go struct field SignupParams.email of type string'
		);
		expect(badJson('{"data":[1]}')).toBe(
			'Could not parse request body as JSON: json: cannot unmarshal array into Go struct field SignupParams.data of type map[string]interface {}'
		);
		expect(badJson('[1,2]')).toBe(
			'Could not parse request body as JSON: json: cannot unmarshal array into Go value of type api.SignupParams'
		);
	});
});

describe('URL encoding like Go', () => {
	it('query-escapes with + for spaces and sorts encoded values by key', () => {
		expect(queryEscape("a b/c?d=e&f'(")).toBe('a+b%2Fc%3Fd%3De%26f%27%28');
		expect(encodeValues({ type: 'recovery', access_token: 'x', sb: '' })).toBe(
			'access_token=x&sb=&type=recovery'
		);
	});
});

describe('the client IP', () => {
	const request = (headers: Record<string, string>, remoteAddress = '::ffff:127.0.0.1') =>
		({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

	it('is the first valid X-Forwarded-For entry, else the peer address', () => {
		expect(clientIp(request({ 'x-forwarded-for': 'bogus, 203.0.113.7, 10.0.0.1' }))).toBe(
			'203.0.113.7'
		);
		expect(clientIp(request({}))).toBe('127.0.0.1');
		expect(clientIp(request({}, '::1'))).toBe('::1');
	});
});
