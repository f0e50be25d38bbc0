// POST /token?grant_type=…: GoTrue's token endpoint. The grant type picks the handler; every
// grant shares the per-IP `token_refresh` bucket, taken before the body is read.
import { authErrors } from '../errors.ts';
import type { RouteHandler } from '../runtime.ts';
import { rateLimit } from './shared.ts';
import { passwordGrant } from './token-password.ts';
import { pkceGrant } from './token-pkce.ts';
import { refreshTokenGrant } from './token-refresh.ts';

const GRANTS: Record<string, RouteHandler> = {
	password: passwordGrant,
	refresh_token: refreshTokenGrant,
	pkce: pkceGrant
};

export const token: RouteHandler = async (call) => {
	const grantType = call.url.searchParams.get('grant_type') ?? '';
	if (grantType === 'id_token' || grantType === 'web3')
		throw authErrors.notSupported(`grant_type=${grantType}`);
	const grant = GRANTS[grantType];
	if (!grant) throw authErrors.invalidCredentials('unsupported_grant_type');
	rateLimit(call, call.auth.limiters.token);
	await grant(call);
};
