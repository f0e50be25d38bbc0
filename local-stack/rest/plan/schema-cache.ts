// PostgREST's schema cache (SchemaCache.hs), read from the catalog as `authenticator`: tables and
// views of the exposed schemas with columns and primary keys, foreign-key relationships
// (many-to-one, one-to-one, their inverses, many-to-many through junctions, and the same through
// views by following view columns to their base tables), computed relationships, functions,
// timezones and the API roles' own settings. Privileges are not part of it: Postgres decides.
import type pg from 'pg';
import { viewTargets } from './node-tree.ts';
import type { TargetEntry } from './node-tree.ts';

export type QI = { schema: string; name: string };
export const qiKey = (qi: QI) => `${qi.schema}\u0000${qi.name}`;
export const sameQi = (a: QI, b: QI) => a.schema === b.schema && a.name === b.name;

export type Column = {
	name: string;
	description: string | null;
	nullable: boolean;
	/** format_type without typmod for pg_catalog types, the base type for domains. */
	dataType: string;
	/** format_type with typmod: the type json_to_recordset reads the column as. */
	nominalType: string;
	maxLength: number | null;
	default: string | null;
	enumValues: string[];
};

export type Table = {
	schema: string;
	name: string;
	description: string | null;
	isView: boolean;
	insertable: boolean;
	updatable: boolean;
	deletable: boolean;
	pkCols: string[];
	columns: Map<string, Column>;
};

export type Junction = {
	table: QI;
	constraint1: string;
	constraint2: string;
	/** (source table column, junction column) */
	sourceColumns: [string, string][];
	/** (target table column, junction column) */
	targetColumns: [string, string][];
};

export type Cardinality =
	| { kind: 'o2m'; constraint: string; columns: [string, string][] }
	| { kind: 'm2o'; constraint: string; columns: [string, string][] }
	| { kind: 'o2o'; constraint: string; columns: [string, string][]; isParent: boolean }
	| { kind: 'm2m'; junction: Junction };

export type Relationship =
	| {
			kind: 'fk';
			table: QI;
			foreignTable: QI;
			isSelf: boolean;
			cardinality: Cardinality;
			tableIsView: boolean;
			foreignTableIsView: boolean;
	  }
	| {
			kind: 'computed';
			function: QI;
			table: QI;
			foreignTable: QI;
			toOne: boolean;
			isSelf: boolean;
	  };

export type RoutineParam = {
	name: string;
	type: string;
	/** The type without length limits (`character varying` for `character varying(n)`). */
	typeMaxLength: string;
	required: boolean;
	variadic: boolean;
};

export type RoutineReturn = {
	setOf: boolean;
	composite: boolean;
	schema: string;
	name: string;
	compositeAlias: boolean;
};

export type Routine = {
	schema: string;
	name: string;
	description: string | null;
	params: RoutineParam[];
	returnType: RoutineReturn;
	volatility: 'volatile' | 'stable' | 'immutable';
	hasVariadic: boolean;
	/** Hoisted settings of the function (statement_timeout …), applied to the transaction. */
	settings: [string, string][];
};

export type SchemaCache = {
	tables: Map<string, Table>;
	/** Keyed by `qiKey(table) + '\u0000' + foreign schema`, as upstream's RelationshipsMap. */
	relationships: Map<string, Relationship[]>;
	routines: Map<string, Routine[]>;
	timezones: Set<string>;
	/** Settings of the roles authenticator can become (statement_timeout …), by role. */
	roleSettings: Map<string, [string, string][]>;
	schemas: string[];
	loadedAt: number;
};

export const relKey = (table: QI, foreignSchema: string) => `${qiKey(table)}\u0000${foreignSchema}`;

export const returnsScalar = (r: Routine) => !r.returnType.setOf && !r.returnType.composite;
export const returnsSetOfScalar = (r: Routine) => r.returnType.setOf && !r.returnType.composite;
export const returnsSingle = (r: Routine) => !r.returnType.setOf;
export const returnsSingleComposite = (r: Routine) => !r.returnType.setOf && r.returnType.composite;
export const returnsVoid = (r: Routine) =>
	!r.returnType.setOf &&
	!r.returnType.composite &&
	r.returnType.schema === 'pg_catalog' &&
	r.returnType.name === 'void';
