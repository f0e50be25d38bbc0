// What every service of the stack is built from: the project's config.toml, the keys, the
// connection pools and where the stack lives. Passed down explicitly, never global.
import type { ApiKeys } from './keys/api-keys.ts';
import type { SigningKeys } from './keys/jwt.ts';
import type { Pools } from './postgres/pools.ts';
import type { ProjectConfig } from './project.ts';

export type StackContext = {
	project: ProjectConfig;
	keys: SigningKeys;
	apiKeys: ApiKeys;
	pools: Pools;
	/** Public base URL of the gateway, e.g. http://127.0.0.1:54321 */
	apiUrl: string;
	dbPort: number;
	/** Port of the mail catcher's web API (Mailpit on the CLI), 0 when disabled. */
	mailPort: number;
	/** Folder for everything the stack stores besides the database (files, mail, keys). */
	dataDir: string;
	log: (line: string) => void;
};
