// A small synthetic catalog for the plan and SQL unit tests: the rows the schema cache queries
// would return for a library schema (authors, books with two publisher keys, a junction, a
// one-to-one profile, a self-reference, a view over books, functions), assembled by the same
// code as a live cache.
import { assembleSchemaCache } from '../../../../local-stack/rest/plan/schema-cache.ts';
import type {
	CatalogRows,
	ColumnRow,
	FunctionRow,
	SchemaCache,
	TableRow
} from '../../../../local-stack/rest/plan/schema-cache.ts';

let oid = 1000;
const oids = new Map<string, string>();

function column(num: number, spec: string): ColumnRow {
	const [name, type = 'text', extra = ''] = spec.split(':');
	return {
		num,
		name,
		description: null,
		nullable: !extra.includes('notnull'),
		data_type: type,
		nominal_type: type,
		max_length: null,
		default: extra.includes('default') ? `'${name}-default'::text` : null,
		enum: []
	};
}

function table(
	schema: string,
	name: string,
	columns: string[],
	pk: string[],
	isView = false
): TableRow {
	const id = String(oid++);
	oids.set(`${schema}.${name}`, id);
	return {
		oid: id,
		schema,
		name,
		description: null,
		is_view: isView,
		insertable: true,
		updatable: true,
		deletable: true,
		pk_cols: pk,
		columns: columns.map((c, i) => column(i + 1, c))
	};
}

const fk = (
	table: string,
	constraint: string,
	foreign: string,
	columns: [string, string][],
	oneToOne = false
) => ({
	schema: 'public',
	name: table,
	foreign_schema: 'public',
	foreign_name: foreign,
	is_self: table === foreign,
	constraint,
	columns,
	one_to_one: oneToOne
});

function fn(
	name: string,
	params: [string, string, boolean][],
	returns: { name: string; setof?: boolean; composite?: boolean },
	volatility = 'v'
): FunctionRow {
	return {
		schema: 'public',
		name,
		description: null,
		params: params.map(([n, t, required]) => [n, t, t, required, false]),
		return_schema: returns.composite ? 'public' : 'pg_catalog',
		return_name: returns.name,
		setof: returns.setof ?? false,
		composite: returns.composite ?? false,
		composite_alias: false,
		volatility,
		has_variadic: false,
		settings: []
	};
}

export function libraryCache(): SchemaCache {
	const tables = [
		table('public', 'authors', ['id:bigint:notnull', 'name:text:notnull', 'country'], ['id']),
		table('public', 'author_profiles', ['author_id:bigint:notnull', 'bio'], ['author_id']),
		table('public', 'publishers', ['id:bigint:notnull', 'name'], ['id']),
		table(
			'public',
			'books',
			[
				'id:bigint:notnull',
				'title:text:notnull',
				'author_id:bigint',
				'publisher_id:bigint',
				'reprint_publisher_id:bigint',
				'metadata:jsonb',
				'summary',
				'summary_tsv:tsvector',
				'note:text:default'
			],
			['id']
		),
		table('public', 'categories', ['id:bigint:notnull', 'name'], ['id']),
		table(
			'public',
			'book_categories',
			['book_id:bigint', 'category_id:bigint'],
			['book_id', 'category_id']
		),
		table('public', 'employees', ['id:bigint', 'name', 'manager_id:bigint'], ['id']),
		table('public', 'book_summaries', ['id:bigint', 'title', 'writer_id:bigint'], [], true),
		table('private', 'hidden', ['id:integer'], ['id'])
	];
	const books = oids.get('public.books')!;
	const view = oids.get('public.book_summaries')!;
	const entry = (resno: number, name: string, col: number) =>
		`{TARGETENTRY :expr {VAR :varno 1 :varattno ${col} :vartype 20 :location 7} :resno ${resno} :resname ${name} :ressortgroupref 0 :resorigtbl ${books} :resorigcol ${col} :resjunk false}`;
	const raw: CatalogRows = {
		tables,
		foreignKeys: [
			fk(
				'author_profiles',
				'author_profiles_author_id_fkey',
				'authors',
				[['author_id', 'id']],
				true
			),
			fk('books', 'books_author_id_fkey', 'authors', [['author_id', 'id']]),
			fk('books', 'books_publisher_id_fkey', 'publishers', [['publisher_id', 'id']]),
			fk('books', 'books_reprint_publisher_id_fkey', 'publishers', [
				['reprint_publisher_id', 'id']
			]),
			fk('book_categories', 'book_categories_book_id_fkey', 'books', [['book_id', 'id']]),
			fk('book_categories', 'book_categories_category_id_fkey', 'categories', [
				['category_id', 'id']
			]),
			fk('employees', 'employees_manager_id_fkey', 'employees', [['manager_id', 'id']])
		],
		keys: [
			{ name: 'books_pkey', type: 'p', relid: books, keys: [1], frelid: '0', fkeys: [] },
			{
				name: 'books_author_id_fkey',
				type: 'f',
				relid: books,
				keys: [3],
				frelid: oids.get('public.authors')!,
				fkeys: [1]
			}
		],
		views: [
			{
				oid: view,
				schema: 'public',
				name: 'book_summaries',
				action: `({QUERY :commandType 1 :querySource 0 :canSetTag true :utilityStmt <> :targetList (${entry(1, 'id', 1)} ${entry(2, 'title', 2)} ${entry(3, 'writer_id', 3)}) :constvalue 8 [ 1 0 0 0 0 0 0 0 ] :stmt_location 0})`
			}
		],
		functions: [
			fn(
				'add',
				[
					['a', 'integer', true],
					['b', 'integer', true]
				],
				{ name: 'int4' },
				'i'
			),
			fn('hello', [['name', 'text', false]], { name: 'text' }, 's'),
			fn('pick', [['a', 'integer', true]], { name: 'text' }),
			fn(
				'pick',
				[
					['a', 'integer', true],
					['b', 'integer', true]
				],
				{ name: 'text' }
			),
			fn(
				'books_by',
				[['writer', 'bigint', true]],
				{ name: 'books', setof: true, composite: true },
				's'
			),
			fn('echo', [['', 'json', true]], { name: 'json' }),
			fn('forget', [], { name: 'void' })
		],
		computed: [],
		timezones: ['UTC', 'Europe/Paris'],
		roleSettings: [{ role: 'anon', name: 'statement_timeout', value: '3s' }]
	};
	return assembleSchemaCache(raw, ['public', 'library']);
}
