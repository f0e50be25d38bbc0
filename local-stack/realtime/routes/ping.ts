// GET /api/ping: Realtime's PingController answer, a cheap way to see the service is up.
import { sendJson } from '../http.ts';
import type { RouteInput } from './route.ts';

export async function ping(input: RouteInput): Promise<void> {
	sendJson(input.response, 200, { message: 'Success' });
}
