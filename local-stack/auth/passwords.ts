// Password rules and hashes as GoTrue has them (internal/api/password.go, internal/crypto):
// at most 72 bytes (bcrypt's limit), `minimum_password_length`, one character of each required
// set, and bcrypt hashes of cost 10 (`$2a$10$…`). The hashing itself is pgcrypto's crypt()
// in Postgres: a pure computation run on the stack's own connection, because GoTrue's login
// role has no rights on the `extensions` schema (GoTrue hashes in Go, outside the database).
import { timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { AuthSettings } from './config.ts';
import { authErrors } from './errors.ts';
import type { AuthError } from './errors.ts';

export const MAX_PASSWORD_LENGTH = 72;

/** checkPasswordStrength: null when the password passes, else GoTrue's error. */
export function checkPasswordStrength(
	settings: Pick<AuthSettings, 'minPasswordLength' | 'requiredCharacters'>,
	password: string
): AuthError | null {
	if (Buffer.byteLength(password) > MAX_PASSWORD_LENGTH)
		return authErrors.validation(
			`Password cannot be longer than ${MAX_PASSWORD_LENGTH} characters`
		);
	const reasons: string[] = [];
	const messages: string[] = [];
	if (Buffer.byteLength(password) < settings.minPasswordLength) {
		reasons.push('length');
		messages.push(`Password should be at least ${settings.minPasswordLength} characters.`);
	}
	for (const set of settings.requiredCharacters) {
		if (set !== '' && ![...set].some((char) => password.includes(char))) {
			reasons.push('characters');
			messages.push(
				`Password should contain at least one character of each: ${settings.requiredCharacters.join(', ')}.`
			);
			break;
		}
	}
	return reasons.length ? authErrors.weakPassword(messages.join(' '), reasons) : null;
}

/** bcrypt, cost 10, as Go's bcrypt.GenerateFromPassword(password, DefaultCost). */
export async function hashPassword(pool: pg.Pool, password: string): Promise<string> {
	const { rows } = await pool.query<{ hash: string }>(
		`select extensions.crypt($1, extensions.gen_salt('bf', 10)) as hash`,
		[password]
	);
	return rows[0].hash;
}

const BCRYPT_HASH = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

export function isBcryptHash(hash: string): boolean {
	return BCRYPT_HASH.test(hash);
}

/** CompareHashAndPassword: any bcrypt cost verifies; other formats never match here. */
export async function verifyPassword(
	pool: pg.Pool,
	password: string,
	hash: string | null
): Promise<boolean> {
	if (!hash || !isBcryptHash(hash)) return false;
	const { rows } = await pool.query<{ computed: string }>(
		'select extensions.crypt($1, $2) as computed',
		[password, hash]
	);
	const computed = Buffer.from(rows[0].computed);
	const expected = Buffer.from(hash);
	return computed.length === expected.length && timingSafeEqual(computed, expected);
}
