// The viewer's notifications, newest first, by keyset pages (?before=<created_at>~<id>), and the
// two ways to mark them seen: one (markSeen) or all (markAllSeen), through the RPC.
import { fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { decodeCursor } from '#lib/keyset.ts';
import { signInPath } from '#lib/navigation.ts';
import { fetchNotifications } from '#lib/notifications/queries.ts';
import { notificationRef } from '#lib/schemas/notifications.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.notifications;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.claims) redirect(303, signInPath(url));
	const before = decodeCursor(url.searchParams.get('before'));
	const { data, error } = await fetchNotifications(locals.supabase, { before });
	return {
		notifications: data?.notifications ?? [],
		hasMore: data?.hasMore ?? false,
		before: before ? url.searchParams.get('before') : null,
		loadError: error ? t.errors.loadFailed : null
	};
};

export const actions: Actions = {
	markSeen: async ({ locals, request, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const form = parseForm(notificationRef, await request.formData());
		if (!form.ok) return fail(400, formFailure(t.errors.markFailed, form.values, form.errors));
		const { error } = await locals.supabase.rpc('mark_notifications_seen', {
			notification_ids: [form.data.id]
		});
		if (error) return fail(400, formFailure(dbErrorMessage(error)));
		return { done: t.markedSeen };
	},
	markAllSeen: async ({ locals, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const { error } = await locals.supabase.rpc('mark_notifications_seen', {});
		if (error) return fail(400, formFailure(dbErrorMessage(error)));
		return { done: t.markedAllSeen };
	}
};
