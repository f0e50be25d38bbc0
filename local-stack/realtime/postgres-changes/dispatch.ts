// Delivers committed row changes to postgres_changes subscribers the way realtime.apply_rls
// decides: action and filters first, then per role column privileges (no primary key → error 400,
// primary key not selectable → 401), then RLS by selecting the row by its primary key as each
// subscriber (claims and role set, transaction rolled back); DELETEs skip RLS but carry only keys.
import type pg from 'pg';
import { isDatabaseError } from '../../postgres/errors.ts';
import { applyScope } from '../../postgres/request-scope.ts';
import { encodeBroadcast } from '../protocol/frames.ts';
import type { Vsn } from '../protocol/frames.ts';
import { pgTimeToMs } from '../replication/pgoutput.ts';
import type { TupleValue } from '../replication/pgoutput.ts';
import type { RowChange, Transaction } from '../replication/stream.ts';
import { toJsonValue } from '../replication/values.ts';
import { Catalog } from './catalog.ts';
import type { TableInfo } from './catalog.ts';
import { matchesFilters } from './filters.ts';
import type { Binding, ChangeSubscriber, Subscriptions } from './subscriptions.ts';

const MAX_RECORD_BYTES = 1024 * 1024;
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Action = 'INSERT' | 'UPDATE' | 'DELETE';
type Row = Map<string, { text: string | null; typeName: string; typeOid: number }>;

/** Column name → text of a tuple; unchanged TOAST values are left out. */
function rowOf(change: RowChange, tuple: TupleValue[] | null, keysOnly: boolean): Row | null {
	if (!tuple) return null;
	const row: Row = new Map();
	change.relation.columns.forEach((column, i) => {
		const value = tuple[i];
		if (value !== null && typeof value === 'object') return;
		if (keysOnly && !column.isKey) return;
		row.set(column.name, {
			text: value as string | null,
			typeName: '',
			typeOid: column.typeOid
		});
	});
	return row;
}

export class ChangeDispatcher {
	private pool: pg.Pool;
	private subscriptions: Subscriptions;
	private catalog: Catalog;
	private log: (line: string) => void;
	private queue: Promise<void> = Promise.resolve();

	constructor(pool: pg.Pool, subscriptions: Subscriptions, log: (line: string) => void) {
		this.pool = pool;
		this.subscriptions = subscriptions;
		this.catalog = new Catalog(pool);
		this.log = log;
	}

	/** Queues a transaction: changes are delivered one at a time, in commit order. */
	enqueue(transaction: Transaction): void {
		this.queue = this.queue
			.then(() => this.process(transaction))
			.catch((error) =>
				this.log(`[realtime] postgres_changes: ${(error as Error).stack ?? error}`)
			);
	}

	/** Resolves once everything queued so far went out. */
	drain(): Promise<void> {
		return this.queue;
	}

	private async process(transaction: Transaction): Promise<void> {
		const commitTimestamp = new Date(pgTimeToMs(transaction.commitTime)).toISOString();
		for (const change of transaction.changes) {
			if (this.subscriptions.size === 0) return;
			const action: Action =
				change.kind === 'insert' ? 'INSERT' : change.kind === 'update' ? 'UPDATE' : 'DELETE';
			const bindings = this.subscriptions.matching(change.relation.id, action);
			if (bindings.length === 0) continue;
			await this.deliver(change, action, bindings, commitTimestamp);
		}
	}

