// grant_type=refresh_token (api/token_refresh.go + tokens.Service.RefreshTokenGrant): a
// well-formed 12-character token is rotated under a row lock; see refresh-tokens.ts for reuse.
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import { isWellFormedRefreshToken } from '../refresh-tokens.ts';
import type { RouteHandler } from '../runtime.ts';
import { refreshSession } from '../sessions.ts';
import { transaction } from '../users.ts';
import { respond } from './shared.ts';

export const refreshTokenGrant: RouteHandler = async (call) => {
	const params = decodeParams(
		await call.body(),
		{ refresh_token: 'string' },
		'RefreshTokenGrantParams'
	);
	const token = params.refresh_token ?? '';
	if (!isWellFormedRefreshToken(token)) throw authErrors.validation('Refresh token is not valid');
	const session = await transaction(call.auth.pool, (db) => refreshSession(call, db, token));
	respond(call, 200, session.body, session.headers);
};
