// One connection pool per Supabase service role, each logging in as the role the real service
// uses: PostgREST as `authenticator`, GoTrue as `supabase_auth_admin`, Storage as
// `supabase_storage_admin`, Realtime and the stack itself as `supabase_admin`.
import pg from 'pg';
import { LOCAL_PASSWORD } from './embedded.ts';

// Postgres types the services hand to clients as text, exactly as PostgREST renders them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => value);
for (const oid of [
	pg.types.builtins.TIMESTAMPTZ,
	pg.types.builtins.TIMESTAMP,
	pg.types.builtins.DATE,
	pg.types.builtins.TIME,
	pg.types.builtins.TIMETZ,
	pg.types.builtins.INTERVAL
]) {
	pg.types.setTypeParser(oid, (value) => value);
}

export type LoginRole =
	| 'supabase_admin'
	| 'postgres'
	| 'authenticator'
	| 'supabase_auth_admin'
	| 'supabase_storage_admin'
	| 'supabase_realtime_admin';

export type Pools = {
	admin: pg.Pool;
	authenticator: pg.Pool;
	auth: pg.Pool;
	storage: pg.Pool;
	/** A dedicated connection (LISTEN, replication, migrations) as the given role. */
	connect(role: LoginRole, extra?: Partial<pg.ClientConfig>): Promise<pg.Client>;
	end(): Promise<void>;
};

export function connectionConfig(port: number, role: LoginRole): pg.ClientConfig {
	return {
		host: '127.0.0.1',
		port,
		user: role,
		password: LOCAL_PASSWORD,
		database: 'postgres',
		application_name: `local-stack:${role}`
	};
}

export function createPools(port: number): Pools {
	const pool = (role: LoginRole, max: number) => {
		const created = new pg.Pool({
			...connectionConfig(port, role),
			max,
			idleTimeoutMillis: 30_000
		});
		// An idle client dropped by the server must not crash the stack; the pool replaces it.
		created.on('error', () => undefined);
		return created;
	};
	const pools = {
		admin: pool('supabase_admin', 10),
		authenticator: pool('authenticator', 20),
		auth: pool('supabase_auth_admin', 10),
		storage: pool('supabase_storage_admin', 10)
	};
	return {
		...pools,
		async connect(role, extra = {}) {
			const client = new pg.Client({ ...connectionConfig(port, role), ...extra });
			client.on('error', () => undefined);
			await client.connect();
			return client;
		},
		async end() {
			await Promise.all(Object.values(pools).map((p) => p.end().catch(() => undefined)));
		}
	};
}
