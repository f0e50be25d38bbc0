// Creating a channel's postgres_changes subscriptions the way Realtime inserts them into
// realtime.subscription: tables resolved from publication supabase_realtime (`*` = any), filter
// columns checked against what the subscriber's role may select, values cast to the column type;
// any failure refuses the whole set with upstream's message. Live subscriptions are kept here.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { JwtClaims } from '../../keys/jwt.ts';
import { isDatabaseError } from '../../postgres/errors.ts';
import type { Encoded, Vsn } from '../protocol/frames.ts';
import { paramsToLog, parseSubscriptionParams } from './filters.ts';
import type { SubscriptionParams } from './filters.ts';

export const PUBLICATION = 'supabase_realtime';

/** What a subscription needs from its channel. */
export interface ChangeSubscriber {
	readonly topic: string;
	readonly vsn: Vsn;
	send(frame: Encoded): void;
	/** The channel's current claims: a refreshed token changes whose RLS applies. */
	claims(): JwtClaims;
}

export type Binding = {
	/** The id the join reply gave the client for this entry. */
	id: number;
	channel: ChangeSubscriber;
	params: SubscriptionParams;
	/** Table oids the subscription covers, fixed when it was created (as upstream). */
	tables: Set<number>;
};

/**
 * The binding id: upstream uses `:erlang.phash2(params)`, a stable 27-bit hash of the entry;
 * identical entries get identical ids.
 */
export function bindingId(entry: Record<string, unknown>): number {
	const canonical = (value: unknown): unknown =>
		Array.isArray(value)
			? value.map(canonical)
			: typeof value === 'object' && value !== null
				? Object.fromEntries(
						Object.keys(value)
							.sort()
							.map((key) => [key, canonical((value as Record<string, unknown>)[key])])
					)
				: value;
	const digest = createHash('sha1')
		.update(JSON.stringify(canonical(entry)))
		.digest();
	return digest.readUInt32BE(0) & 0x7ffffff;
}

const CONDITION_NAMES: Record<string, string> = {
	P0001: 'raise_exception',
	'22P02': 'invalid_text_representation',
	'22007': 'invalid_datetime_format',
	'22008': 'datetime_field_overflow',
	'22003': 'numeric_value_out_of_range',
	'22023': 'invalid_parameter_value',
	'22001': 'string_data_right_truncation',
	'42704': 'undefined_object',
	'42501': 'insufficient_privilege',
	'2201B': 'invalid_regular_expression'
};

/** Postgrex.Error's message: `ERROR <code> (<condition>) <message>`. */
function postgrexMessage(error: pg.DatabaseError): string {
	return `ERROR ${error.code} (${CONDITION_NAMES[error.code ?? ''] ?? 'error'}) ${error.message}`;
}

class SubscriptionRefused extends Error {}
const raise = (message: string): never => {
	throw Object.assign(new Error(message), { code: 'P0001', severity: 'ERROR' });
};

/** subscription_check_filters for one table, as the subscriber's role. */
async function checkFilters(
	db: pg.PoolClient,
	table: number,
	role: string,
	params: SubscriptionParams
): Promise<void> {
	const { rows } = await db.query<{ name: string; type: string; is_bool: boolean }>(
		`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
		        a.atttypid = 'boolean'::regtype as is_bool
		 from pg_attribute a
		 where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped
		   and has_column_privilege($2, a.attrelid, a.attnum, 'SELECT')`,
		[table, role]
	);
	const columns = new Map(rows.map((row) => [row.name, row]));
	for (const filter of params.filters) {
		const column = columns.get(filter.column);
		if (!column) raise(`invalid column for filter ${filter.column}`);
		const type = column!.type;
		await db.query('savepoint realtime_filter_check');
		try {
			if (filter.op === 'in') {
				const { rows: counted } = await db.query<{ n: number | null }>(
					`select cardinality($1::${type}[]) as n`,
					[filter.value]
				);
				if ((counted[0].n ?? 0) > 100) raise('too many values for `in` filter. Maximum 100');
			} else if (filter.op === 'is') {
				if (!['null', 'true', 'false', 'unknown'].includes(filter.value))
					raise('invalid value for is filter: must be null, true, false, or unknown');
				if (filter.value !== 'null' && !column!.is_bool)
					raise(`is ${filter.value} filter requires a boolean column, got ${type}`);
			} else if (filter.op === 'like' || filter.op === 'ilike') {
				const { rows: ops } = await db.query(
					`select 1 from pg_operator where oprname = '~~' and oprleft = $1::regtype`,
					[type]
				);
				if (ops.length === 0)
					raise(`operator ${filter.op} requires a text-compatible column type, got ${type}`);
			} else if (filter.op === 'match' || filter.op === 'imatch') {
				const { rows: ops } = await db.query(
					`select 1 from pg_operator where oprname = $2 and oprleft = $1::regtype
					   and oprright = $1::regtype and oprresult = 'boolean'::regtype`,
					[type, filter.op === 'imatch' ? '~*' : '~']
				);
				if (ops.length === 0)
					raise(`operator ${filter.op} requires a text-compatible column type, got ${type}`);
				try {
					new RegExp(filter.value);
				} catch (error) {
					raise(`invalid regular expression for ${filter.op} filter: ${(error as Error).message}`);
				}
			} else {
				await db.query(`select $1::${type}`, [filter.value]);
			}
			await db.query('release savepoint realtime_filter_check');
		} catch (error) {
			await db.query('rollback to savepoint realtime_filter_check');
			throw error;
		}
	}
	for (const column of params.select ?? [])
		if (!columns.has(column)) raise(`invalid column for select ${column}`);
}

