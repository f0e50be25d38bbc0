import { describe, expect, it } from 'vitest';
import { lineAndColumn, splitStatements } from '../../../../local-stack/migrations/split.ts';

describe('splitStatements', () => {
	it('splits on top-level semicolons and drops empty statements', () => {
		expect(splitStatements('create table a (id int);\n\n;select 1;  ')).toEqual([
			'create table a (id int)',
			'select 1'
		]);
	});

	it('keeps semicolons inside quotes, identifiers and comments', () => {
		const sql = `insert into t values ('a;b', 'it''s; ok');\nselect "we;ird" from t; -- trailing; comment\n/* block; */ select 2;`;
		expect(splitStatements(sql)).toEqual([
			"insert into t values ('a;b', 'it''s; ok')",
			'select "we;ird" from t',
			'-- trailing; comment\n/* block; */ select 2'
		]);
	});

	it('keeps function bodies in dollar quotes whole', () => {
		const sql = `create function f() returns int language plpgsql as $body$ begin return 1; end; $body$;\nselect f();`;
		expect(splitStatements(sql)).toEqual([
			'create function f() returns int language plpgsql as $body$ begin return 1; end; $body$',
			'select f()'
		]);
	});

	it('keeps BEGIN ATOMIC bodies whole', () => {
		const sql = `create function g() returns int language sql begin atomic select 1; select 2; end;\nselect g();`;
		expect(splitStatements(sql)).toEqual([
			'create function g() returns int language sql begin atomic select 1; select 2; end',
			'select g()'
		]);
	});

	it('understands backslash escapes only in E strings', () => {
		expect(splitStatements(`select E'a\\';b'; select 'c\\'; select 3;`)).toEqual([
			`select E'a\\';b'`,
			`select 'c\\'`,
			'select 3'
		]);
	});
});

describe('lineAndColumn', () => {
	it('gives 1-based line and column of an offset', () => {
		expect(lineAndColumn('select 1;\nselect x;', 17)).toEqual({ line: 2, column: 8 });
	});
});
