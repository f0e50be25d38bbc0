import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// Liveness probe for process managers and the E2E web server.
export const GET: RequestHandler = () => json({ status: 'ok' });
