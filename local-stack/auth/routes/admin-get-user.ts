// GET /admin/users/{user_id} (api/admin.go adminUserGet).
import type { RouteHandler } from '../runtime.ts';
import { loadTargetUser } from './admin-shared.ts';
import { respond, userWithIdentities } from './shared.ts';

export const adminGetUser: RouteHandler = async (call) => {
	const user = await loadTargetUser(call);
	respond(call, 200, await userWithIdentities(call.auth.pool, user));
};
