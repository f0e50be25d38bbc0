// What the admin routes share (api/admin.go): the AdminUserParams fields, loadUser for
// /admin/users/{user_id}, and Go's time.ParseDuration for `ban_duration`.
import { authErrors } from '../errors.ts';
import type { UserRow } from '../present.ts';
import type { AuthCall } from '../runtime.ts';
import { findUserById } from '../users.ts';

export const ADMIN_USER_PARAMS = {
	id: 'string',
	aud: 'string',
	role: 'string',
	email: 'string',
	phone: 'string',
	password: 'nullable-string',
	password_hash: 'string',
	email_confirm: 'bool',
	phone_confirm: 'bool',
	user_metadata: 'object',
	app_metadata: 'object',
	ban_duration: 'string'
} as const;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

export async function loadTargetUser(call: AuthCall): Promise<UserRow> {
	const id = call.params.user_id ?? '';
	if (!isUuid(id)) throw authErrors.validation('user_id must be an UUID', 404);
	const user = await findUserById(call.auth.pool, id, 'Database error loading user');
	if (!user) throw authErrors.userNotFound();
	return user;
}

const UNITS: Record<string, number> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	μs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000
};

/** time.ParseDuration in milliseconds; throws Go's message on bad input. */
export function parseGoDuration(value: string): number {
	const quoted = JSON.stringify(value);
	let rest = value;
	let sign = 1;
	if (rest.startsWith('-') || rest.startsWith('+')) {
		sign = rest[0] === '-' ? -1 : 1;
		rest = rest.slice(1);
	}
	if (rest === '0') return 0;
	if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
	let total = 0;
	while (rest !== '') {
		const number = /^\d*(\.\d*)?/.exec(rest)![0];
		if (number === '' || number === '.') throw new Error(`time: invalid duration ${quoted}`);
		rest = rest.slice(number.length);
		const unit = /^[^\d.]*/.exec(rest)![0];
		if (unit === '') throw new Error(`time: missing unit in duration ${quoted}`);
		if (!(unit in UNITS))
			throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
		total += Number(number) * UNITS[unit];
		rest = rest.slice(unit.length);
	}
	return sign * total;
}

/** `ban_duration`: "none" lifts a ban, a Go duration sets banned_until. */
export function banUntil(duration: string | undefined): { set: boolean; until: string | null } {
	if (!duration) return { set: false, until: null };
	if (duration === 'none') return { set: true, until: null };
	let ms: number;
	try {
		ms = parseGoDuration(duration);
	} catch (error) {
		throw authErrors.validation(`invalid format for ban duration: ${(error as Error).message}`);
	}
	return { set: true, until: ms === 0 ? null : new Date(Date.now() + ms).toISOString() };
}
