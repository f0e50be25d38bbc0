// The API keys a Supabase CLI stack hands out: the legacy HS256 anon / service_role JWTs derived
// from the JWT secret (identical to the CLI's well-known values for the default secret) and the
// opaque sb_publishable_… / sb_secret_… keys the gateway maps onto them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { es256FromJwk, es256ToPrivateJwk, generateEs256Key, signHs256 } from './jwt.ts';
import type { SigningKeys } from './jwt.ts';

export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const PUBLISHABLE_KEY = 'sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH';
export const SECRET_KEY = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';
/** Same kid as the CLI's user-token key, so tooling that pins it still finds a key. */
export const USER_TOKEN_KID = 'b81269f1-21d8-4f2e-b719-c2240a840d90';

export type ApiKeys = {
	anon: string;
	serviceRole: string;
	publishable: string;
	secret: string;
};

export function deriveApiKeys(jwtSecret: string): ApiKeys {
	const exp = 1983812996;
	return {
		anon: signHs256({ iss: 'supabase-demo', role: 'anon', exp }, jwtSecret),
		serviceRole: signHs256({ iss: 'supabase-demo', role: 'service_role', exp }, jwtSecret),
		publishable: PUBLISHABLE_KEY,
		secret: SECRET_KEY
	};
}

/**
 * The ES256 user-token key lives in the data folder so sessions survive a restart and a
 * fresh data folder gets a fresh key (the CLI's key is public; ours never leaves the machine).
 */
export function loadSigningKeys(dataDir: string, jwtSecret: string): SigningKeys {
	const file = join(dataDir, 'signing-key.json');
	if (existsSync(file)) {
		return { secret: jwtSecret, es256: es256FromJwk(JSON.parse(readFileSync(file, 'utf8'))) };
	}
	const es256 = generateEs256Key(USER_TOKEN_KID);
	mkdirSync(dataDir, { recursive: true });
	writeFileSync(file, JSON.stringify(es256ToPrivateJwk(es256)), { mode: 0o600 });
	return { secret: jwtSecret, es256 };
}
