// Pieces every Auth route uses the way GoTrue's handlers do: per-IP rate limiting
// (limitHandler), the request audience (X-JWT-AUD, else the token's, else `authenticated`),
// JSON answers, and the user as the API shows it (with identities).
import { authErrors } from '../errors.ts';
import { sendJson } from '../http.ts';
import { presentUser } from '../present.ts';
import type { UserRow } from '../present.ts';
import type { TokenBucketLimiter } from '../rate-limit.ts';
import type { AuthCall } from '../runtime.ts';
import { firstAudience } from '../tokens.ts';
import { loadIdentities } from '../users.ts';
import type { Db } from '../users.ts';

export function rateLimit(call: AuthCall, limiter: TokenBucketLimiter): void {
	if (!limiter.allow(call.ip)) throw authErrors.overRequestRateLimit();
}

/** requestAud */
export function requestAud(call: AuthCall): string {
	const header = call.request.headers['x-jwt-aud'];
	const value = Array.isArray(header) ? header[0] : header;
	if (value) return value;
	const claims = call.caller?.claims;
	if (claims && !call.auth.settings.adminRoles.includes(String(claims.role ?? ''))) {
		const aud = firstAudience(claims);
		if (aud) return aud;
	}
	return call.auth.settings.aud;
}

export function respond(
	call: AuthCall,
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): void {
	sendJson(call.response, status, body, headers);
}

export async function userWithIdentities(db: Db, user: UserRow): Promise<Record<string, unknown>> {
	return presentUser(user, await loadIdentities(db, user.id));
}
