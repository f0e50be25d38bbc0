// Sessions as GoTrue's token service writes them (tokens/service.go IssueRefreshToken,
// RefreshTokenGrant; models/sessions.go, amr.go): an auth.sessions row, its first refresh
// token, users.last_sign_in_at (so sign-in triggers fire), an mfa_amr_claims row for the method,
// and the access token built from the session's AMR claims; and the refresh grant's rotation.
import { randomUUID } from 'node:crypto';
import { authErrors } from './errors.ts';
import { epochMs, epochSeconds, presentUser } from './present.ts';
import type { UserRow } from './present.ts';
import { decideRefresh, newRefreshToken } from './refresh-tokens.ts';
import type { AuthCall, AuthRuntime, SessionRow } from './runtime.ts';
import { accessTokenClaims, signAccessToken } from './tokens.ts';
import type { AmrEntry } from './tokens.ts';
import {
	CommitThenFail,
	findUserById,
	isBanned,
	loadIdentities,
	NIL_UUID,
	updateUser
} from './users.ts';
import type { Db } from './users.ts';

export type SessionResponse = {
	body: Record<string, unknown>;
	headers: Record<string, string>;
};

type RefreshTokenRow = {
	id: string;
	token: string;
	user_id: string;
	revoked: boolean;
	parent: string | null;
	session_id: string | null;
	updated_at: string;
};

export async function loadAmr(db: Db, sessionId: string): Promise<AmrEntry[]> {
	const { rows } = await db.query<{ authentication_method: string; updated_at: string }>(
		'select authentication_method, updated_at from auth.mfa_amr_claims where session_id = $1',
		[sessionId]
	);
	return rows
		.map((row) => ({ method: row.authentication_method, timestamp: epochSeconds(row.updated_at) }))
		.sort((a, b) => b.timestamp - a.timestamp);
}

export async function findSession(
	db: Db,
	id: string,
	forUpdate = false
): Promise<SessionRow | null> {
	const { rows } = await db.query<SessionRow>(
		`select * from auth.sessions where id = $1${forUpdate ? ' for update' : ''}`,
		[id]
	);
	return rows[0] ?? null;
}

/** GenerateAccessToken for a user and session. */
export async function accessToken(
	auth: AuthRuntime,
	db: Db,
	user: UserRow,
	sessionId: string
): Promise<{ token: string; expiresAt: number; expiresIn: number }> {
	const amr = await loadAmr(db, sessionId);
	const session = await findSession(db, sessionId);
	const issuedAt = Math.floor(Date.now() / 1000);
	const claims = accessTokenClaims({
		issuer: auth.settings.issuer,
		userId: user.id,
		aud: user.aud ?? '',
		email: user.email ?? '',
		phone: user.phone ?? '',
		appMetadata: user.raw_app_meta_data ?? {},
		userMetadata: user.raw_user_meta_data ?? {},
		role: user.role ?? '',
		aal: session?.aal ?? 'aal1',
		amr,
		sessionId,
		isAnonymous: user.is_anonymous,
		issuedAt,
		expiresIn: auth.settings.jwtExpiry
	});
	const expiresAt = issuedAt + auth.settings.jwtExpiry;
	return {
		token: signAccessToken(claims, auth.keys),
		expiresAt,
		expiresIn: expiresAt - Math.floor(Date.now() / 1000)
	};
}

async function tokenResponse(
	auth: AuthRuntime,
	db: Db,
	userId: string,
	sessionId: string,
	refreshToken: string
): Promise<Record<string, unknown>> {
	const user = (await findUserById(db, userId))!;
	const identities = await loadIdentities(db, user.id);
	const access = await accessToken(auth, db, user, sessionId);
	return {
		access_token: access.token,
		token_type: 'bearer',
		expires_in: access.expiresIn,
		expires_at: access.expiresAt,
		refresh_token: refreshToken,
		user: presentUser(user, identities)
	};
}

