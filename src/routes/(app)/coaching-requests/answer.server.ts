// The coach's answer to a request, shared by the inbox and the request page: one
// answer_coaching_request call each. Accepting creates the session and its video room in the
// same transaction; a time already taken comes back as 23P01 with the database's French
// sentence, shown next to the request.
import { fail } from '@sveltejs/kit';
import type { RequestEvent } from '@sveltejs/kit';
import { refusalStatus } from '#lib/coaching/errors.ts';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, parseForm } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { acceptRequestSchema, declineRequestSchema } from '#lib/schemas/coaching-requests.ts';

const t = messages.coaching.requests;

export async function answer(
	{ locals, request }: Pick<RequestEvent, 'locals' | 'request'>,
	accept: boolean
) {
	const action = accept ? 'accept' : 'decline';
	const form = await request.formData();
	const requestId = String(form.get('request_id') ?? '');
	if (!locals.claims)
		return fail(401, { action, requestId, ...formFailure(messages.common.errors.unauthorized) });
	const parsed = parseForm(accept ? acceptRequestSchema : declineRequestSchema, form);
	if (!parsed.ok) return fail(400, { action, requestId, ...parsed });
	const { error } = await locals.supabase.rpc('answer_coaching_request', {
		request_id: parsed.data.request_id,
		accept,
		comment: parsed.data.comment ?? undefined
	});
	if (error) {
		return fail(refusalStatus(error.code), {
			action,
			requestId,
			conflict: error.code === '23P01',
			...formFailure(
				dbErrorMessage(error),
				parsed.data.comment ? { comment: parsed.data.comment } : {}
			)
		});
	}
	return { action, requestId, answered: true, message: accept ? t.accepted : t.declined };
}
