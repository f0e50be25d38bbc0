// Creating auth.users rows the way GoTrue's models.NewUser + signupNewUser do: instance id nil,
// email lower-cased, '' in every token column (never NULL), app_metadata with the provider, the
// default role set in a second statement, then the row read back so columns set by triggers or
// generated columns are seen. A failing trigger is GoTrue's "Database error saving new user".
import { randomBytes, randomUUID } from 'node:crypto';
import { authErrors } from './errors.ts';
import type { UserRow } from './present.ts';
import { NIL_UUID, updateUser } from './users.ts';
import type { Db } from './users.ts';

export type NewUser = {
	id?: string;
	email: string | null;
	phone?: string | null;
	encryptedPassword: string;
	aud: string;
	userMetadata: Record<string, unknown> | null;
	appMetadata: Record<string, unknown>;
	role: string;
	isAnonymous?: boolean;
};

export async function insertUser(
	db: Db,
	user: NewUser,
	failure = 'Database error saving new user'
): Promise<UserRow> {
	const id = user.id ?? randomUUID();
	try {
		await db.query('savepoint insert_user');
		await db.query(
			`insert into auth.users (
			   instance_id, id, aud, role, email, encrypted_password, confirmation_token, recovery_token,
			   email_change_token_new, email_change, raw_app_meta_data, raw_user_meta_data,
			   created_at, updated_at, phone, phone_change, phone_change_token,
			   email_change_token_current, email_change_confirm_status, reauthentication_token,
			   is_sso_user, is_anonymous)
			 values ($1, $2, $3, '', $4, $5, '', '', '', '', $6, $7, now(), now(), $8, '', '', '', 0, '',
			   false, $9)`,
			[
				NIL_UUID,
				id,
				user.aud,
				user.email ? user.email.toLowerCase() : null,
				user.encryptedPassword,
				JSON.stringify(user.appMetadata),
				JSON.stringify(user.userMetadata ?? {}),
				user.phone || null,
				user.isAnonymous ?? false
			]
		);
		await db.query('release savepoint insert_user');
	} catch (error) {
		await db.query('rollback to savepoint insert_user').catch(() => undefined);
		throw authErrors.unexpected(failure, error);
	}
	return updateUser(db, id, { role: user.role.trim() });
}

/** sethvargo/go-password's Generate(64, 10, 0, false, true): GoTrue's throw-away passwords. */
export function randomPassword(length = 64): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	const bytes = randomBytes(length);
	let out = '';
	for (const byte of bytes) out += alphabet[byte % alphabet.length];
	return out;
}
