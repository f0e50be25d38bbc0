// Key authentication and Authorization rewriting as Supabase's gateway does it: the apikey
// (header or `?apikey=`) must be one of the project's keys; opaque sb_ keys become the matching
// HS256 JWT in Authorization, while a user's own bearer token passes through unchanged.
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeys } from '../keys/api-keys.ts';

export type ApiKeyKind = 'anon' | 'service_role' | 'publishable' | 'secret';

export type KeyCheck =
	| { ok: true; kind: ApiKeyKind | null; headers: IncomingHttpHeaders }
	| { ok: false; status: 401; body: { message: string; hint: string } };

export function identifyKey(value: string, keys: ApiKeys): ApiKeyKind | null {
	if (value === keys.anon) return 'anon';
	if (value === keys.serviceRole) return 'service_role';
	if (value === keys.publishable) return 'publishable';
	if (value === keys.secret) return 'secret';
	return null;
}

export const missingKey = {
	message: 'No API key found in request',
	hint: 'No `apikey` request header or url param was found.'
};
export const invalidKey = {
	message: 'Invalid API key',
	hint: 'Double check your Supabase `anon` or `service_role` API key.'
};

export function checkApiKey(
	headers: IncomingHttpHeaders,
	url: URL,
	keys: ApiKeys,
	open: boolean
): KeyCheck {
	const headerKey = headers.apikey;
	const apikey =
		(Array.isArray(headerKey) ? headerKey[0] : headerKey) ?? url.searchParams.get('apikey');
	const kind = apikey ? identifyKey(apikey, keys) : null;
	if (!open) {
		if (!apikey) return { ok: false, status: 401, body: missingKey };
		if (!kind) return { ok: false, status: 401, body: invalidKey };
	}
	const rewritten: IncomingHttpHeaders = { ...headers };
	const authorization = headers.authorization;
	if (!authorization || /^bearer sb_/i.test(authorization)) {
		if (kind === 'secret' || kind === 'service_role')
			rewritten.authorization = `Bearer ${keys.serviceRole}`;
		else if (kind === 'publishable' || kind === 'anon')
			rewritten.authorization = `Bearer ${keys.anon}`;
		else if (authorization) delete rewritten.authorization;
	}
	return { ok: true, kind, headers: rewritten };
}
