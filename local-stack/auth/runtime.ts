// What every Auth route is given: the service's settings, GoTrue's connection pool, the keys,
// limiters and mailer (one set per stack), and per request the parsed facts GoTrue's
// middlewares leave behind (API version, client IP, route params, the authenticated caller).
import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import type { StackContext } from '../context.ts';
import type { ServiceRequest } from '../gateway/service.ts';
import type { SigningKeys } from '../keys/jwt.ts';
import type { AuthSettings } from './config.ts';
import type { ApiVersion } from './errors.ts';
import type { Mailer } from './mailer.ts';
import type { UserRow } from './present.ts';
import type { Limiters } from './rate-limit.ts';
import type { BearerClaims } from './tokens.ts';

export type SessionRow = {
	id: string;
	user_id: string;
	created_at: string;
	updated_at: string | null;
	factor_id: string | null;
	aal: string | null;
	not_after: string | null;
	refreshed_at: string | null;
	user_agent: string | null;
	ip: string | null;
	tag: string | null;
};

export type AuthRuntime = {
	context: StackContext;
	settings: AuthSettings;
	/** GoTrue's own connections (supabase_auth_admin). */
	pool: pg.Pool;
	/** The stack's connection, used only for pgcrypto's bcrypt (see passwords.ts). */
	hashPool: pg.Pool;
	keys: SigningKeys;
	limiters: Limiters;
	mailer: Mailer;
	log: (line: string) => void;
};

export type Caller = {
	claims: BearerClaims;
	/** Loaded when the token has a sub (always for user routes). */
	user: UserRow | null;
	/** Loaded when the token names a session. */
	session: SessionRow | null;
};

export type AuthCall = {
	auth: AuthRuntime;
	request: ServiceRequest;
	response: ServerResponse;
	url: URL;
	params: Record<string, string>;
	version: ApiVersion;
	ip: string;
	userAgent: string;
	/** Set by the route's authentication mode. */
	caller: Caller | null;
	/** The request body (read once, 1 MB at most). */
	body(): Promise<Buffer>;
};

export type RouteHandler = (call: AuthCall) => Promise<void>;
