// CORS for browsers, answered once at the gateway for every service (Kong's cors plugin plus
// what PostgREST, GoTrue and Storage add): preflights allowed for the requested headers, and the
// union of the headers supabase-js reads exposed on every response.
import type { IncomingMessage, ServerResponse } from 'node:http';

const EXPOSED = [
	'Content-Range',
	'Content-Location',
	'Content-Length',
	'Content-Type',
	'Content-Encoding',
	'Content-Disposition',
	'Location',
	'Range-Unit',
	'X-Total-Count',
	'Link',
	'X-Supabase-Api-Version',
	'Preference-Applied',
	'ETag',
	'Last-Modified',
	'Cache-Control',
	'Accept-Ranges',
	'x-sb-error-code',
	'sb-auth-user-id',
	'sb-auth-session-id'
].join(', ');

const DEFAULT_ALLOWED_HEADERS =
	'apikey, authorization, x-client-info, content-type, accept, accept-profile, content-profile, prefer, range, x-supabase-api-version, x-upsert, x-metadata, cache-control, x-retry-count, traceparent, tracestate, baggage';

/** Sets CORS headers; returns true when the request was a preflight and is fully answered. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
	const origin = req.headers.origin;
	res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
	if (origin) res.setHeader('Vary', 'Origin');
	res.setHeader('Access-Control-Allow-Credentials', 'true');
	res.setHeader('Access-Control-Expose-Headers', EXPOSED);
	if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
		res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
		res.setHeader(
			'Access-Control-Allow-Headers',
			req.headers['access-control-request-headers'] ?? DEFAULT_ALLOWED_HEADERS
		);
		res.setHeader('Access-Control-Max-Age', '86400');
		res.writeHead(204);
		res.end();
		return true;
	}
	return false;
}
