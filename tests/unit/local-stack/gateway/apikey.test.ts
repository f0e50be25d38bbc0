import { describe, expect, it } from 'vitest';
import { checkApiKey } from '../../../../local-stack/gateway/apikey.ts';
import { DEFAULT_JWT_SECRET, deriveApiKeys } from '../../../../local-stack/keys/api-keys.ts';

const keys = deriveApiKeys(DEFAULT_JWT_SECRET);
const url = (query = '') => new URL(`http://127.0.0.1/rest/v1/t${query}`);

describe('the gateway key check', () => {
	it('refuses a request without an apikey like Supabase', () => {
		expect(checkApiKey({}, url(), keys, false)).toEqual({
			ok: false,
			status: 401,
			body: {
				message: 'No API key found in request',
				hint: 'No `apikey` request header or url param was found.'
			}
		});
	});

	it('refuses an unknown apikey', () => {
		const result = checkApiKey({ apikey: 'nope' }, url(), keys, false);
		expect(result).toMatchObject({ ok: false, body: { message: 'Invalid API key' } });
	});

	it('maps the secret and publishable keys to the service_role and anon JWTs', () => {
		const secret = checkApiKey(
			{ apikey: keys.secret, authorization: `Bearer ${keys.secret}` },
			url(),
			keys,
			false
		);
		expect(secret).toMatchObject({
			ok: true,
			kind: 'secret',
			headers: { authorization: `Bearer ${keys.serviceRole}` }
		});
		const publishable = checkApiKey({}, url(`?apikey=${keys.publishable}`), keys, false);
		expect(publishable).toMatchObject({
			ok: true,
			kind: 'publishable',
			headers: { authorization: `Bearer ${keys.anon}` }
		});
	});

	it("leaves a user's own bearer token untouched", () => {
		const result = checkApiKey(
			{ apikey: keys.publishable, authorization: 'Bearer user.jwt.token' },
			url(),
			keys,
			false
		);
		expect(result).toMatchObject({ ok: true, headers: { authorization: 'Bearer user.jwt.token' } });
	});

	it('lets open routes through without a key', () => {
		expect(checkApiKey({}, url(), keys, true)).toMatchObject({ ok: true, kind: null });
	});
});
