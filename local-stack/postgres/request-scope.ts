// Opens the per-request transaction every service runs in: one parameterised
// `select set_config(…, true), …` sets the role and the request GUCs, as PostgREST's
// txVarQuery and Storage's scope do, so that RLS, grants and auth.uid() decide.
import type pg from 'pg';

export type RequestScope = {
	/** Database role to switch to (`set local role`): anon, authenticated, service_role… */
	role: string;
	/** JWT claims, stored as request.jwt.claims (PostgREST) */
	claims: Record<string, unknown>;
	/** Also set request.jwt.claim.<name> for these claims (Storage and Realtime do, PostgREST does not). */
	claimSettings?: boolean;
	headers?: Record<string, string>;
	method?: string;
	path?: string;
	/** Other GUCs (search_path, statement_timeout, storage.operation, realtime.topic…). */
	settings?: Record<string, string>;
	readOnly?: boolean;
};

/** The claims of the service_role key: the only way services act with full rights. */
export function asServiceRole(extra: Partial<RequestScope> = {}): RequestScope {
	return { role: 'service_role', claims: { role: 'service_role' }, ...extra };
}

export function scopeSettings(scope: RequestScope): [string, string][] {
	const pairs: [string, string][] = [];
	for (const [name, value] of Object.entries(scope.settings ?? {})) pairs.push([name, value]);
	pairs.push(['role', scope.role]);
	pairs.push(['request.jwt.claims', JSON.stringify(scope.claims)]);
	if (scope.claimSettings) {
		for (const [name, value] of Object.entries(scope.claims)) {
			if (value === undefined || value === null) continue;
			pairs.push([
				`request.jwt.claim.${name}`,
				typeof value === 'string' ? value : JSON.stringify(value)
			]);
		}
	}
	pairs.push(['request.headers', JSON.stringify(scope.headers ?? {})]);
	if (scope.method !== undefined) pairs.push(['request.method', scope.method]);
	if (scope.path !== undefined) pairs.push(['request.path', scope.path]);
	return pairs;
}

/** Applies the scope inside an already open transaction. */
export async function applyScope(client: pg.ClientBase, scope: RequestScope): Promise<void> {
	const pairs = scopeSettings(scope);
	const calls = pairs.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
	await client.query(`select ${calls.join(', ')}`, pairs.flat());
}

/**
 * Runs `work` in one transaction under the scope: committed when it resolves, rolled back when
 * it throws or when `rollback` is set (dry-run checks such as Storage's upload test).
 */
export async function withRequestScope<T>(
	pool: pg.Pool,
	scope: RequestScope,
	work: (client: pg.PoolClient) => Promise<T>,
	options: { rollback?: boolean } = {}
): Promise<T> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query(scope.readOnly ? 'begin read only' : 'begin');
		try {
			await applyScope(client, scope);
			const result = await work(client);
			await client.query(options.rollback ? 'rollback' : 'commit');
			return result;
		} catch (error) {
			await client.query('rollback').catch(() => {
				broken = true;
			});
			throw error;
		}
	} finally {
		client.release(broken);
	}
}
