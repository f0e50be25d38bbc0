import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEs256Key, signEs256, signHs256 } from '../../../../local-stack/keys/jwt.ts';
import { checkToken } from '../../../../local-stack/realtime/tokens.ts';

const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
const keys = { secret, es256: generateEs256Key('kid-1') };
const now = Date.UTC(2026, 0, 1);
const seconds = now / 1000;

describe('Realtime token checks', () => {
	it('accepts an HS256 token with role and exp', () => {
		const token = signHs256({ role: 'anon', exp: seconds + 60 }, secret);
		expect(checkToken(token, keys, now)).toEqual({
			ok: true,
			claims: { role: 'anon', exp: seconds + 60 }
		});
	});

	it('accepts the stack ES256 user tokens, by kid', () => {
		const token = signEs256({ role: 'authenticated', sub: 'u', exp: seconds + 60 }, keys.es256);
		expect(checkToken(token, keys, now)).toMatchObject({ ok: true, claims: { sub: 'u' } });
	});

	it('accepts HS512 signed with the project secret, as upstream', () => {
		const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
		const head = `${encode({ alg: 'HS512', typ: 'JWT' })}.${encode({ role: 'anon', exp: seconds + 9 })}`;
		const token = `${head}.${createHmac('sha512', secret).update(head).digest('base64url')}`;
		expect(checkToken(token, keys, now).ok).toBe(true);
	});

	it('says how long ago an expired token expired', () => {
		const token = signHs256({ role: 'anon', exp: seconds - 30 }, secret);
		expect(checkToken(token, keys, now)).toEqual({
			ok: false,
			failure: { kind: 'expired', seconds: 30 }
		});
	});

	it('requires role and exp', () => {
		expect(checkToken(signHs256({ role: 'anon' }, secret), keys, now)).toEqual({
			ok: false,
			failure: { kind: 'missing_claims' }
		});
		expect(checkToken(signHs256({ exp: seconds + 5 }, secret), keys, now)).toEqual({
			ok: false,
			failure: { kind: 'missing_claims' }
		});
	});

	it('refuses malformed tokens, bad signatures and unknown keys', () => {
		expect(checkToken('abc', keys, now)).toEqual({ ok: false, failure: { kind: 'malformed' } });
		expect(
			checkToken(signHs256({ role: 'anon', exp: seconds + 5 }, 'x'.repeat(40)), keys, now)
		).toEqual({
			ok: false,
			failure: { kind: 'signature' }
		});
		const foreign = signEs256({ role: 'anon', exp: seconds + 5 }, generateEs256Key('kid-2'));
		expect(checkToken(foreign, keys, now)).toEqual({
			ok: false,
			failure: { kind: 'signer', kid: 'kid-2' }
		});
	});

	it('strips whitespace around the token, as upstream clean_token does', () => {
		const token = signHs256({ role: 'anon', exp: seconds + 60 }, secret);
		expect(checkToken(` ${token}\n`, keys, now).ok).toBe(true);
	});
});
