// The HTTP status an action answers with when a coaching RPC refuses, as PostgREST maps the
// SQLSTATEs our functions raise (supabase/README.md, « RPCs »): a taken slot or a state that no
// longer allows the change is a conflict, a non-party is forbidden, bad input is a bad request.
export function refusalStatus(code: string | undefined): 400 | 403 | 409 {
	if (code === '23P01' || code === 'PT409') return 409;
	if (code === '42501') return 403;
	return 400;
}
