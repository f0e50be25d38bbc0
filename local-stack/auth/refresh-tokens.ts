// GoTrue's refresh-token rules (tokens/service.go RefreshTokenGrant, models/refresh_token.go),
// algorithm version 1 (the default): 12-character lowercase base32 strings, one row per token,
// each use revoking it for a child. A revoked token is still honoured when it is the parent of
// the session's active token (the client lost the answer) or within the reuse interval; later
// re-use revokes the whole session family and fails with refresh_token_already_used.
import { randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** crypto.SecureAlphanumeric(12): base32 of random bytes, lower-cased, cut to length. */
export function newRefreshToken(length = 12): string {
	const bytes = randomBytes(Math.ceil((length * 5) / 8));
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out.slice(0, length);
}

/** RefreshTokenGrantParams.Validate for version-1 tokens. */
export function isWellFormedRefreshToken(token: string): boolean {
	return /^[a-z0-9]{12}$/.test(token);
}

export type RefreshDecision =
	/** Revoke the presented token and issue a child of it. */
	| { kind: 'rotate' }
	/** Answer with the session's current token again; nothing is written. */
	| { kind: 'reuse-active'; token: string }
	/** Re-use outside the interval: revoke the session's tokens (when rotation is on) and fail. */
	| { kind: 'reject'; revokeFamily: boolean };

export function decideRefresh(options: {
	revoked: boolean;
	token: string;
	/** When the presented token row was last updated (its revocation time, when revoked). */
	updatedAtMs: number;
	active: { token: string; parent: string | null } | null;
	reuseIntervalSeconds: number;
	rotation: boolean;
	now?: number;
}): RefreshDecision {
	if (!options.revoked) return { kind: 'rotate' };
	if (options.active && options.active.parent === options.token)
		return { kind: 'reuse-active', token: options.active.token };
	const reuseUntil = options.updatedAtMs + options.reuseIntervalSeconds * 1000;
	if ((options.now ?? Date.now()) > reuseUntil)
		return { kind: 'reject', revokeFamily: options.rotation };
	return { kind: 'rotate' };
}
