// The contract between the gateway and a service: a URL prefix, a request handler that gets the
// path with the prefix stripped (as Kong strips it), and optional websocket and lifecycle hooks.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiKeyKind } from './apikey.ts';

export type ServiceRequest = {
	raw: IncomingMessage;
	method: string;
	/** Path after the service prefix, always starting with "/". Not decoded. */
	path: string;
	url: URL;
	/** Request headers with Authorization rewritten from the apikey, like the CLI's Kong. */
	headers: IncomingHttpHeaders;
	/** Which API key came with the request, if any. */
	apikey: ApiKeyKind | null;
};

export type Service = {
	name: string;
	prefix: `/${string}`;
	/** Routes that need no apikey (Kong's open routes), given the path after the prefix. */
	isOpenRoute?(path: string, method: string): boolean;
	handle(request: ServiceRequest, response: ServerResponse): Promise<void>;
	upgrade?(request: ServiceRequest, socket: Duplex, head: Buffer): void;
	/** Called once after migrations, before the gateway listens. */
	start?(): Promise<void>;
	stop?(): Promise<void>;
};
