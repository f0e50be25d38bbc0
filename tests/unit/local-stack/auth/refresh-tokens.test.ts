import { describe, expect, it } from 'vitest';
import {
	decideRefresh,
	isWellFormedRefreshToken,
	newRefreshToken
} from '../../../../local-stack/auth/refresh-tokens.ts';

describe('refresh token strings', () => {
	it('are 12 lowercase base32 characters, all different', () => {
		const tokens = new Set(Array.from({ length: 200 }, () => newRefreshToken()));
		expect(tokens.size).toBe(200);
		for (const token of tokens) {
			expect(token).toMatch(/^[a-z2-7]{12}$/);
			expect(isWellFormedRefreshToken(token)).toBe(true);
		}
	});

	it('refuses anything that is not a 12-character lowercase alphanumeric token', () => {
		for (const token of ['', 'abc', 'ABCDEFGHIJKL', 'abcdefghijk!', 'abcdefghijklm'])
			expect(isWellFormedRefreshToken(token)).toBe(false);
	});
});

describe('refresh token rotation rules', () => {
	const base = {
		token: 'aaaaaaaaaaaa',
		updatedAtMs: 1_000_000,
		reuseIntervalSeconds: 10,
		rotation: true
	};

	it('rotates a token that was never used', () => {
		expect(decideRefresh({ ...base, revoked: false, active: null, now: 2_000_000 })).toEqual({
			kind: 'rotate'
		});
	});

	it('hands back the current token when the revoked one is its parent (the client lost the answer)', () => {
		const decision = decideRefresh({
			...base,
			revoked: true,
			active: { token: 'bbbbbbbbbbbb', parent: 'aaaaaaaaaaaa' },
			now: base.updatedAtMs + 3_600_000
		});
		expect(decision).toEqual({ kind: 'reuse-active', token: 'bbbbbbbbbbbb' });
	});

	it('rotates again a revoked token re-used within refresh_token_reuse_interval', () => {
		const decision = decideRefresh({
			...base,
			revoked: true,
			active: { token: 'cccccccccccc', parent: 'bbbbbbbbbbbb' },
			now: base.updatedAtMs + 9_000
		});
		expect(decision).toEqual({ kind: 'rotate' });
	});

	it('rejects a re-use after the interval and revokes the family when rotation is on', () => {
		const later = {
			...base,
			revoked: true,
			active: { token: 'cccccccccccc', parent: 'bbbbbbbbbbbb' },
			now: base.updatedAtMs + 11_000
		};
		expect(decideRefresh(later)).toEqual({ kind: 'reject', revokeFamily: true });
		expect(decideRefresh({ ...later, rotation: false })).toEqual({
			kind: 'reject',
			revokeFamily: false
		});
	});
});