export const routineTableName = (r: Routine) => (r.returnType.composite ? r.returnType.name : null);

export const isToOne = (rel: Relationship) =>
	rel.kind === 'computed'
		? rel.toOne
		: rel.cardinality.kind === 'm2o' || rel.cardinality.kind === 'o2o';

// ---- catalog queries (ours; same information as upstream's) ---------------------------------

const TABLES = `
with recursive base_types as (
  select oid, typbasetype, typnamespace as base_namespace, coalesce(nullif(typbasetype, 0), oid) as base_type
  from pg_catalog.pg_type
  union
  select t.oid, b.typbasetype, b.typnamespace, coalesce(nullif(b.typbasetype, 0), b.oid)
  from base_types t join pg_catalog.pg_type b on t.typbasetype = b.oid
), bases as (select oid, base_namespace, base_type from base_types where typbasetype = 0)
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, d.description,
  c.relkind in ('v', 'm') as is_view,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_catalog.pg_relation_is_updatable(c.oid::regclass, true) & 8) = 8)) as insertable,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_catalog.pg_relation_is_updatable(c.oid::regclass, true) & 4) = 4)) as updatable,
  (c.relkind in ('r', 'p') or (c.relkind in ('v', 'f') and (pg_catalog.pg_relation_is_updatable(c.oid::regclass, true) & 16) = 16)) as deletable,
  coalesce((
    select pg_catalog.json_agg(a.attname order by a.attname)
    from pg_catalog.pg_constraint k join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.conrelid = c.oid and k.contype = 'p' and c.relkind in ('r', 'p') and not a.attisdropped
  ), '[]') as pk_cols,
  coalesce((
    select pg_catalog.json_agg(pg_catalog.json_build_object(
      'num', a.attnum,
      'name', a.attname,
      'description', ad_d.description,
      'nullable', not (a.attnotnull or t.typtype = 'd' and t.typnotnull),
      'data_type', case
        when t.typtype = 'd' then case when bt.base_namespace = 'pg_catalog'::regnamespace
          then pg_catalog.format_type(bt.base_type, null) else pg_catalog.format_type(a.atttypid, a.atttypmod) end
        else case when t.typnamespace = 'pg_catalog'::regnamespace
          then pg_catalog.format_type(a.atttypid, null) else pg_catalog.format_type(a.atttypid, a.atttypmod) end
      end,
      'nominal_type', pg_catalog.format_type(a.atttypid, a.atttypmod),
      'max_length', information_schema._pg_char_max_length(information_schema._pg_truetypid(a.*, t.*), information_schema._pg_truetypmod(a.*, t.*)),
      'default', case
        when t.typbasetype <> 0 and ad.adbin is null then pg_catalog.pg_get_expr(t.typdefaultbin, 0)
        when a.attidentity = 'd' then pg_catalog.format('nextval(%L)', seq.objid::regclass)
        when a.attgenerated = 's' then null
        else pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)
      end,
      'enum', coalesce((select pg_catalog.json_agg(e.enumlabel order by e.enumsortorder) from pg_catalog.pg_enum e where e.enumtypid = bt.base_type), '[]')
    ) order by a.attnum)
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_type t on t.oid = a.atttypid
    left join bases bt on bt.oid = t.oid
    left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    left join pg_catalog.pg_description ad_d on ad_d.objoid = a.attrelid and ad_d.objsubid = a.attnum and ad_d.classoid = 'pg_catalog.pg_class'::regclass
    left join pg_catalog.pg_depend seq on seq.refobjid = a.attrelid and seq.refobjsubid = a.attnum and seq.deptype = 'i' and seq.classid = 'pg_catalog.pg_class'::regclass
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  ), '[]') as columns
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_description d on d.objoid = c.oid and d.objsubid = 0 and d.classoid = 'pg_catalog.pg_class'::regclass
where c.relkind in ('v', 'r', 'm', 'f', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
  and not pg_catalog.pg_is_other_temp_schema(c.relnamespace)
  and not c.relispartition
order by n.nspname, c.relname`;

