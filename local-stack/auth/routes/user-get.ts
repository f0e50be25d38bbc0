// GET /user (api/user.go UserGet): the caller's user, refused when the token's audience is not
// the request's.
import { authErrors } from '../errors.ts';
import type { RouteHandler } from '../runtime.ts';
import { firstAudience } from '../tokens.ts';
import { requestAud, respond, userWithIdentities } from './shared.ts';

export const userGet: RouteHandler = async (call) => {
	const caller = call.caller!;
	const aud = firstAudience(caller.claims);
	if (!aud || aud !== requestAud(call))
		throw authErrors.validation("Token audience doesn't match request audience");
	respond(call, 200, await userWithIdentities(call.auth.pool, caller.user!));
};
