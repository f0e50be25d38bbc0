// grant_type=pkce (api/token.go PKCE): an auth code from /verify's `?code=` and the verifier
// whose hash was sent as code_challenge; the flow state is spent and a session issued with
// the flow's authentication method (recovery, email/signup, magiclink, email_change).
import { authErrors } from '../errors.ts';
import { findFlowStateByAuthCode, isFlowStateExpired, verifyPkce } from '../flow-state.ts';
import { decodeParams } from '../http.ts';
import { epochMs } from '../present.ts';
import type { RouteHandler } from '../runtime.ts';
import { issueSession } from '../sessions.ts';
import { findUserById, transaction } from '../users.ts';
import { respond } from './shared.ts';

const PARAMS = { auth_code: 'string', code_verifier: 'string' } as const;

export const pkceGrant: RouteHandler = async (call) => {
	const { auth } = call;
	const params = decodeParams(await call.body(), PARAMS, 'PKCEGrantParams');
	const code = params.auth_code ?? '';
	const verifier = params.code_verifier ?? '';
	if (code === '' || verifier === '')
		throw authErrors.validation(
			'invalid request: both auth code and code verifier should be non-empty'
		);
	const flow = await findFlowStateByAuthCode(auth.pool, code);
	if (!flow || !flow.user_id)
		throw authErrors.flowStateNotFound('invalid flow state, no valid flow state found');
	if (
		isFlowStateExpired(
			flow,
			auth.settings.flowStateExpirySeconds,
			epochMs(flow.created_at) ?? 0,
			epochMs(flow.auth_code_issued_at)
		)
	)
		throw authErrors.flowStateExpired();
	const user = await findUserById(auth.pool, flow.user_id);
	if (!user) throw authErrors.unexpected('Database error finding user');
	const mismatch = verifyPkce(
		flow.code_challenge ?? '',
		flow.code_challenge_method ?? '',
		verifier
	);
	if (mismatch) throw authErrors.badCodeVerifier(mismatch);
	const method = flow.authentication_method.endsWith('signup')
		? 'email/signup'
		: flow.authentication_method;
	const session = await transaction(auth.pool, async (db) => {
		const issued = await issueSession(call, db, user, method);
		await db.query('delete from auth.flow_state where id = $1', [flow.id]);
		return issued;
	});
	respond(call, 200, session.body, session.headers);
};
