// Where GoTrue lets an email link or a verification send the browser (utilities/request.go):
// back to the site (same scheme and host, any port on loopback), to any loopback IP, or to a URL
// matching an `additional_redirect_urls` glob (gobwas/glob with '.' and '/' as separators);
// anything else falls back to the site URL.
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { AuthSettings } from './config.ts';

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const NOT_SEPARATOR = '[^./]';

function compileRange(pattern: string, start: number): { source: string; end: number } {
	let i = start + 1;
	let negate = false;
	if (pattern[i] === '!') {
		negate = true;
		i++;
	}
	let body = '';
	while (i < pattern.length && pattern[i] !== ']') {
		const char = pattern[i];
		if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
			body += `${escapeRegex(char)}-${escapeRegex(pattern[i + 2])}`;
			i += 3;
		} else {
			body += escapeRegex(char);
			i++;
		}
	}
	if (i >= pattern.length) throw new Error(`unexpected end of glob in range: ${pattern}`);
	return { source: negate ? `[^${body}]` : `[${body}]`, end: i + 1 };
}

/** gobwas/glob syntax: `*` (no separator), `**` (anything), `?`, `[a-z]`, `[!x]`, `{a,b}`, `\` escapes. */
function compileGlobSource(
	pattern: string,
	start: number,
	stopAt: string
): { source: string; end: number } {
	let source = '';
	let i = start;
	while (i < pattern.length) {
		const char = pattern[i];
		if (stopAt.includes(char)) break;
		if (char === '\\' && i + 1 < pattern.length) {
			source += escapeRegex(pattern[i + 1]);
			i += 2;
		} else if (char === '*') {
			if (pattern[i + 1] === '*') {
				source += '.*';
				i += 2;
			} else {
				source += `${NOT_SEPARATOR}*`;
				i++;
			}
		} else if (char === '?') {
			source += NOT_SEPARATOR;
			i++;
		} else if (char === '[') {
			const range = compileRange(pattern, i);
			source += range.source;
			i = range.end;
		} else if (char === '{') {
			const alternatives: string[] = [];
			i++;
			for (;;) {
				const part = compileGlobSource(pattern, i, ',}');
				alternatives.push(part.source);
				i = part.end;
				if (pattern[i] === ',') {
					i++;
					continue;
				}
				if (pattern[i] === '}') {
					i++;
					break;
				}
				throw new Error(`unexpected end of glob in alternatives: ${pattern}`);
			}
			source += `(?:${alternatives.join('|')})`;
		} else {
			source += escapeRegex(char);
			i++;
		}
	}
	return { source, end: i };
}

export function compileGlob(pattern: string): RegExp {
	return new RegExp(`^${compileGlobSource(pattern, 0, '').source}$`, 's');
}

type LooseUrl = { scheme: string; hostname: string; port: string };

/** Enough of Go's url.Parse for the checks below; unparseable input has no scheme or host. */
function parseLoose(value: string): LooseUrl | null {
	try {
		const url = new URL(value);
		// WHATWG rewrites hosts (2130706433 becomes 127.0.0.1) and drops default ports; Go's
		// url.Parse keeps what was written, which is what GoTrue checks.
		const written = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/i.exec(
			value
		);
		const hostname = (written ? written[1] : url.hostname).replace(/^\[|\]$/g, '');
		return {
			scheme: url.protocol.replace(/:$/, '').toLowerCase(),
			hostname,
			port: written ? (written[2] ?? '') : url.port
		};
	} catch {
		// Go's url.Parse refuses control characters; anything else parses with no scheme or host.
		return [...value].some((char) => char.charCodeAt(0) < 0x20)
			? null
			: { scheme: '', hostname: '', port: '' };
	}
}

const LOCALHOSTS = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::']);
const REGULAR_HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;

function isLoopbackIp(hostname: string): boolean {
	if (isIP(hostname) === 4) return hostname.split('.')[0] === '127';
	if (isIP(hostname) === 6) return /^(0*:)*:?0*1$/.test(hostname) || hostname === '::1';
	return false;
}

export function isRedirectUrlValid(settings: AuthSettings, redirectUrl: string): boolean {
	if (redirectUrl === '') return false;
	const base = parseLoose(settings.siteUrl);
	const target = parseLoose(redirectUrl);
	if (!base || !target) return false;
	if (
		base.hostname === target.hostname &&
		base.scheme === target.scheme &&
		(base.port === target.port || LOCALHOSTS.has(target.hostname.toLowerCase()))
	)
		return true;
	const isHttp = target.scheme === 'http' || target.scheme === 'https';
	if (/^[0-9]+$/.test(target.hostname)) return false;
	if (isIP(target.hostname)) return isLoopbackIp(target.hostname);
	if (isHttp && !REGULAR_HOSTNAME.test(target.hostname)) return false;
	const withoutFragment = redirectUrl.split('#')[0];
	return settings.uriAllowList.some((pattern) => {
		try {
			return compileGlob(pattern).test(withoutFragment);
		} catch {
			return false;
		}
	});
}

/**
 * utilities.GetReferrer: the `redirect_to` header or query parameter when allowed, else the
 * Referer header when allowed, else the site URL.
 */
export function referrer(settings: AuthSettings, request: IncomingMessage, url: URL): string {
	const headerValue = request.headers['redirect_to'];
	const requested =
		(Array.isArray(headerValue) ? headerValue[0] : headerValue) ||
		url.searchParams.get('redirect_to') ||
		'';
	if (isRedirectUrlValid(settings, requested)) return requested;
	const referer = request.headers.referer ?? '';
	if (isRedirectUrlValid(settings, referer)) return referer;
	return settings.siteUrl;
}
