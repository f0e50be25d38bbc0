// The RLS matrix as data: each table file lists cells (actor × operation → allowed or denied)
// and runMatrix() turns every cell into one test named as a sentence ("another member cannot
// select the owner's contacts"). Each cell works on a fresh row made by the service role and
// checks the outcome with the service role, so a silent no-op counts as denied.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/supabase/database.types.ts';
import { createWorld } from './actors.ts';
import type { Actor, World } from './actors.ts';

export type Table = keyof Database['public']['Tables'];
export type Operation = 'select' | 'insert' | 'update' | 'delete';
export type Outcome = 'allowed' | 'denied';
export type Cell = [actor: string, operation: Operation, outcome: Outcome];
type Values = Record<string, unknown>;

export type TableMatrix = {
	table: Table;
	/** How the rows are named in test names, e.g. "the owner's contacts". */
	subject: string;
	/** Who each actor of the cells is. */
	actors: Record<string, (world: World) => Actor>;
	/** Makes a fresh row as the service role and returns its key (column → value). */
	createRow(world: World): Promise<Values>;
	/** A complete new row (key included) that an actor tries to insert. */
	newRow(world: World): Values | Promise<Values>;
	/** The key of a row from newRow(); default: its `id`. */
	keyOf?(row: Values): Values;
	/** What an actor tries to change with an update. */
	patch(world: World): Values;
	cells: Cell[];
};

function sentence(actor: string, cell: Cell, subject: string) {
	return `${actor} ${cell[2] === 'allowed' ? 'can' : 'cannot'} ${cell[1]} ${subject}`;
}

function sameValue(expected: unknown, actual: unknown) {
	if (typeof expected === 'string' && typeof actual === 'string') {
		const a = Date.parse(expected);
		const b = Date.parse(actual);
		if (/^\d{4}-\d\d-\d\dT/.test(expected) && !Number.isNaN(a) && !Number.isNaN(b)) return a === b;
	}
	return JSON.stringify(expected) === JSON.stringify(actual);
}

/** Service-role view of one row, null when it does not exist. */
async function fetchRow(world: World, table: Table, key: Values): Promise<Values | null> {
	const { data, error } = await world.service.from(table).select('*').match(key).maybeSingle();
	if (error) throw new Error(`service select ${table}: ${error.message}`);
	return data as Values | null;
}

async function attempt(spec: TableMatrix, world: World, cell: Cell): Promise<boolean> {
	const actor = spec.actors[cell[0]](world);
	const from = () => actor.client.from(spec.table);
	switch (cell[1]) {
		case 'select': {
			const key = await spec.createRow(world);
			const { data, error } = await from().select('*').match(key);
			return !error && (data?.length ?? 0) === 1;
		}
		case 'insert': {
			const row = await spec.newRow(world);
			const key = spec.keyOf ? spec.keyOf(row) : { id: row.id };
			const { error } = await from().insert(row as never);
			const stored = await fetchRow(world, spec.table, key);
			if (stored) await world.service.from(spec.table).delete().match(key);
			return !error && stored !== null;
		}
		case 'update': {
			const key = await spec.createRow(world);
			const patch = spec.patch(world);
			const { error } = await from()
				.update(patch as never)
				.match(key);
			const stored = await fetchRow(world, spec.table, key);
			const changed =
				stored !== null &&
				Object.entries(patch).every(([column, value]) => sameValue(value, stored[column]));
			return !error && changed;
		}
		case 'delete': {
			const key = await spec.createRow(world);
			const { error } = await from().delete().match(key);
			const stored = await fetchRow(world, spec.table, key);
			return !error && stored === null;
		}
	}
}

/** Registers one test per cell of the table's matrix, on a world of fresh accounts. */
export function runMatrix(spec: TableMatrix): void {
	describe(`row level security of ${spec.table}`, () => {
		let world: World;
		beforeAll(async () => {
			world = await createWorld();
		}, 120_000);

		for (const cell of spec.cells) {
			if (!spec.actors[cell[0]]) throw new Error(`${spec.table}: unknown actor "${cell[0]}"`);
			it(sentence(cell[0], cell, spec.subject), async () => {
				const allowed = await attempt(spec, world, cell);
				expect(allowed ? 'allowed' : 'denied').toBe(cell[2]);
			});
		}
	});
}

/** Every operation for one actor with the same outcome: a row of the matrix at once. */
export function all(
	actor: string,
	outcome: Outcome,
	operations: Operation[] = ['select', 'insert', 'update', 'delete']
): Cell[] {
	return operations.map((operation) => [actor, operation, outcome]);
}

export const uuid = () => randomUUID();