const FOREIGN_KEYS = `
select ns1.nspname as schema, tab.relname as name, ns2.nspname as foreign_schema, other.relname as foreign_name,
  k.conrelid = k.confrelid as is_self, k.conname as constraint,
  (select pg_catalog.json_agg(pg_catalog.json_build_array(a.attname, r.attname) order by u.ord)
     from unnest(k.conkey, k.confkey) with ordinality u(col, ref, ord)
     join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.col
     join pg_catalog.pg_attribute r on r.attrelid = k.confrelid and r.attnum = u.ref) as columns,
  exists (
    select 1 from pg_catalog.pg_constraint pu
    where pu.conrelid = k.conrelid and pu.contype in ('p', 'u')
      and (select array_agg(x order by x) from unnest(pu.conkey) x) = (select array_agg(x order by x) from unnest(k.conkey) x)
  ) as one_to_one
from pg_catalog.pg_constraint k
join pg_catalog.pg_namespace ns1 on ns1.oid = k.connamespace
join pg_catalog.pg_class tab on tab.oid = k.conrelid
join pg_catalog.pg_class other on other.oid = k.confrelid
join pg_catalog.pg_namespace ns2 on ns2.oid = other.relnamespace
where k.contype = 'f' and k.conparentid = 0
order by k.conrelid, k.conname`;

const KEY_CONSTRAINTS = `
select k.conname as name, k.contype as type, k.conrelid::int8::text as relid, k.conkey as keys,
  k.confrelid::int8::text as frelid, k.confkey as fkeys
from pg_catalog.pg_constraint k where k.contype in ('p', 'f')`;

const VIEWS = `
select c.oid::int8::text as oid, n.nspname as schema, c.relname as name, r.ev_action::text as action
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
join pg_catalog.pg_rewrite r on r.ev_class = c.oid and r.rulename = '_RETURN'
where c.relkind in ('v', 'm') and n.nspname = any ($1)`;

const FUNCTIONS = `
with recursive base_types as (
  select oid, typbasetype, coalesce(nullif(typbasetype, 0), oid) as base_type from pg_catalog.pg_type
  union
  select t.oid, b.typbasetype, coalesce(nullif(b.typbasetype, 0), b.oid)
  from base_types t join pg_catalog.pg_type b on t.typbasetype = b.oid
), bases as (select oid, base_type from base_types where typbasetype = 0),
args as (
  select p.oid,
    pg_catalog.json_agg(pg_catalog.json_build_array(
      coalesce(u.name, ''),
      u.type::regtype::text,
      case u.type
        when 'bit'::regtype then 'bit varying'
        when 'bit[]'::regtype then 'bit varying[]'
        when 'character'::regtype then 'character varying'
        when 'character[]'::regtype then 'character varying[]'
        else u.type::regtype::text
      end,
      u.pos <= (p.pronargs - p.pronargdefaults),
      coalesce(u.mode = 'v', false)
    ) order by u.pos) as params,
    count(*) - count(u.name) filter (where u.name <> '') as unnamed,
    (array_agg(u.type order by u.pos))[1] as first_type
  from pg_catalog.pg_proc p,
    lateral (
      select a.name, a.type, a.mode, row_number() over (order by a.idx) as pos
      from unnest(
        coalesce(p.proargnames, array_fill(''::text, array[coalesce(array_length(p.proallargtypes, 1), p.pronargs)])),
        coalesce(p.proallargtypes, p.proargtypes::oid[]),
        coalesce(p.proargmodes, array_fill('i'::"char", array[p.pronargs]))
      ) with ordinality as a(name, type, mode, idx)
      where a.mode in ('i', 'b', 'v')
    ) u
  group by p.oid
)
select pn.nspname as schema, p.proname as name, d.description,
  coalesce(a.params, '[]') as params,
  tn.nspname as return_schema, coalesce(comp.relname, t.typname) as return_name,
  p.proretset as setof,
  (t.typtype = 'c' or coalesce(p.proargmodes::text[] && '{t,b,o}', false)) as composite,
  bt.oid <> bt.base_type as composite_alias,
  p.provolatile as volatility,
  p.provariadic > 0 as has_variadic,
  coalesce((select pg_catalog.json_agg(pg_catalog.json_build_array(
      substr(s, 1, strpos(s, '=') - 1), substr(s, strpos(s, '=') + 1)))
    from unnest(p.proconfig) s where s like 'statement\\_timeout=%'), '[]') as settings
from pg_catalog.pg_proc p
left join args a on a.oid = p.oid
join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
join bases bt on bt.oid = p.prorettype
join pg_catalog.pg_type t on t.oid = bt.base_type
join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
left join pg_catalog.pg_class comp on comp.oid = t.typrelid
left join pg_catalog.pg_description d on d.objoid = p.oid and d.classoid = 'pg_catalog.pg_proc'::regclass
where t.oid <> 'trigger'::regtype and p.prokind = 'f' and pn.nspname = any ($1)
  and (a.oid is null or a.unnamed = 0
       or (a.unnamed = 1 and a.first_type in ('bytea'::regtype, 'json'::regtype, 'jsonb'::regtype, 'text'::regtype, 'xml'::regtype)))`;

