// POST /logout?scope=global|local|others (api/logout.go): deletes the caller's sessions (their
// refresh tokens and AMR claims go with them); a token without a session logs out everywhere.
// Access tokens already issued stay valid elsewhere until they expire, as on Supabase.
import { authErrors } from '../errors.ts';
import type { RouteHandler } from '../runtime.ts';
import { transaction } from '../users.ts';

export const logout: RouteHandler = async (call) => {
	const scope = call.url.searchParams.get('scope') ?? '';
	if (!['', 'global', 'local', 'others'].includes(scope))
		throw authErrors.validation(`Unsupported logout scope "${scope}"`);
	const { user, session } = call.caller!;
	try {
		await transaction(call.auth.pool, async (db) => {
			if (session && scope === 'local')
				await db.query('delete from auth.sessions where id = $1', [session.id]);
			else if (session && scope === 'others')
				await db.query('delete from auth.sessions where id <> $1 and user_id = $2', [
					session.id,
					user!.id
				]);
			else await db.query('delete from auth.sessions where user_id = $1', [user!.id]);
		});
	} catch (error) {
		throw authErrors.unexpected('Error logging out user', error);
	}
	call.response.writeHead(204);
	call.response.end();
};
