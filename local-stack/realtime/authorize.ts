// Private-channel authorization exactly as Realtime.Tenants.Authorization runs it: read = rows
// inserted as the service, then `select id` under the caller's role and claims with
// realtime.topic set; write = an insert as the caller; always in a transaction rolled back.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { JwtClaims } from '../keys/jwt.ts';
import { isDatabaseError, SqlState } from '../postgres/errors.ts';
import { applyScope } from '../postgres/request-scope.ts';
import type { RequestScope } from '../postgres/request-scope.ts';

export type Extension = 'broadcast' | 'presence';
/** null = not evaluated yet (upstream's nil). */
export type Verdict = { read: boolean | null; write: boolean | null };
export type Policies = { broadcast: Verdict; presence: Verdict };

export const noPolicies = (): Policies => ({
	broadcast: { read: null, write: null },
	presence: { read: null, write: null }
});

export type AuthContext = {
	/** The sub-topic (what `realtime.topic()` returns). */
	topic: string;
	claims: JwtClaims;
	/** The connection's `x-*` headers, as request.headers. */
	headers: Record<string, string>;
};

/** Why a check could not give a verdict (handle_policies_result's error kinds). */
export type AuthFailure = 'rls_policy_error' | 'missing_partition' | 'query_canceled' | 'database';

export class AuthorizationError extends Error {
	failure: AuthFailure;
	constructor(failure: AuthFailure, cause: unknown) {
		super(`authorization check failed (${failure}): ${(cause as Error)?.message ?? cause}`, {
			cause
		});
		this.failure = failure;
	}
}

function classify(error: unknown): AuthorizationError {
	if (!isDatabaseError(error)) return new AuthorizationError('database', error);
	if (error.code === SqlState.queryCanceled) return new AuthorizationError('query_canceled', error);
	if (error.code === SqlState.checkViolation && error.table === 'messages')
		return new AuthorizationError('missing_partition', error);
	return new AuthorizationError('rls_policy_error', error);
}

/** set_config('role'…), realtime.topic, request.jwt.claims, claim.sub, claim.role, request.headers. */
function scopeOf(context: AuthContext): RequestScope {
	const role = String(context.claims.role ?? '');
	const sub = context.claims.sub;
	return {
		role,
		claims: context.claims,
		headers: context.headers,
		settings: {
			'realtime.topic': context.topic,
			'request.jwt.claim.sub': typeof sub === 'string' ? sub : sub === undefined ? '' : String(sub),
			'request.jwt.claim.role': role
		}
	};
}

const copy = (policies: Policies): Policies => ({
	broadcast: { ...policies.broadcast },
	presence: { ...policies.presence }
});

async function inTransaction<T>(
	pool: pg.Pool,
	work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	let client: pg.PoolClient;
	try {
		client = await pool.connect();
	} catch (error) {
		throw new AuthorizationError('database', error);
	}
	let broken = false;
	try {
		await client.query('begin');
		try {
			return await work(client);
		} finally {
			await client.query('rollback').catch(() => {
				broken = true;
			});
		}
	} catch (error) {
		throw error instanceof AuthorizationError ? error : classify(error);
	} finally {
		client.release(broken);
	}
}

/** Read verdicts for the given extensions (broadcast, and presence when enabled). */
export async function readPolicies(
	pool: pg.Pool,
	context: AuthContext,
	extensions: Extension[],
	current: Policies = noPolicies()
): Promise<Policies> {
	const ids = extensions.map(() => randomUUID());
	const found = await inTransaction(pool, async (client) => {
		await client.query(
			`insert into realtime.messages (id, topic, extension)
			 select * from unnest($1::uuid[], $2::text[], $3::text[])`,
			[ids, extensions.map(() => context.topic), extensions]
		);
		await applyScope(client, scopeOf(context));
		const { rows } = await client.query<{ id: string }>(
			'select id from realtime.messages where id = any($1::uuid[])',
			[ids]
		);
		return new Set(rows.map((row) => row.id));
	});
	const policies = copy(current);
	extensions.forEach((extension, i) => (policies[extension].read = found.has(ids[i])));
	return policies;
}

/** Write verdicts: one insert per extension under a savepoint; 42501 means refused. */
export async function writePolicies(
	pool: pg.Pool,
	context: AuthContext,
	extensions: Extension[],
	current: Policies = noPolicies()
): Promise<Policies> {
	const policies = copy(current);
	await inTransaction(pool, async (client) => {
		await applyScope(client, scopeOf(context));
		for (const extension of ['broadcast', 'presence'] as const) {
			if (!extensions.includes(extension)) {
				policies[extension].write = false;
				continue;
			}
			await client.query('savepoint realtime_write_check');
			try {
				await client.query('insert into realtime.messages (topic, extension) values ($1, $2)', [
					context.topic,
					extension
				]);
				policies[extension].write = true;
			} catch (error) {
				if (isDatabaseError(error) && error.code === SqlState.insufficientPrivilege) {
					policies[extension].write = false;
				} else {
					throw classify(error);
				}
			} finally {
				await client.query('rollback to savepoint realtime_write_check');
			}
		}
	});
	return policies;
}
