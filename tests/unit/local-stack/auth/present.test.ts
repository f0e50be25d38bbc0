import { describe, expect, it } from 'vitest';
import { presentIdentity, presentUser, rfc3339 } from '../../../../local-stack/auth/present.ts';
import type { IdentityRow, UserRow } from '../../../../local-stack/auth/present.ts';

describe('times as Go marshals them', () => {
	it('turns Postgres timestamptz text into UTC RFC 3339 without trailing zeros', () => {
		expect(rfc3339('2026-09-01 10:00:00.123400+02')).toBe('2026-09-01T08:00:00.1234Z');
		expect(rfc3339('2026-09-01 10:00:00+00')).toBe('2026-09-01T10:00:00Z');
		expect(rfc3339('2026-09-01 00:30:00.5-05:30')).toBe('2026-09-01T06:00:00.5Z');
		expect(rfc3339(null)).toBeNull();
	});
});

const user: UserRow = {
	instance_id: '00000000-0000-0000-0000-000000000000',
	id: 'u1',
	aud: 'authenticated',
	role: 'authenticated',
	email: 'a@b.c',
	encrypted_password: '$2a$10$secret',
	email_confirmed_at: '2026-01-01 00:00:00+00',
	invited_at: null,
	confirmation_token: 'secret-token',
	confirmation_sent_at: null,
	recovery_token: '',
	recovery_sent_at: null,
	email_change_token_new: '',
	email_change: '',
	email_change_sent_at: null,
	last_sign_in_at: null,
	raw_app_meta_data: { providers: ['email'], provider: 'email' },
	raw_user_meta_data: { b: 1, a: 2 },
	created_at: '2026-01-01 00:00:00+00',
	updated_at: '2026-01-02 00:00:00+00',
	phone: null,
	phone_confirmed_at: null,
	phone_change: '',
	phone_change_token: '',
	phone_change_sent_at: null,
	confirmed_at: '2026-01-01 00:00:00+00',
	email_change_token_current: '',
	email_change_confirm_status: 0,
	banned_until: null,
	reauthentication_token: '',
	reauthentication_sent_at: null,
	is_sso_user: false,
	deleted_at: null,
	is_anonymous: false
};

describe('the user object', () => {
	it('has GoTrue keys in order, drops empty omitempty fields and never shows secrets', () => {
		const shown = presentUser(user, []);
		expect(Object.keys(shown)).toEqual([
			'id',
			'aud',
			'role',
			'email',
			'email_confirmed_at',
			'phone',
			'confirmed_at',
			'app_metadata',
			'user_metadata',
			'identities',
			'created_at',
			'updated_at',
			'is_anonymous'
		]);
		expect(shown.phone).toBe('');
		expect(JSON.stringify(shown)).not.toMatch(/secret/);
		expect(Object.keys(shown.user_metadata as object)).toEqual(['a', 'b']);
	});

	it('renders identities as null when GoTrue did not load them (admin list)', () => {
		expect(presentUser(user, null).identities).toBeNull();
	});

	it('shows an identity with identity_id and the provider id as id', () => {
		const identity: IdentityRow = {
			id: 'i1',
			provider_id: 'u1',
			user_id: 'u1',
			identity_data: { sub: 'u1', email: 'a@b.c' },
			provider: 'email',
			last_sign_in_at: null,
			created_at: '2026-01-01 00:00:00+00',
			updated_at: '2026-01-01 00:00:00+00',
			email: 'a@b.c'
		};
		expect(presentIdentity(identity)).toEqual({
			identity_id: 'i1',
			id: 'u1',
			user_id: 'u1',
			identity_data: { email: 'a@b.c', sub: 'u1' },
			provider: 'email',
			created_at: '2026-01-01T00:00:00Z',
			updated_at: '2026-01-01T00:00:00Z',
			email: 'a@b.c'
		});
	});
});
