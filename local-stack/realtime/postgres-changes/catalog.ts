// The catalog facts postgres_changes needs, read once and cached: a table's columns in attnum
// order with their types, its primary key, and pg_type details for the value conversion. A new
// Relation message from the walsender (DDL happened) invalidates a table's entry.
import type pg from 'pg';
import type { Relation } from '../replication/pgoutput.ts';
import type { TypeInfo } from '../replication/values.ts';

export type TableColumn = {
	name: string;
	attnum: number;
	typeName: string;
	typeOid: number;
	sqlType: string;
};
export type TableInfo = { oid: number; columns: TableColumn[]; primaryKey: string[] };

export class Catalog {
	private pool: pg.Pool;
	private tables = new Map<number, { relation: Relation | null; info: TableInfo }>();
	private types = new Map<number, TypeInfo>();

	constructor(pool: pg.Pool) {
		this.pool = pool;
	}

	async table(oid: number, relation: Relation | null = null): Promise<TableInfo> {
		const cached = this.tables.get(oid);
		if (cached && (relation === null || cached.relation === relation)) return cached.info;
		const { rows } = await this.pool.query<{
			name: string;
			attnum: number;
			type_name: string;
			type_oid: number;
			sql_type: string;
			is_pk: boolean;
		}>(
			`select a.attname as name, a.attnum::int as attnum, t.typname as type_name,
			        a.atttypid::int as type_oid, format_type(a.atttypid, a.atttypmod) as sql_type,
			        exists (select 1 from pg_index i where i.indrelid = a.attrelid and i.indisprimary
			                and a.attnum = any(i.indkey)) as is_pk
			 from pg_attribute a join pg_type t on t.oid = a.atttypid
			 where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped
			 order by a.attnum`,
			[oid]
		);
		const info: TableInfo = {
			oid,
			columns: rows.map((row) => ({
				name: row.name,
				attnum: row.attnum,
				typeName: row.type_name,
				typeOid: row.type_oid,
				sqlType: row.sql_type
			})),
			primaryKey: rows.filter((row) => row.is_pk).map((row) => row.name)
		};
		await this.loadTypes(info.columns.map((column) => column.typeOid));
		this.tables.set(oid, { relation, info });
		return info;
	}

	type(oid: number): TypeInfo | undefined {
		return this.types.get(oid);
	}

	private async loadTypes(oids: number[]): Promise<void> {
		let missing = [...new Set(oids)].filter((oid) => !this.types.has(oid));
		while (missing.length > 0) {
			const { rows } = await this.pool.query<{
				oid: number;
				name: string;
				base: number;
				elem: number;
				delim: string;
				kind: string;
			}>(
				`select t.oid::int as oid, t.typname as name, b.oid::int as base,
				        case when b.typlen = -1 then b.typelem::int else 0 end as elem,
				        b.typdelim as delim, b.typtype as kind
				 from pg_type t
				 join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end
				 where t.oid = any($1::oid[])`,
				[missing]
			);
			for (const row of rows)
				this.types.set(row.oid, {
					oid: row.oid,
					name: row.name,
					baseOid: row.base,
					elemOid: row.elem,
					delimiter: row.delim,
					kind: row.kind
				});
			missing = rows.map((row) => row.elem).filter((oid) => oid !== 0 && !this.types.has(oid));
		}
	}
}
