// The route table of GoTrue's API (internal/api/api.go), paths after /auth/v1: each route names
// the authentication it needs (none, requireAuthentication, requireAdminCredentials). Features
// the local stack lacks keep their routes and answer GoTrue-style refusals (routes/unsupported.ts).
import { adminCreateUser } from './routes/admin-create-user.ts';
import { adminDeleteUser } from './routes/admin-delete-user.ts';
import { adminGetUser } from './routes/admin-get-user.ts';
import { adminListUsers } from './routes/admin-list-users.ts';
import { adminUpdateUser } from './routes/admin-update-user.ts';
import { generateLink } from './routes/generate-link.ts';
import { health } from './routes/health.ts';
import { invite } from './routes/invite.ts';
import { jwks } from './routes/jwks.ts';
import { logout } from './routes/logout.ts';
import { magicLinkRoute, otp } from './routes/otp.ts';
import { reauthenticate } from './routes/reauthenticate.ts';
import { recover } from './routes/recover.ts';
import { resend } from './routes/resend.ts';
import { settings } from './routes/settings.ts';
import { signup } from './routes/signup.ts';
import { token } from './routes/token.ts';
import {
	manualLinkingDisabled,
	noProvider,
	samlDisabled,
	unsupported
} from './routes/unsupported.ts';
import { userGet } from './routes/user-get.ts';
import { userUpdate } from './routes/user-update.ts';
import { verify } from './routes/verify.ts';
import type { RouteHandler } from './runtime.ts';

/** none: public; user: requireAuthentication; admin: requireAdminCredentials. */
export type AuthMode = 'none' | 'user' | 'admin';

export type Route = {
	methods: string[];
	/** Segments; `:name` is one segment, a final `*` any rest (including none). */
	pattern: string;
	auth: AuthMode;
	handler: RouteHandler;
};

const ANY = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

const route = (
	methods: string | string[],
	pattern: string,
	auth: AuthMode,
	handler: RouteHandler
): Route => ({ methods: [methods].flat(), pattern, auth, handler });

export const routes: Route[] = [
	route('GET', '/health', 'none', health),
	route('GET', '/settings', 'none', settings),
	route('GET', '/.well-known/jwks.json', 'none', jwks),
	route(
		'GET',
		'/.well-known/openid-configuration',
		'none',
		unsupported('OpenID Connect discovery (the OAuth 2.1 server)')
	),
	route(
		'GET',
		'/.well-known/oauth-authorization-server',
		'none',
		unsupported('The OAuth 2.1 server')
	),
	route(['GET', 'POST'], '/callback', 'none', noProvider),
	route('GET', '/authorize', 'none', noProvider),
	route('POST', '/signup', 'none', signup),
	route('POST', '/token', 'none', token),
	route('POST', '/recover', 'none', recover),
	route('POST', '/resend', 'none', resend),
	route('POST', '/magiclink', 'none', magicLinkRoute),
	route('POST', '/otp', 'none', otp),
	route(['GET', 'POST'], '/verify', 'none', verify),
	route('POST', '/logout', 'user', logout),
	route('GET', '/reauthenticate', 'user', reauthenticate),
	route('GET', '/user', 'user', userGet),
	route('PUT', '/user', 'user', userUpdate),
	route(ANY, '/user/identities/*', 'user', manualLinkingDisabled),
	route(ANY, '/user/oauth/*', 'user', unsupported('The OAuth 2.1 server')),
	route(ANY, '/factors/*', 'user', unsupported('Multi-factor authentication')),
	route(ANY, '/passkeys/*', 'none', unsupported('Passkeys')),
	route(ANY, '/sso/*', 'none', samlDisabled),
	route(ANY, '/oauth/*', 'none', unsupported('The OAuth 2.1 server')),
	route('POST', '/invite', 'admin', invite),
	route('GET', '/admin/users', 'admin', adminListUsers),
	route('POST', '/admin/users', 'admin', adminCreateUser),
	route(
		ANY,
		'/admin/users/:user_id/factors/*',
		'admin',
		unsupported('Multi-factor authentication')
	),
	route(ANY, '/admin/users/:user_id/passkeys/*', 'admin', unsupported('Passkeys')),
	route('GET', '/admin/users/:user_id', 'admin', adminGetUser),
	route('PUT', '/admin/users/:user_id', 'admin', adminUpdateUser),
	route('DELETE', '/admin/users/:user_id', 'admin', adminDeleteUser),
	route('POST', '/admin/generate_link', 'admin', generateLink),
	route(ANY, '/admin/audit/*', 'admin', unsupported('The audit log API')),
	route(ANY, '/admin/sso/*', 'admin', samlDisabled),
	route(ANY, '/admin/oauth/*', 'admin', unsupported('The OAuth 2.1 server')),
	route(ANY, '/admin/custom-providers/*', 'admin', unsupported('Custom OAuth providers'))
];

function matchPattern(pattern: string, path: string): Record<string, string> | null {
	const wanted = pattern.split('/');
	const given = path.split('/');
	const params: Record<string, string> = {};
	for (let i = 0; i < wanted.length; i++) {
		const part = wanted[i];
		if (part === '*' && i === wanted.length - 1) return params;
		if (i >= given.length) return null;
		if (part.startsWith(':')) {
			if (given[i] === '') return null;
			try {
				params[part.slice(1)] = decodeURIComponent(given[i]);
			} catch {
				return null;
			}
			continue;
		}
		if (part !== given[i]) return null;
	}
	return given.length === wanted.length ? params : null;
}

export type RouteMatch =
	| { kind: 'found'; route: Route; params: Record<string, string> }
	| { kind: 'method-not-allowed' }
	| { kind: 'not-found' };

/** chi's matching: the path decides, then the method (405 when only the method differs). */
export function matchRoute(method: string, rawPath: string): RouteMatch {
	const path = rawPath.length > 1 ? rawPath.replace(/\/$/, '') : rawPath;
	let pathMatched = false;
	for (const candidate of routes) {
		const params = matchPattern(candidate.pattern, path);
		if (!params) continue;
		if (candidate.methods.includes(method)) return { kind: 'found', route: candidate, params };
		pathMatched = true;
	}
	return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