	private async deliver(
		change: RowChange,
		action: Action,
		bindings: Binding[],
		commitTimestamp: string
	) {
		const table = await this.catalog.table(change.relation.id, change.relation);
		const typeName = new Map(table.columns.map((c) => [c.name, c.typeName]));
		const withTypes = (row: Row | null) => {
			if (row) for (const [name, value] of row) value.typeName = typeName.get(name) ?? '';
			return row;
		};
		const newRow = withTypes(change.kind === 'delete' ? null : rowOf(change, change.tuple, false));
		const oldTuple = change.kind === 'insert' ? null : change.old;
		const oldKeysOnly = change.kind !== 'insert' && change.oldKind === 'K';
		let oldRow = withTypes(change.kind === 'insert' ? null : rowOf(change, oldTuple, oldKeysOnly));
		// Without an old tuple, an UPDATE's identity is the key of the new row (wal2json's identity).
		if (change.kind === 'update' && !oldRow && newRow) {
			oldRow = new Map(
				[...newRow].filter(([name]) => change.relation.columns.find((c) => c.name === name)?.isKey)
			);
		}

		const visibleByFilters = bindings.filter(
			(binding) =>
				(newRow !== null && matchesFilters(binding.params.filters, newRow)) ||
				(action === 'DELETE' && oldRow !== null && matchesFilters(binding.params.filters, oldRow))
		);
		const roles = [...new Set(bindings.map((b) => String(b.channel.claims().role ?? '')))].sort();
		const facts = await this.facts(table.oid, roles);

		for (const role of roles) {
			const ofRole = bindings.filter((b) => String(b.channel.claims().role ?? '') === role);
			const selectable = new Set(facts.selectable[role] ?? []);
			const groups = groupBySelect(ofRole);
			const base = { schema: change.relation.schema, table: change.relation.table, type: action };
			if (action !== 'DELETE' && table.primaryKey.length === 0) {
				for (const group of groups)
					this.send(group, { ...base, errors: ['Error 400: Bad Request, no primary key'] });
				continue;
			}
			if (action !== 'DELETE' && !table.primaryKey.every((pk) => selectable.has(pk))) {
				for (const group of groups)
					this.send(group, { ...base, errors: ['Error 401: Unauthorized'] });
				continue;
			}
			let visible = visibleByFilters.filter((b) => ofRole.includes(b));
			if (facts.rls && action !== 'DELETE' && visible.length > 0 && newRow)
				visible = await this.visibleThroughRls(
					table,
					`${quoteIdent(change.relation.schema)}.${quoteIdent(change.relation.table)}`,
					newRow,
					visible
				);
			for (const group of groups) {
				const audience = group.filter((b) => visible.includes(b));
				if (audience.length === 0) continue;
				const select = group[0].params.select;
				const shown = (name: string) =>
					selectable.has(name) &&
					(select === null || select.includes(name) || table.primaryKey.includes(name));
				const data = this.payload(
					table,
					base,
					commitTimestamp,
					action,
					newRow,
					oldRow,
					shown,
					facts.rls
				);
				this.send(audience, data);
			}
		}
	}

	private payload(
		table: TableInfo,
		base: { schema: string; table: string; type: Action },
		commitTimestamp: string,
		action: Action,
		newRow: Row | null,
		oldRow: Row | null,
		shown: (name: string) => boolean,
		rls: boolean
	): Record<string, unknown> {
		const tooLarge =
			JSON.stringify([...(newRow?.values() ?? []), ...(oldRow?.values() ?? [])].map((v) => v.text))
				.length > MAX_RECORD_BYTES;
		const value = (column: { text: string | null; typeOid: number }) =>
			toJsonValue(column.text, this.catalog.type(column.typeOid), (oid) => this.catalog.type(oid));
		const keep = (column: { text: string | null }) =>
			!tooLarge || Buffer.byteLength(JSON.stringify(column.text)) <= 64;
		const data: Record<string, unknown> = {
			...base,
			commit_timestamp: commitTimestamp,
			columns: table.columns
				.filter((c) => shown(c.name))
				.map((c) => ({ name: c.name, type: c.typeName }))
		};
		if (action !== 'DELETE' && newRow) {
			const record: Record<string, unknown> = {};
			for (const column of table.columns) {
				const current = newRow.get(column.name) ?? oldRow?.get(column.name);
				if (!current || !shown(column.name) || !keep(current)) continue;
				record[column.name] = value(current);
			}
			data.record = record;
		}
		if (action !== 'INSERT') {
			let old: Record<string, unknown> | null = null;
			for (const column of table.columns) {
				const previous = oldRow?.get(column.name);
				if (!previous || !shown(column.name) || !keep(previous)) continue;
				// RLS cannot be checked on a deleted row: only its key goes out.
				if (action === 'DELETE' && rls && !table.primaryKey.includes(column.name)) continue;
				(old ??= {})[column.name] = value(previous);
			}
			data.old_record = old;
		}
		data.errors = tooLarge ? ['Error 413: Payload Too Large'] : null;
		return data;
	}

