// One coaching session, for its member and its coach only (RLS: anyone else, like an unknown id,
// gets the same 404). Actions, one RPC each, refused by the database with its French reasons:
// `cancel` (either party, before the start), `complete` (the coach, once started), `rate` (the
// member, once completed, once).
import { error, fail } from '@sveltejs/kit';
import { COACHING_SESSIONS } from '#lib/coaching/live.ts';
import { refusalStatus } from '#lib/coaching/errors.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import {
	cancelSessionSchema,
	completeSessionSchema,
	rateSessionSchema
} from '#lib/schemas/coaching-sessions.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { SESSION_SELECT, toSession } from '../sessions.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.coaching.sessions;

export const load: PageServerLoad = async ({ locals, params, parent, depends }) => {
	depends(COACHING_SESSIONS);
	const { viewer } = await parent();
	if (!uuid.safeParse(params.id).success) error(404, t.errors.notFound);
	const { data, error: failure } = await locals.supabase
		.from('coaching_sessions')
		.select(SESSION_SELECT)
		.eq('id', params.id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!data) error(404, t.errors.notFound);
	return { session: toSession(data, viewer.id), now: new Date().toISOString() };
};

const signedOut = (action: string) =>
	fail(401, { action, ...formFailure(messages.common.errors.unauthorized) });

export const actions: Actions = {
	cancel: async ({ locals, request }) => {
		if (!locals.claims) return signedOut('cancel');
		const parsed = parseForm(cancelSessionSchema, await request.formData());
		if (!parsed.ok) return fail(400, { action: 'cancel', ...parsed });
		const { error: failure } = await locals.supabase.rpc('cancel_coaching_session', {
			session_id: parsed.data.session_id,
			reason: parsed.data.reason ?? undefined
		});
		if (failure) {
			return fail(refusalStatus(failure.code), {
				action: 'cancel',
				...formFailure(dbErrorMessage(failure), { reason: parsed.data.reason ?? '' })
			});
		}
		return { action: 'cancel', done: true };
	},

	complete: async ({ locals, request }) => {
		if (!locals.claims) return signedOut('complete');
		const parsed = parseForm(completeSessionSchema, await request.formData());
		if (!parsed.ok) return fail(400, { action: 'complete', ...parsed });
		const { error: failure } = await locals.supabase.rpc('complete_coaching_session', {
			session_id: parsed.data.session_id
		});
		if (failure) {
			return fail(refusalStatus(failure.code), {
				action: 'complete',
				...formFailure(dbErrorMessage(failure))
			});
		}
		return { action: 'complete', done: true };
	},

	rate: async ({ locals, request }) => {
		if (!locals.claims) return signedOut('rate');
		const form = await request.formData();
		const parsed = parseForm(rateSessionSchema, form);
		if (!parsed.ok) return fail(400, { action: 'rate', ...parsed });
		const { error: failure } = await locals.supabase.rpc('rate_coaching_session', {
			session_id: parsed.data.session_id,
			rating: parsed.data.rating,
			comment: parsed.data.comment ?? undefined
		});
		if (failure) {
			return fail(refusalStatus(failure.code), {
				action: 'rate',
				...formFailure(dbErrorMessage(failure), {
					rating: String(parsed.data.rating),
					comment: parsed.data.comment ?? ''
				})
			});
		}
		return { action: 'rate', done: true };
	}
};
