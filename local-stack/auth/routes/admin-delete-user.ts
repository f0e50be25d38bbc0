// DELETE /admin/users/{user_id} (api/admin.go adminUserDelete): removes the row (sessions,
// identities and, through foreign keys, the project's own rows go with it), or with
// `should_soft_delete` keeps it with obfuscated email, cleared metadata and no sessions.
import { createHash } from 'node:crypto';
import { authErrors } from '../errors.ts';
import { decodeParams } from '../http.ts';
import type { RouteHandler } from '../runtime.ts';
import { loadIdentities, transaction, updateIdentityData, updateUser } from '../users.ts';
import { loadTargetUser } from './admin-shared.ts';
import { respond } from './shared.ts';

const obfuscate = (id: string, value: string) =>
	createHash('sha256')
		.update(id + value)
		.digest('base64url');

export const adminDeleteUser: RouteHandler = async (call) => {
	const user = await loadTargetUser(call);
	const body = await call.body();
	const params =
		body.length > 0
			? decodeParams(body, { should_soft_delete: 'bool' }, 'adminUserDeleteParams')
			: {};
	await transaction(call.auth.pool, async (db) => {
		if (!params.should_soft_delete) {
			try {
				await db.query('delete from auth.users where id = $1', [user.id]);
			} catch (error) {
				throw authErrors.unexpected('Database error deleting user', error);
			}
			return;
		}
		if (user.deleted_at) return;
		try {
			await updateUser(db, user.id, {
				email: obfuscate(user.id, user.email ?? ''),
				phone: obfuscate(user.id, user.phone ?? '').slice(0, 15),
				encrypted_password: null,
				email_change: obfuscate(user.id, user.email_change ?? ''),
				phone_change: obfuscate(user.id, user.phone_change ?? '').slice(0, 15),
				confirmation_token: '',
				recovery_token: '',
				email_change_token_current: '',
				email_change_token_new: '',
				phone_change_token: '',
				deleted_at: new Date().toISOString(),
				raw_user_meta_data: '{}',
				raw_app_meta_data: '{}'
			});
			await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
			await db.query('delete from auth.sessions where user_id = $1', [user.id]);
		} catch (error) {
			throw authErrors.unexpected('Error soft deleting user', error);
		}
		for (const identity of await loadIdentities(db, user.id)) {
			const cleared = Object.fromEntries(
				Object.keys(identity.identity_data ?? {}).map((k) => [k, null])
			);
			await updateIdentityData(db, identity, cleared);
			await db.query('update auth.identities set provider_id = $2 where id = $1', [
				identity.id,
				obfuscate(identity.user_id, `${identity.provider}:${identity.provider_id}`)
			]);
		}
	});
	respond(call, 200, {});
};