export class Subscriptions {
	private pool: pg.Pool;
	private bindings = new Set<Binding>();

	constructor(pool: pg.Pool) {
		this.pool = pool;
	}

	get size(): number {
		return this.bindings.size;
	}

	/** Bindings listening to changes of that table and action. */
	matching(table: number, action: 'INSERT' | 'UPDATE' | 'DELETE'): Binding[] {
		const found: Binding[] = [];
		for (const binding of this.bindings)
			if (
				binding.tables.has(table) &&
				(binding.params.action === '*' || binding.params.action === action)
			)
				found.push(binding);
		return found;
	}

	/**
	 * Creates the subscriptions of one join, all or nothing. Resolves with the system message
	 * text: "Subscribed to PostgreSQL" or upstream's refusal.
	 */
	async subscribe(
		channel: ChangeSubscriber,
		entries: { id: number; params: Record<string, unknown> }[]
	): Promise<{ ok: boolean; message: string }> {
		const parsed: { id: number; params: SubscriptionParams }[] = [];
		for (const entry of entries) {
			const result = parseSubscriptionParams(entry.params);
			if (!result.ok) return { ok: false, message: result.message };
			parsed.push({ id: entry.id, params: result.params });
		}
		const role = String(channel.claims().role ?? '');
		const created: Binding[] = [];
		const db = await this.pool.connect();
		try {
			await db.query('begin');
			for (const { id, params } of parsed) {
				try {
					const { rows } = await db.query<{ oid: number }>(
						`select format('%I.%I', pub.schemaname, pub.tablename)::regclass::oid::int as oid
						 from pg_publication_tables pub
						 where pub.pubname = $1
						   and pub.schemaname like (case $2 when '*' then '%' else $2 end) escape ''
						   and pub.tablename like (case $3 when '*' then '%' else $3 end) escape ''`,
						[PUBLICATION, params.schema, params.table]
					);
					if (rows.length === 0)
						throw new SubscriptionRefused(
							`Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [${paramsToLog(params)}]`
						);
					for (const row of rows) await checkFilters(db, row.oid, role, params);
					created.push({ id, channel, params, tables: new Set(rows.map((row) => row.oid)) });
				} catch (error) {
					if (error instanceof SubscriptionRefused) throw error;
					const detail = isDatabaseError(error)
						? postgrexMessage(error)
						: `ERROR P0001 (raise_exception) ${(error as Error).message}`;
					throw new SubscriptionRefused(
						`Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [${paramsToLog(params)}]. Exception: ${detail}`
					);
				}
			}
			await db.query('rollback');
		} catch (error) {
			await db.query('rollback').catch(() => undefined);
			if (error instanceof SubscriptionRefused) return { ok: false, message: error.message };
			throw error;
		} finally {
			db.release();
		}
		for (const binding of created) this.bindings.add(binding);
		return { ok: true, message: 'Subscribed to PostgreSQL' };
	}

	unsubscribe(channel: ChangeSubscriber): void {
		for (const binding of this.bindings)
			if (binding.channel === channel) this.bindings.delete(binding);
	}
}