const COMPUTED_RELATIONSHIPS = `
with relations as (select reltype from pg_catalog.pg_class where relkind in ('v', 'r', 'm', 'f', 'p'))
select pn.nspname as schema, p.proname as name,
  arg_schema.nspname as table_schema, arg_type.typname as table_name,
  ret_schema.nspname as foreign_schema, ret_type.typname as foreign_name,
  not p.proretset or p.prorows = 1 as single_row
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
join pg_catalog.pg_type arg_type on arg_type.oid = p.proargtypes[0]
join pg_catalog.pg_namespace arg_schema on arg_schema.oid = arg_type.typnamespace
join pg_catalog.pg_type ret_type on ret_type.oid = p.prorettype
join pg_catalog.pg_namespace ret_schema on ret_schema.oid = ret_type.typnamespace
where p.pronargs = 1
  and p.proargtypes[0] in (select reltype from relations)
  and p.prorettype in (select reltype from relations)`;

const ROLE_SETTINGS = `
select r.rolname as role, split_part(s.setting, '=', 1) as name,
  lower(substr(s.setting, strpos(s.setting, '=') + 1)) as value
from pg_catalog.pg_auth_members m
join pg_catalog.pg_roles r on r.oid = m.roleid
cross join lateral unnest(r.rolconfig) s(setting)
join pg_catalog.pg_settings ps on ps.name = split_part(s.setting, '=', 1)
where m.member = quote_ident(current_user)::regrole
  and split_part(s.setting, '=', 1) <> 'default_transaction_isolation'
  and (ps.context = 'user' or has_parameter_privilege(current_user, ps.name, 'set'))`;

// ---- assembling the cache -----------------------------------------------------------------

export type ColumnRow = {
	num: number;
	name: string;
	description: string | null;
	nullable: boolean;
	data_type: string;
	nominal_type: string;
	max_length: number | null;
	default: string | null;
	enum: string[];
};

type KeyDependency = {
	table: QI;
	view: QI;
	constraint: string;
	type: 'p' | 'f' | 'f_ref';
	/** (table column, view columns referencing it) in key order */
	columns: [string, string[]][];
};

function cartesian<T>(lists: T[][]): T[][] {
	return lists.reduce<T[][]>(
		(acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])),
		[[]]
	);
}

/** Every way to pick one view column per key column (a key column may appear several times). */
function expandKeyColumns(columns: [string, string[]][]): [string, string][][] {
	return cartesian(columns.map(([, viewCols]) => viewCols)).map((picked) =>
		picked.map((viewCol, i): [string, string] => [columns[i][0], viewCol])
	);
}

/** Catalog rows as the queries above return them: the input of the pure assembly below. */
export type CatalogRows = {
	tables: TableRow[];
	foreignKeys: ForeignKeyRow[];
	keys: KeyRow[];
	views: ViewRow[];
	functions: FunctionRow[];
	computed: ComputedRow[];
	timezones: string[];
	roleSettings: { role: string; name: string; value: string }[];
};

