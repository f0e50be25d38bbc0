// GET /.well-known/jwks.json: the public half of the user-token signing key (never the HMAC
// secret), cached ten minutes like GoTrue says.
import { publicJwks } from '../../keys/jwt.ts';
import type { RouteHandler } from '../runtime.ts';
import { respond } from './shared.ts';

export const jwks: RouteHandler = async (call) => {
	respond(call, 200, publicJwks(call.auth.keys.es256), {
		'Cache-Control': 'public, max-age=600'
	});
};
