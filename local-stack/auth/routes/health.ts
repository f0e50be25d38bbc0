// GET /health: GoTrue's HealthCheckResponse.
import type { RouteHandler } from '../runtime.ts';
import { respond } from './shared.ts';

export const health: RouteHandler = async (call) => {
	respond(call, 200, {
		version: 'v2.189.0-local-stack',
		name: 'GoTrue',
		description: 'GoTrue is a user registration and authentication API'
	});
};