export type TableRow = {
	oid: string;
	schema: string;
	name: string;
	description: string | null;
	is_view: boolean;
	insertable: boolean;
	updatable: boolean;
	deletable: boolean;
	pk_cols: string[];
	columns: ColumnRow[];
};
export type ForeignKeyRow = {
	schema: string;
	name: string;
	foreign_schema: string;
	foreign_name: string;
	is_self: boolean;
	constraint: string;
	columns: [string, string][];
	one_to_one: boolean;
};
export type KeyRow = {
	name: string;
	type: string;
	relid: string;
	keys: number[];
	frelid: string;
	fkeys: number[];
};
export type ViewRow = { oid: string; schema: string; name: string; action: string };
export type FunctionRow = {
	schema: string;
	name: string;
	description: string | null;
	params: [string, string, string, boolean, boolean][];
	return_schema: string;
	return_name: string;
	setof: boolean;
	composite: boolean;
	composite_alias: boolean;
	volatility: string;
	has_variadic: boolean;
	settings: [string, string][];
};
export type ComputedRow = {
	schema: string;
	name: string;
	table_schema: string;
	table_name: string;
	foreign_schema: string;
	foreign_name: string;
	single_row: boolean;
};

export async function loadSchemaCache(
	client: pg.ClientBase,
	options: { schemas: string[]; extraSearchPath: string[] }
): Promise<SchemaCache> {
	const { schemas } = options;
	await client.query('begin read only');
	let rows: CatalogRows;
	try {
		await client.query(`set local search_path to ''`);
		const viewSchemas = [...new Set([...schemas, ...options.extraSearchPath])];
		rows = {
			tables: (await client.query(TABLES)).rows,
			foreignKeys: (await client.query(FOREIGN_KEYS)).rows,
			keys: (await client.query(KEY_CONSTRAINTS)).rows,
			views: (await client.query(VIEWS, [viewSchemas])).rows,
			functions: (await client.query(FUNCTIONS, [schemas])).rows,
			computed: (await client.query(COMPUTED_RELATIONSHIPS)).rows,
			timezones: (await client.query('select name from pg_catalog.pg_timezone_names')).rows.map(
				(r) => r.name as string
			),
			roleSettings: (await client.query(ROLE_SETTINGS)).rows
		};
		await client.query('commit');
	} catch (error) {
		await client.query('rollback').catch(() => undefined);
		throw error;
	}
	return assembleSchemaCache(rows, schemas);
}