	private send(bindings: Binding[], data: Record<string, unknown>) {
		const dataJson = JSON.stringify(data);
		const byChannel = new Map<ChangeSubscriber, number[]>();
		for (const binding of bindings) {
			const ids = byChannel.get(binding.channel) ?? [];
			if (!ids.includes(binding.id)) ids.push(binding.id);
			byChannel.set(binding.channel, ids);
		}
		for (const [channel, ids] of byChannel) {
			const payload = `{"ids":${JSON.stringify(ids)},"data":${dataJson}}`;
			channel.send(encodeBroadcast(channel.vsn as Vsn, channel.topic, 'postgres_changes', payload));
		}
	}

	/** relrowsecurity and, per role, the columns it may select (has_column_privilege). */
	private async facts(
		table: number,
		roles: string[]
	): Promise<{ rls: boolean; selectable: Record<string, string[]> }> {
		const { rows } = await this.pool.query<{ rls: boolean; selectable: Record<string, string[]> }>(
			`select c.relrowsecurity as rls,
			        coalesce((select jsonb_object_agg(r.role,
			          case when exists (select 1 from pg_roles where rolname = r.role) then
			            (select coalesce(jsonb_agg(a.attname order by a.attnum), '[]'::jsonb)
			             from pg_attribute a
			             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
			               and has_column_privilege(r.role, c.oid, a.attnum, 'SELECT'))
			          else '[]'::jsonb end)
			         from unnest($2::text[]) r(role)), '{}'::jsonb) as selectable
			 from pg_class c where c.oid = $1`,
			[table, roles]
		);
		return rows[0] ?? { rls: false, selectable: {} };
	}

	/** Selects the row by primary key once per distinct set of claims, as that subscriber. */
	private async visibleThroughRls(
		table: TableInfo,
		qualifiedName: string,
		row: Row,
		bindings: Binding[]
	): Promise<Binding[]> {
		const keyColumns = table.primaryKey.map((name) => table.columns.find((c) => c.name === name)!);
		const where = keyColumns
			.map((c, i) => `${quoteIdent(c.name)} = $${i + 1}::${c.sqlType}`)
			.join(' and ');
		const values = keyColumns.map((c) => row.get(c.name)?.text ?? null);
		const sql = `select exists(select 1 from ${qualifiedName} where ${where}) as visible`;
		const byClaims = new Map<string, Binding[]>();
		for (const binding of bindings) {
			const key = JSON.stringify(binding.channel.claims());
			byClaims.set(key, [...(byClaims.get(key) ?? []), binding]);
		}
		const visible: Binding[] = [];
		const db = await this.pool.connect();
		let broken = false;
		try {
			await db.query('begin read only');
			for (const [claimsJson, group] of byClaims) {
				const claims = JSON.parse(claimsJson) as Record<string, unknown>;
				await db.query('savepoint realtime_rls');
				try {
					await applyScope(db, { role: String(claims.role ?? ''), claims, claimSettings: true });
					const { rows } = await db.query<{ visible: boolean }>(sql, values);
					if (rows[0]?.visible) visible.push(...group);
					await db.query('release savepoint realtime_rls');
				} catch (error) {
					// A role without rights on the table sees nothing, like a failed walrus check.
					await db.query('rollback to savepoint realtime_rls');
					if (!isDatabaseError(error)) throw error;
				}
			}
		} catch (error) {
			broken = true;
			throw error;
		} finally {
			await db.query('rollback').catch(() => (broken = true));
			db.release(broken);
		}
		return visible;
	}
}

function groupBySelect(bindings: Binding[]): Binding[][] {
	const groups = new Map<string, Binding[]>();
	for (const binding of bindings) {
		const key = binding.params.select ? [...binding.params.select].sort().join(',') : '\u0000';
		groups.set(key, [...(groups.get(key) ?? []), binding]);
	}
	return [...groups.values()];
}
