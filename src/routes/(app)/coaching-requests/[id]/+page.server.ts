// One coaching request, for its member and its coach only (RLS: anyone else, like an unknown
// id, gets the same 404). The coach answers here: `accept` (optional comment) or `decline`
// (comment required), both one answer_coaching_request call.
import { error } from '@sveltejs/kit';
import { COACHING_REQUESTS } from '#lib/coaching/live.ts';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { answer } from '../answer.server.ts';
import { REQUEST_SELECT, toRequest } from '../requests.server.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.coaching.requests;

export const load: PageServerLoad = async ({ locals, params, parent, depends }) => {
	depends(COACHING_REQUESTS);
	const { viewer } = await parent();
	if (!uuid.safeParse(params.id).success) error(404, t.errors.notFound);
	const { data, error: failure } = await locals.supabase
		.from('coaching_requests')
		.select(REQUEST_SELECT)
		.eq('id', params.id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!data) error(404, t.errors.notFound);
	return { request: toRequest(data, viewer.id) };
};

export const actions: Actions = {
	accept: (event) => answer(event, true),
	decline: (event) => answer(event, false)
};