/** Tables, relationships and functions of the exposed schemas from the raw catalog rows. */
export function assembleSchemaCache(raw: CatalogRows, schemas: string[]): SchemaCache {
	// Tables of every schema (junctions and view bases may live outside the exposed ones).
	const allTables = new Map<string, Table>();
	const attnames = new Map<string, Map<number, string>>();
	const byOid = new Map<string, QI>();
	for (const row of raw.tables) {
		const cols = row.columns;
		const columns = new Map<string, Column>();
		const names = new Map<number, string>();
		for (const c of cols) {
			names.set(c.num, c.name);
			columns.set(c.name, {
				name: c.name,
				description: c.description,
				nullable: c.nullable,
				dataType: c.data_type,
				nominalType: c.nominal_type,
				maxLength: c.max_length,
				default: c.default,
				enumValues: c.enum
			});
		}
		const table: Table = {
			schema: row.schema,
			name: row.name,
			description: row.description,
			isView: row.is_view,
			insertable: row.insertable,
			updatable: row.updatable,
			deletable: row.deletable,
			pkCols: row.pk_cols,
			columns
		};
		allTables.set(qiKey(table), table);
		attnames.set(row.oid, names);
		byOid.set(row.oid, { schema: row.schema, name: row.name });
	}

	const keyDeps = viewKeyDependencies(raw.views, raw.keys, attnames, byOid, schemas);

	// Views get the primary key of their base table when all its columns are exposed.
	for (const dep of keyDeps) {
		if (dep.type !== 'p') continue;
		const view = allTables.get(qiKey(dep.view));
		if (view && view.pkCols.length === 0) view.pkCols = dep.columns.map(([, cols]) => cols[0]);
	}

	let rels: Relationship[] = raw.foreignKeys.map((row): Relationship => {
		const columns = row.columns;
		return {
			kind: 'fk',
			table: { schema: row.schema, name: row.name },
			foreignTable: { schema: row.foreign_schema, name: row.foreign_name },
			isSelf: row.is_self,
			cardinality: row.one_to_one
				? { kind: 'o2o', constraint: row.constraint, columns, isParent: false }
				: { kind: 'm2o', constraint: row.constraint, columns },
			tableIsView: false,
			foreignTableIsView: false
		};
	});
	rels = addViewRelationships(keyDeps, rels);
	rels = addManyToMany(allTables, rels);
	rels = addInverse(rels);

	const computed = raw.computed.map((row): Relationship => ({
		kind: 'computed',
		function: { schema: row.schema, name: row.name },
		table: { schema: row.table_schema, name: row.table_name },
		foreignTable: { schema: row.foreign_schema, name: row.foreign_name },
		toOne: row.single_row,
		isSelf: row.table_schema === row.foreign_schema && row.table_name === row.foreign_name
	}));

	// Computed relationships override detected ones of the same (table, name) pair.
	const patched = new Map<string, Relationship[]>();
	for (const rel of rels) {
		const key = `${qiKey(rel.table)}\u0000${qiKey(rel.foreignTable)}`;
		patched.set(key, [...(patched.get(key) ?? []), rel]);
	}
	for (const rel of computed) {
		if (rel.kind !== 'computed') continue;
		patched.set(`${qiKey(rel.table)}\u0000${qiKey(rel.function)}`, [rel]);
	}

	const relationships = new Map<string, Relationship[]>();
	for (const list of patched.values()) {
		for (const rel of list) {
			if (!schemas.includes(rel.table.schema)) continue;
			if (!schemas.includes(rel.foreignTable.schema)) continue;
			if (rel.kind === 'fk' && rel.cardinality.kind === 'm2m')
				if (!schemas.includes(rel.cardinality.junction.table.schema)) continue;
			const key = relKey(rel.table, rel.foreignTable.schema);
			relationships.set(key, [...(relationships.get(key) ?? []), rel]);
		}
	}
	for (const list of relationships.values()) list.sort(compareRelationships);

	const tables = new Map<string, Table>();
	for (const [key, table] of allTables) if (schemas.includes(table.schema)) tables.set(key, table);

	const routines = new Map<string, Routine[]>();
	for (const row of raw.functions) {
		const routine: Routine = {
			schema: row.schema,
			name: row.name,
			description: row.description,
			params: row.params.map(([name, type, typeMaxLength, required, variadic]) => ({
				name,
				type,
				typeMaxLength,
				required,
				variadic
			})),
			returnType: {
				setOf: row.setof,
				composite: row.composite,
				schema: row.return_schema,
				name: row.return_name,
				compositeAlias: row.composite_alias
			},
			volatility:
				row.volatility === 'i' ? 'immutable' : row.volatility === 's' ? 'stable' : 'volatile',
			hasVariadic: row.has_variadic,
			settings: row.settings
		};
		const key = qiKey(routine);
		routines.set(key, [...(routines.get(key) ?? []), routine]);
	}
	for (const list of routines.values()) list.sort((a, b) => a.params.length - b.params.length);

	const roleSettings = new Map<string, [string, string][]>();
	for (const row of raw.roleSettings)
		roleSettings.set(row.role, [...(roleSettings.get(row.role) ?? []), [row.name, row.value]]);

	return {
		tables,
		relationships,
		routines,
		timezones: new Set(raw.timezones),
		roleSettings,
		schemas,
		loadedAt: Date.now()
	};
}

const CARDINALITY_ORDER = { o2m: 0, m2o: 1, o2o: 2, m2m: 3 } as const;

function compareRelationships(a: Relationship, b: Relationship): number {
	const ka = `${qiKey(a.table)}\u0001${qiKey(a.foreignTable)}`;
	const kb = `${qiKey(b.table)}\u0001${qiKey(b.foreignTable)}`;
	if (ka !== kb) return ka < kb ? -1 : 1;
	if (a.kind !== 'fk' || b.kind !== 'fk') return 0;
	const ca = CARDINALITY_ORDER[a.cardinality.kind] - CARDINALITY_ORDER[b.cardinality.kind];
	if (ca !== 0) return ca;
	const na =
		a.cardinality.kind === 'm2m' ? a.cardinality.junction.table.name : a.cardinality.constraint;
	const nb =
		b.cardinality.kind === 'm2m' ? b.cardinality.junction.table.name : b.cardinality.constraint;
	return na < nb ? -1 : na > nb ? 1 : 0;
}