async function insertRefreshToken(
	db: Db,
	userId: string,
	sessionId: string,
	parent: string | null
): Promise<string> {
	const token = newRefreshToken();
	await db.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		 values ($1, $2, $3, false, now(), now(), $4, $5)`,
		[NIL_UUID, token, userId, parent, sessionId]
	);
	return token;
}

/** AddClaimToSession */
export async function addAmrClaim(db: Db, sessionId: string, method: string): Promise<void> {
	await db.query(
		`insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
		 values ($1, $2, now(), now(), $3)
		 on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey
		 do update set updated_at = now()`,
		[randomUUID(), sessionId, method]
	);
}

/**
 * IssueRefreshToken: a new session signed in with `method` (password, otp, recovery…), inside
 * the caller's transaction. Returns the AccessTokenResponse and GoTrue's sb-auth-* headers.
 */
export async function issueSession(
	call: Pick<AuthCall, 'auth' | 'ip' | 'userAgent'>,
	db: Db,
	user: UserRow,
	method: string
): Promise<SessionResponse> {
	const sessionId = randomUUID();
	await db.query(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		 values ($1, $2, now(), now(), 'aal1', $3, $4)`,
		[sessionId, user.id, call.userAgent || null, call.ip || null]
	);
	const refreshToken = await insertRefreshToken(db, user.id, sessionId, null);
	await updateUser(db, user.id, { last_sign_in_at: new Date().toISOString() });
	await addAmrClaim(db, sessionId, method);
	return {
		body: await tokenResponse(call.auth, db, user.id, sessionId, refreshToken),
		headers: {
			'sb-auth-user-id': user.id,
			'sb-auth-session-id': sessionId,
			'sb-auth-refresh-token-prefix': refreshToken.slice(0, 5)
		}
	};
}

/** RefreshTokenGrant for a version-1 token, inside the caller's transaction. */
export async function refreshSession(
	call: Pick<AuthCall, 'auth' | 'ip' | 'userAgent'>,
	db: Db,
	presented: string
): Promise<SessionResponse> {
	const { auth } = call;
	const { rows } = await db.query<RefreshTokenRow>(
		'select * from auth.refresh_tokens where token = $1 limit 1 for update',
		[presented]
	);
	const token = rows[0];
	if (!token) throw authErrors.refreshTokenNotFound();
	const user = await findUserById(db, token.user_id);
	if (!user) throw authErrors.refreshTokenNotFound();
	const headers: Record<string, string> = { 'sb-auth-user-id': user.id };
	if (isBanned(user)) throw authErrors.userBanned('Invalid Refresh Token: User Banned');
	const session =
		token.session_id && token.session_id !== NIL_UUID
			? await findSession(db, token.session_id, true)
			: null;
	if (!session) {
		// A token older than the sessions table has no session: GoTrue deletes it.
		if (!token.session_id)
			await db.query('delete from auth.refresh_tokens where id = $1', [token.id]);
		throw authErrors.refreshSessionNotFound();
	}
	headers['sb-auth-session-id'] = session.id;
	const notAfter = epochMs(session.not_after);
	if (notAfter !== null && Date.now() > notAfter)
		throw authErrors.sessionExpired('Invalid Refresh Token: Session Expired');

	const active = token.revoked
		? (
				await db.query<RefreshTokenRow>(
					'select * from auth.refresh_tokens where session_id = $1 and revoked is false order by id desc limit 1',
					[session.id]
				)
			).rows[0]
		: undefined;
	const decision = decideRefresh({
		revoked: token.revoked,
		token: token.token,
		updatedAtMs: epochMs(token.updated_at) ?? 0,
		active: active ? { token: active.token, parent: active.parent } : null,
		reuseIntervalSeconds: auth.settings.reuseIntervalSeconds,
		rotation: auth.settings.rotation
	});
	let issued: string;
	if (decision.kind === 'reject') {
		if (decision.revokeFamily)
			await db.query(
				'update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false',
				[session.id]
			);
		throw new CommitThenFail(authErrors.refreshTokenAlreadyUsed());
	} else if (decision.kind === 'reuse-active') {
		issued = decision.token;
	} else {
		await db.query(
			'update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1',
			[token.id]
		);
		issued = await insertRefreshToken(db, user.id, session.id, token.token);
		// createRefreshToken rewrites last_sign_in_at (unchanged) like every grant does.
		await updateUser(db, user.id, { last_sign_in_at: user.last_sign_in_at });
		headers['sb-auth-refresh-token-reuse'] = 'false';
	}
	headers['sb-auth-refresh-token-prefix'] = issued.slice(0, 5);
	await db.query(
		`update auth.sessions set refreshed_at = now() at time zone 'utc', user_agent = $2, ip = $3, updated_at = now()
		 where id = $1`,
		[session.id, call.userAgent || null, call.ip || null]
	);
	return { body: await tokenResponse(auth, db, user.id, session.id, issued), headers };
}
