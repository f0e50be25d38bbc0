// The viewer's own profile: public fields, avatar (bucket `avatars`, folder = profile id), and
// the account's e-mail and password through Auth. Every write runs under the viewer's RLS; the
// role is never sent (the database refuses to change it anyway).
import { error, fail, redirect } from '@sveltejs/kit';
import { authErrorMessage, dbErrorMessage } from '#lib/errors.ts';
import { formFailure, formValues, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { avatarRefusals, removeImages, storeImage } from '#lib/images.ts';
import { signInPath } from '#lib/navigation.ts';
import {
	avatarSchema,
	emailChangeSchema,
	passwordChangeSchema,
	profileSchema
} from '#lib/schemas/profiles.ts';
import { avatarUrl } from '#lib/storage.ts';
import type { Actions, PageServerLoad } from './$types';

const p = messages.auth.profile;

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { viewer } = await parent();
	const { data: profile, error: failure } = await locals.supabase
		.from('profiles')
		.select('id, first_name, last_name, role, headline, bio, avatar_path')
		.eq('id', viewer.id)
		.single();
	if (failure) error(503, messages.common.errors.generic);
	return {
		profile: {
			firstName: profile.first_name,
			lastName: profile.last_name,
			role: profile.role,
			headline: profile.headline ?? '',
			bio: profile.bio ?? '',
			avatarUrl: avatarUrl(profile.avatar_path),
			hasAvatar: !!profile.avatar_path
		},
		emailStep: emailStep(url.searchParams.get('email'))
	};
};

type Scope = 'profile' | 'avatar' | 'email' | 'password';

/** Where an e-mail change stands after its links (see /auth/confirm). */
function emailStep(value: string | null): 'changed' | 'other' | null {
	return value === 'changed' || value === 'other' ? value : null;
}

function viewerId(locals: App.Locals, url: URL): string {
	if (!locals.claims) redirect(303, signInPath(url));
	return locals.claims.sub;
}

export const actions: Actions = {
	update: async ({ request, locals, url }) => {
		const id = viewerId(locals, url);
		const form = await request.formData();
		const parsed = parseForm(profileSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, scope: 'profile' as Scope });
		const { data, error: failure } = await locals.supabase
			.from('profiles')
			.update(parsed.data)
			.eq('id', id)
			.select('id');
		if (failure || data.length === 0) {
			const message = failure ? dbErrorMessage(failure) : messages.common.errors.forbidden;
			return fail(failure ? 400 : 403, {
				...formFailure(message, formValues(form)),
				scope: 'profile' as Scope
			});
		}
		return { scope: 'profile' as Scope, saved: true };
	},

	avatar: async ({ request, locals, url }) => {
		const id = viewerId(locals, url);
		const parsed = parseForm(avatarSchema, await request.formData());
		if (!parsed.ok) return fail(400, { ...parsed, scope: 'avatar' as Scope });
		const current = await locals.supabase
			.from('profiles')
			.select('avatar_path')
			.eq('id', id)
			.single();
		if (current.error) {
			return fail(503, { ...formFailure(dbErrorMessage(current.error)), scope: 'avatar' as Scope });
		}
		const stored = await storeImage(
			locals.supabase,
			'avatars',
			id,
			parsed.data.avatar,
			avatarRefusals
		);
		if (!stored.ok) {
			return fail(stored.status, {
				...formFailure(stored.message, {}, { avatar: stored.message }),
				scope: 'avatar' as Scope
			});
		}
		const { error: failure } = await locals.supabase
			.from('profiles')
			.update({ avatar_path: stored.path })
			.eq('id', id);
		if (failure) {
			// The new object would be referenced by nothing.
			await removeImages(locals.supabase, 'avatars', [stored.path]);
			return fail(400, { ...formFailure(dbErrorMessage(failure)), scope: 'avatar' as Scope });
		}
		await removeImages(locals.supabase, 'avatars', [current.data.avatar_path]);
		return { scope: 'avatar' as Scope, saved: true };
	},

	removeAvatar: async ({ locals, url }) => {
		const id = viewerId(locals, url);
		const current = await locals.supabase
			.from('profiles')
			.select('avatar_path')
			.eq('id', id)
			.single();
		if (current.error) {
			return fail(503, { ...formFailure(dbErrorMessage(current.error)), scope: 'avatar' as Scope });
		}
		// Row first: a failed object removal then leaves an unreferenced file, never a broken picture.
		const { error: failure } = await locals.supabase
			.from('profiles')
			.update({ avatar_path: null })
			.eq('id', id);
		if (failure) {
			return fail(400, { ...formFailure(dbErrorMessage(failure)), scope: 'avatar' as Scope });
		}
		await removeImages(locals.supabase, 'avatars', [current.data.avatar_path]);
		return { scope: 'avatar' as Scope, removed: true };
	},

	email: async ({ request, locals, url }) => {
		viewerId(locals, url);
		const form = await request.formData();
		const parsed = parseForm(emailChangeSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, scope: 'email' as Scope });
		const currentEmail = typeof locals.claims?.email === 'string' ? locals.claims.email : '';
		if (parsed.data.email === currentEmail.toLowerCase()) {
			return fail(400, {
				...formFailure('', formValues(form), { email: p.sameEmail }),
				scope: 'email' as Scope
			});
		}
		const { error: failure } = await locals.supabase.auth.updateUser(
			{ email: parsed.data.email },
			{
				emailRedirectTo: `${url.origin}/auth/confirm?next=${encodeURIComponent('/profile?email=changed')}`
			}
		);
		if (failure) {
			const message = authErrorMessage(failure);
			return fail(failure.status === 429 ? 429 : 400, {
				...formFailure('', formValues(form), { email: message }),
				scope: 'email' as Scope
			});
		}
		return { scope: 'email' as Scope, sent: true };
	},

	password: async ({ request, locals, url }) => {
		viewerId(locals, url);
		const parsed = parseForm(passwordChangeSchema, await request.formData());
		if (!parsed.ok) return fail(400, { ...parsed, scope: 'password' as Scope });
		const { error: failure } = await locals.supabase.auth.updateUser({
			password: parsed.data.password
		});
		if (failure) {
			return fail(failure.status === 429 ? 429 : 400, {
				...formFailure('', {}, { password: authErrorMessage(failure) }),
				scope: 'password' as Scope
			});
		}
		return { scope: 'password' as Scope, saved: true };
	}
};