function viewKeyDependencies(
	viewRows: { oid: string; schema: string; name: string; action: string }[],
	keyRows: {
		name: string;
		type: string;
		relid: string;
		keys: number[];
		frelid: string;
		fkeys: number[];
	}[],
	attnames: Map<string, Map<number, string>>,
	byOid: Map<string, QI>,
	schemas: string[]
): KeyDependency[] {
	const targets = new Map<string, Map<number, { table: string; column: number }>>();
	for (const view of viewRows) {
		let entries: TargetEntry[];
		try {
			entries = viewTargets(view.action);
		} catch {
			// A definition we cannot read only costs the view its relationships.
			entries = [];
		}
		const map = new Map<number, { table: string; column: number }>();
		for (const e of entries)
			if (e.origTable) map.set(e.resno, { table: String(e.origTable), column: e.origColumn });
		targets.set(view.oid, map);
	}
	/** Follows a view column through views down to a base-table column. */
	const resolve = (
		table: string,
		column: number,
		seen: Set<string>
	): { table: string; column: number } => {
		const inner = targets.get(table)?.get(column);
		if (!inner || seen.has(table)) return { table, column };
		seen.add(table);
		return targets.has(inner.table) ? resolve(inner.table, inner.column, seen) : inner;
	};

	const deps: KeyDependency[] = [];
	for (const view of viewRows) {
		if (!schemas.includes(view.schema)) continue;
		const viewCols = attnames.get(view.oid);
		if (!viewCols) continue;
		// base table oid → base column number → view column names
		const origin = new Map<string, Map<number, string[]>>();
		for (const [resno] of targets.get(view.oid) ?? []) {
			const base = resolve(view.oid, resno, new Set());
			const name = viewCols.get(resno);
			if (name === undefined || base.table === view.oid) continue;
			const cols = origin.get(base.table) ?? new Map<number, string[]>();
			cols.set(base.column, [...(cols.get(base.column) ?? []), name]);
			origin.set(base.table, cols);
		}
		for (const key of keyRows) {
			const sides: ['p' | 'f' | 'f_ref', string, number[]][] =
				key.type === 'p'
					? [['p', key.relid, key.keys]]
					: [
							['f', key.relid, key.keys],
							['f_ref', key.frelid, key.fkeys]
						];
			for (const [type, relid, attnums] of sides) {
				const cols = origin.get(relid);
				const table = byOid.get(relid);
				const tableCols = attnames.get(relid);
				if (!cols || !table || !tableCols) continue;
				if (!attnums.every((n) => cols.has(n))) continue;
				deps.push({
					table,
					view: { schema: view.schema, name: view.name },
					constraint: key.name,
					type,
					columns: attnums.map((n): [string, string[]] => [tableCols.get(n)!, cols.get(n)!])
				});
			}
		}
	}
	return deps;
}

