// Builds parsed requests for the unit tests the way the REST route does, from a method, a path
// with its query string, headers and a body.
import { parseRequest, readPreferences } from '../../../../local-stack/rest/parse/request.ts';
import type { ApiRequest } from '../../../../local-stack/rest/parse/request.ts';

export const CONFIG = {
	schemas: ['public', 'library'],
	timezones: new Set(['UTC', 'Europe/Paris']),
	allowTxOverride: false
};

export function apiRequest(
	method: string,
	url: string,
	headers: Record<string, string> = {},
	body = ''
): ApiRequest {
	const [path, query = ''] = url.split('?');
	const input = {
		method,
		path,
		query,
		headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
		body: Buffer.from(body)
	};
	return parseRequest(input, CONFIG, readPreferences(input, CONFIG));
}
