// One conversation: the counterpart's profile (unknown → 404, so /messages/<id> from a profile,
// company or coach page works for a first message too) and the latest page of messages between
// the viewer and them only. Older pages come with ?before=<cursor> (links without JavaScript,
// scrolling with it). Actions: send (the client picks the id, so a retry is stored once) and
// markRead for browsers without JavaScript (with it, the page marks what is on screen).
import { error, fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { fetchConversationPage, PROFILE_COLUMNS, toCounterpart } from '#lib/messages/queries.ts';
import { decodeCursor } from '#lib/keyset.ts';
import { signInPath } from '#lib/navigation.ts';
import { counterpartId, newMessage } from '#lib/schemas/messages.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.messages;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.claims) redirect(303, signInPath(url));
	const viewerId = locals.claims.sub;
	const parsed = counterpartId.safeParse(params.profileId);
	if (!parsed.success) error(404, t.errors.profileNotFound);
	const otherId = parsed.data.toLowerCase();
	if (otherId !== params.profileId) redirect(308, `/messages/${otherId}`);
	if (otherId === viewerId) redirect(303, '/messages');

	const before = decodeCursor(url.searchParams.get('before'));
	const [profile, page] = await Promise.all([
		locals.supabase.from('profiles').select(PROFILE_COLUMNS).eq('id', otherId).maybeSingle(),
		fetchConversationPage(locals.supabase, viewerId, otherId, { before })
	]);
	if (profile.error || page.error) error(503, messages.common.errors.generic);
	if (!profile.data) error(404, t.errors.profileNotFound);
	return {
		counterpart: toCounterpart(profile.data),
		messages: page.data.messages,
		hasOlder: page.data.hasOlder,
		before: before ? url.searchParams.get('before') : null
	};
};

export const actions: Actions = {
	send: async ({ locals, params, request, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const recipient = counterpartId.safeParse(params.profileId);
		if (!recipient.success) return fail(404, formFailure(t.errors.invalidRecipient));
		const form = parseForm(newMessage, await request.formData());
		if (!form.ok) return fail(400, form);
		const { error: failure } = await locals.supabase.from('messages').insert({
			id: form.data.id,
			sender_id: locals.claims.sub,
			recipient_id: recipient.data.toLowerCase(),
			body: form.data.body
		});
		// 23505 on the primary key: this very message was stored by an earlier attempt whose
		// answer was lost; the retry is a success, not a second message.
		if (failure && failure.code !== '23505') {
			return fail(
				failure.code === '42501' ? 403 : 400,
				formFailure(dbErrorMessage(failure), { body: form.data.body, id: form.data.id })
			);
		}
		redirect(303, `/messages/${recipient.data.toLowerCase()}`);
	},
	markRead: async ({ locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		const other = counterpartId.safeParse(params.profileId);
		if (!other.success) return fail(404, formFailure(t.errors.invalidRecipient));
		const { error: failure } = await locals.supabase.rpc('mark_conversation_read', {
			counterpart_id: other.data.toLowerCase()
		});
		if (failure) return fail(400, formFailure(dbErrorMessage(failure)));
		redirect(303, `/messages/${other.data.toLowerCase()}`);
	}
};