function addViewRelationships(deps: KeyDependency[], rels: Relationship[]): Relationship[] {
	const index = new Map<string, KeyDependency[]>();
	for (const dep of deps) {
		const key = `${qiKey(dep.table)}\u0000${dep.constraint}\u0000${dep.type}`;
		index.set(key, [...(index.get(key) ?? []), dep]);
	}
	const lookup = (table: QI, constraint: string, type: string) =>
		index.get(`${qiKey(table)}\u0000${constraint}\u0000${type}`) ?? [];
	const extra: Relationship[] = [];
	for (const rel of rels) {
		if (rel.kind !== 'fk') continue;
		const card = rel.cardinality;
		if (card.kind !== 'm2o' && !(card.kind === 'o2o' && !card.isParent)) continue;
		const build = (columns: [string, string][]): Cardinality =>
			card.kind === 'm2o'
				? { kind: 'm2o', constraint: card.constraint, columns }
				: { kind: 'o2o', constraint: card.constraint, columns, isParent: false };
		const viewTable = lookup(rel.table, card.constraint, 'f');
		const tableView = lookup(rel.foreignTable, card.constraint, 'f_ref');
		for (const vt of viewTable)
			for (const picked of expandKeyColumns(vt.columns))
				extra.push({
					...rel,
					table: vt.view,
					isSelf: false,
					cardinality: build(picked.map(([, viewCol], i) => [viewCol, card.columns[i][1]])),
					tableIsView: true,
					foreignTableIsView: false
				});
		for (const tv of tableView)
			for (const picked of expandKeyColumns(tv.columns))
				extra.push({
					...rel,
					foreignTable: tv.view,
					isSelf: false,
					cardinality: build(card.columns.map(([col], i) => [col, picked[i][1]])),
					tableIsView: false,
					foreignTableIsView: true
				});
		for (const vt of viewTable)
			for (const pickedVt of expandKeyColumns(vt.columns))
				for (const tv of tableView)
					for (const pickedTv of expandKeyColumns(tv.columns))
						extra.push({
							...rel,
							table: vt.view,
							foreignTable: tv.view,
							isSelf: qiKey(vt.view) === qiKey(tv.view),
							cardinality: build(pickedVt.map(([, v1], i) => [v1, pickedTv[i][1]])),
							tableIsView: true,
							foreignTableIsView: true
						});
	}
	return [...rels, ...extra];
}

function addManyToMany(tables: Map<string, Table>, rels: Relationship[]): Relationship[] {
	const byTable = new Map<string, Relationship[]>();
	for (const rel of rels)
		byTable.set(qiKey(rel.table), [...(byTable.get(qiKey(rel.table)) ?? []), rel]);
	const extra: Relationship[] = [];
	for (const r1 of rels) {
		if (r1.kind !== 'fk' || r1.cardinality.kind !== 'm2o') continue;
		const c1 = r1.cardinality;
		for (const r2 of byTable.get(qiKey(r1.table)) ?? []) {
			if (r2.kind !== 'fk' || r2.cardinality.kind !== 'm2o') continue;
			const c2 = r2.cardinality;
			if (c1.constraint === c2.constraint) continue;
			const junctionCols = new Set([...c1.columns.map(([c]) => c), ...c2.columns.map(([c]) => c)]);
			const pk = new Set(tables.get(qiKey(r1.table))?.pkCols ?? []);
			if (![...junctionCols].every((c) => pk.has(c))) continue;
			extra.push({
				kind: 'fk',
				table: r1.foreignTable,
				foreignTable: r2.foreignTable,
				isSelf: qiKey(r1.foreignTable) === qiKey(r2.foreignTable),
				cardinality: {
					kind: 'm2m',
					junction: {
						table: r1.table,
						constraint1: c1.constraint,
						constraint2: c2.constraint,
						sourceColumns: c1.columns.map(([j, t]) => [t, j]),
						targetColumns: c2.columns.map(([j, t]) => [t, j])
					}
				},
				tableIsView: r1.foreignTableIsView,
				foreignTableIsView: r2.foreignTableIsView
			});
		}
	}
	return [...rels, ...extra];
}

function addInverse(rels: Relationship[]): Relationship[] {
	const inverse: Relationship[] = [];
	for (const rel of rels) {
		if (rel.kind !== 'fk') continue;
		const card = rel.cardinality;
		const swapped = (cols: [string, string][]) => cols.map(([a, b]): [string, string] => [b, a]);
		const base = {
			kind: 'fk' as const,
			table: rel.foreignTable,
			foreignTable: rel.table,
			isSelf: rel.isSelf,
			tableIsView: rel.foreignTableIsView,
			foreignTableIsView: rel.tableIsView
		};
		if (card.kind === 'm2o')
			inverse.push({
				...base,
				cardinality: { kind: 'o2m', constraint: card.constraint, columns: swapped(card.columns) }
			});
		if (card.kind === 'o2o')
			inverse.push({
				...base,
				cardinality: {
					kind: 'o2o',
					constraint: card.constraint,
					columns: swapped(card.columns),
					isParent: !card.isParent
				}
			});
	}
	return [...rels, ...inverse];
}
