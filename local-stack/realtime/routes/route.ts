// What every route of the Realtime service works with: the shared runtime, the request with the
// gateway's prefix stripped, the response, and the path parameters its pattern captured.
import type { ServerResponse } from 'node:http';
import type { ServiceRequest } from '../../gateway/service.ts';
import type { Realtime } from '../runtime.ts';

export type RouteInput = {
	realtime: Realtime;
	request: ServiceRequest;
	response: ServerResponse;
	params: Record<string, string>;
};

export type RouteHandler = (input: RouteInput) => Promise<void>;
