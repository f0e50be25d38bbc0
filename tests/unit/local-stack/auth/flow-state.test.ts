import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	isFlowStateExpired,
	validatePkceParams,
	verifyPkce
} from '../../../../local-stack/auth/flow-state.ts';

const verifier = 'a'.repeat(56);
const challenge = createHash('sha256').update(verifier).digest('base64url');

describe('PKCE parameters', () => {
	it('accepts both or neither of code_challenge and code_challenge_method', () => {
		expect(() => validatePkceParams('', '')).not.toThrow();
		expect(() => validatePkceParams('s256', challenge)).not.toThrow();
		expect(() => validatePkceParams('s256', '')).toThrow(
			'PKCE flow requires code_challenge_method and code_challenge'
		);
	});

	it('refuses a challenge outside RFC 7636 shape', () => {
		expect(() => validatePkceParams('plain', 'short')).toThrow(
			'code challenge has to be between 43 and 128 characters'
		);
		expect(() => validatePkceParams('plain', `${'a'.repeat(43)}!`)).toThrow(
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
		expect(() => validatePkceParams('md5', challenge)).toThrow(/unsupported code_challenge method/);
	});

	it('verifies s256 and plain verifiers with GoTrue messages', () => {
		expect(verifyPkce(challenge, 's256', verifier)).toBeNull();
		expect(verifyPkce(challenge, 's256', 'b'.repeat(56))).toBe(
			'code challenge does not match previously saved code verifier'
		);
		expect(verifyPkce(verifier, 'plain', verifier)).toBeNull();
		expect(verifyPkce(verifier, 'other', verifier)).toBe('code challenge method not supported');
	});

	it('expires five minutes after creation, or after the code was issued for magic links', () => {
		const flow = { created_at: '', auth_code_issued_at: '', authentication_method: 'recovery' };
		expect(isFlowStateExpired(flow, 300, 0, 200_000, 299_000)).toBe(false);
		expect(isFlowStateExpired(flow, 300, 0, 200_000, 301_000)).toBe(true);
		const magic = { ...flow, authentication_method: 'magiclink' };
		expect(isFlowStateExpired(magic, 300, 0, 200_000, 301_000)).toBe(false);
	});
});
