// GoTrue's authentication middlewares (api/auth.go, middleware.go): requireAuthentication
// verifies the bearer, loads the user of `sub` and the session of `session_id` (a signed-out
// session is session_not_found even though the JWT is still valid), refuses banned users;
// requireAdminCredentials wants a role among JWT_ADMIN_ROLES (service_role).
import { authErrors } from './errors.ts';
import { epochMs } from './present.ts';
import type { AuthCall, Caller } from './runtime.ts';
import { findSession } from './sessions.ts';
import { extractBearer, verifyBearer } from './tokens.ts';
import type { BearerClaims } from './tokens.ts';
import { findUserById, isBanned, NIL_UUID } from './users.ts';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function bearerClaims(call: AuthCall): BearerClaims {
	const token = extractBearer(call.request.headers.authorization);
	if (!token) throw authErrors.noAuthorization();
	return verifyBearer(token, call.auth.keys);
}

/** maybeLoadUserOrSession */
async function loadCaller(call: AuthCall, claims: BearerClaims): Promise<Caller> {
	if (!claims.sub) throw authErrors.badJwt('invalid claim: missing sub claim');
	if (!UUID.test(claims.sub))
		throw authErrors.badJwt('invalid claim: sub claim must be a UUID', 400);
	const pool = call.auth.pool;
	const user = await findUserById(pool, claims.sub);
	if (!user) throw authErrors.userNotFound('User from sub claim in JWT does not exist', 403);
	let session = null;
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
	if (sessionId !== '' && sessionId !== NIL_UUID) {
		if (!UUID.test(sessionId))
			throw authErrors.badJwt('invalid claim: session_id claim must be a UUID');
		session = await findSession(pool, sessionId);
		if (!session) throw authErrors.sessionNotFound();
	}
	return { claims, user, session };
}

export async function requireAuthentication(call: AuthCall): Promise<Caller> {
	const claims = bearerClaims(call);
	const caller = await loadCaller(call, claims);
	if (caller.user && isBanned(caller.user)) throw authErrors.userBanned('User is banned', 403);
	return caller;
}

export async function requireAdmin(call: AuthCall): Promise<Caller> {
	const claims = bearerClaims(call);
	let caller: Caller = { claims, user: null, session: null };
	const sessionId = typeof claims.session_id === 'string' ? claims.session_id : '';
	// A token of a real user session must still have that session (logout revokes admin use too).
	if (sessionId !== '' && sessionId !== NIL_UUID) {
		caller = await loadCaller(call, claims);
		const notAfter = epochMs(caller.session?.not_after);
		if (notAfter !== null && notAfter < Date.now())
			throw authErrors.sessionExpired('Session is no longer valid', 403);
	}
	if (!call.auth.settings.adminRoles.includes(String(claims.role ?? '')))
		throw authErrors.notAdmin();
	return caller;
}
