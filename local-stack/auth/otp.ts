// One-time tokens as GoTrue makes them (internal/crypto, models/one_time_token.go): a numeric
// OTP of `otp_length` digits, its hash hex(sha224(email + otp)) stored in the user's token
// column and in auth.one_time_tokens (one row per user and type), looked up by hash on verify.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Db } from './users.ts';

export const OneTimeTokenType = {
	confirmation: 'confirmation_token',
	reauthentication: 'reauthentication_token',
	recovery: 'recovery_token',
	emailChangeNew: 'email_change_token_new',
	emailChangeCurrent: 'email_change_token_current',
	phoneChange: 'phone_change_token'
} as const;
export type OneTimeTokenType = (typeof OneTimeTokenType)[keyof typeof OneTimeTokenType];

export function generateOtp(digits: number): string {
	let otp = '';
	for (let i = 0; i < digits; i++) otp += String(randomInt(10));
	return otp;
}

/** crypto.GenerateTokenHash */
export function tokenHash(emailOrPhone: string, otp: string): string {
	return createHash('sha224')
		.update(emailOrPhone + otp)
		.digest('hex');
}

export const PKCE_PREFIX = 'pkce_';

/** addFlowPrefixToToken: PKCE tokens carry `pkce_` so verify knows to answer with a code. */
export function withFlowPrefix(hash: string, pkce: boolean): string {
	return pkce ? `${PKCE_PREFIX}${hash}` : hash;
}

export async function createOneTimeToken(
	db: Db,
	userId: string,
	relatesTo: string,
	hash: string,
	type: OneTimeTokenType
): Promise<void> {
	await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [
		userId,
		type
	]);
	await db.query(
		`insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
		 values ($1, $2, $3, $4, $5)`,
		[randomUUID(), userId, type, hash, relatesTo.toLowerCase()]
	);
}

export async function clearOneTimeToken(db: Db, userId: string, type: OneTimeTokenType) {
	await db.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [
		userId,
		type
	]);
}

export async function clearAllOneTimeTokens(db: Db, userId: string) {
	await db.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}

export async function findOneTimeToken(
	db: Db,
	hash: string,
	types: OneTimeTokenType[]
): Promise<{ user_id: string; token_type: OneTimeTokenType; token_hash: string } | null> {
	const { rows } = await db.query(
		`select user_id, token_type::text as token_type, token_hash from auth.one_time_tokens
		 where token_type::text = any($2) and token_hash = $1 limit 1`,
		[hash, types]
	);
	return rows[0] ?? null;
}

/** isOtpValid: an unexpired token equal to the stored one, with or without the PKCE prefix. */
export function isOtpValid(
	actual: string,
	expected: string | null,
	sentAtMs: number | null,
	expirySeconds: number,
	now = Date.now()
): boolean {
	if (!expected || sentAtMs === null) return false;
	if (isOtpExpired(sentAtMs, expirySeconds, now)) return false;
	return actual === expected || `${PKCE_PREFIX}${actual}` === expected;
}

export function isOtpExpired(sentAtMs: number, expirySeconds: number, now = Date.now()): boolean {
	return now > sentAtMs + expirySeconds * 1000;
}
