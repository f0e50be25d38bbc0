// The JSON GoTrue sends for users and identities (models.User, models.Identity): their keys in
// Go's field order, `omitempty` fields dropped when empty, metadata maps with sorted keys and
// times in Go's RFC 3339 form (UTC, trailing zeros of the fraction trimmed).
import { sortKeys } from './tokens.ts';

/** Postgres timestamptz text ("2026-09-01 10:00:00.1234+02") → "2026-09-01T08:00:00.1234Z". */
export function rfc3339(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	const match =
		/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)?$/.exec(
			value
		);
	if (!match) return value;
	const [, y, mo, d, h, mi, s, fraction, sign, oh, om, os] = match;
	const offset = sign
		? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om ?? 0) * 60 + Number(os ?? 0))
		: 0;
	const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
	const shifted = new Date(utc - offset * 1000).toISOString().slice(0, 19);
	const digits = (fraction ?? '').slice(1).replace(/0+$/, '');
	return `${shifted}${digits ? `.${digits}` : ''}Z`;
}

/** Seconds since the epoch of a Postgres timestamptz text. */
export function epochSeconds(value: string): number {
	return Math.floor(Date.parse(rfc3339(value) ?? value) / 1000);
}

export function epochMs(value: string | null | undefined): number | null {
	if (!value) return null;
	const parsed = Date.parse(rfc3339(value) ?? value);
	return Number.isNaN(parsed) ? null : parsed;
}

export type UserRow = {
	instance_id: string | null;
	id: string;
	aud: string | null;
	role: string | null;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: string | null;
	invited_at: string | null;
	confirmation_token: string | null;
	confirmation_sent_at: string | null;
	recovery_token: string | null;
	recovery_sent_at: string | null;
	email_change_token_new: string | null;
	email_change: string | null;
	email_change_sent_at: string | null;
	last_sign_in_at: string | null;
	raw_app_meta_data: Record<string, unknown> | null;
	raw_user_meta_data: Record<string, unknown> | null;
	created_at: string | null;
	updated_at: string | null;
	phone: string | null;
	phone_confirmed_at: string | null;
	phone_change: string | null;
	phone_change_token: string | null;
	phone_change_sent_at: string | null;
	confirmed_at: string | null;
	email_change_token_current: string | null;
	email_change_confirm_status: number | null;
	banned_until: string | null;
	reauthentication_token: string | null;
	reauthentication_sent_at: string | null;
	is_sso_user: boolean;
	deleted_at: string | null;
	is_anonymous: boolean;
};

export type IdentityRow = {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Record<string, unknown> | null;
	provider: string;
	last_sign_in_at: string | null;
	created_at: string | null;
	updated_at: string | null;
	email: string | null;
};

export function presentIdentity(identity: IdentityRow): Record<string, unknown> {
	const out: Record<string, unknown> = {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id
	};
	if (identity.identity_data && Object.keys(identity.identity_data).length)
		out.identity_data = sortKeys(identity.identity_data);
	out.provider = identity.provider;
	if (identity.last_sign_in_at) out.last_sign_in_at = rfc3339(identity.last_sign_in_at);
	out.created_at = rfc3339(identity.created_at) ?? '0001-01-01T00:00:00Z';
	out.updated_at = rfc3339(identity.updated_at) ?? '0001-01-01T00:00:00Z';
	if (identity.email) out.email = identity.email;
	return out;
}

/**
 * models.User as JSON. `identities` is null when GoTrue did not load them (the admin list),
 * which Go renders as `null`.
 */
export function presentUser(
	user: UserRow,
	identities: IdentityRow[] | null
): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: user.id,
		aud: user.aud ?? '',
		role: user.role ?? '',
		email: user.email ?? ''
	};
	const time = (key: string, value: string | null) => {
		if (value) out[key] = rfc3339(value);
	};
	time('email_confirmed_at', user.email_confirmed_at);
	time('invited_at', user.invited_at);
	out.phone = user.phone ?? '';
	time('phone_confirmed_at', user.phone_confirmed_at);
	time('confirmation_sent_at', user.confirmation_sent_at);
	time('confirmed_at', user.confirmed_at);
	time('recovery_sent_at', user.recovery_sent_at);
	if (user.email_change) out.new_email = user.email_change;
	time('email_change_sent_at', user.email_change_sent_at);
	if (user.phone_change) out.new_phone = user.phone_change;
	time('phone_change_sent_at', user.phone_change_sent_at);
	time('reauthentication_sent_at', user.reauthentication_sent_at);
	time('last_sign_in_at', user.last_sign_in_at);
	out.app_metadata = user.raw_app_meta_data ? sortKeys(user.raw_app_meta_data) : null;
	out.user_metadata = user.raw_user_meta_data ? sortKeys(user.raw_user_meta_data) : null;
	out.identities = identities === null ? null : identities.map(presentIdentity);
	out.created_at = rfc3339(user.created_at) ?? '0001-01-01T00:00:00Z';
	out.updated_at = rfc3339(user.updated_at) ?? '0001-01-01T00:00:00Z';
	time('banned_until', user.banned_until);
	time('deleted_at', user.deleted_at);
	out.is_anonymous = user.is_anonymous;
	return out;
}
