import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settle, startRealtimeStack } from './realtime-stack.ts';
import type { Joined, Member, RealtimeStack } from './realtime-stack.ts';

type Change = {
	schema: string;
	table: string;
	commit_timestamp: string;
	eventType: string;
	new: Record<string, unknown>;
	old: Record<string, unknown>;
	errors: string[] | null;
};

// notes: RLS (owners read their own), replica identity full. scores: readable by all, typed
// columns. secrets: key not selectable by the API roles. logs: no primary key.
describe('postgres_changes', () => {
	let stack: RealtimeStack;
	let alice: Member;
	let bob: Member;
	let nextScore = 1;

	/** Joins with the bindings and waits for "Subscribed to PostgreSQL". */
	async function listen(member: Member, filters: Record<string, string>[]) {
		const received = filters.map(() => [] as Change[]);
		const joined = await stack.join(member, `changes-${Math.random()}`, {
			changes: filters.map((filter, i) => ({ filter, received: received[i] }))
		});
		expect(joined.status).toBe('SUBSCRIBED');
		await eventually(() => joined.system.length > 0);
		return { joined, received };
	}

	const insertScore = async (points: number, player = 'p', active = true) => {
		const id = nextScore++;
		await stack.db.query(
			'insert into public.scores (id, player, points, active) values ($1, $2, $3, $4)',
			[id, player, points, active]
		);
		return id;
	};

	beforeAll(async () => {
		stack = await startRealtimeStack();
		alice = stack.member();
		bob = stack.member();
	});
	afterEach(async () => {
		await stack.reset();
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('a subscription is confirmed with the system message "Subscribed to PostgreSQL"', async () => {
		const { joined } = await listen(alice, [{ event: '*', schema: 'public', table: 'scores' }]);
		expect(joined.system[0]).toEqual({
			extension: 'postgres_changes',
			status: 'ok',
			message: 'Subscribed to PostgreSQL',
			channel: joined.channel.subTopic
		});
	});

	it('an insert arrives with the payload shape of Supabase, values typed', async () => {
		const { received } = await listen(alice, [
			{ event: 'INSERT', schema: 'public', table: 'notes' }
		]);
		await stack.db.query(
			`insert into public.notes (owner_id, body, tags, meta) values ($1, 'hello', '{a,"b c"}', '{"k": [1, 2]}')`,
			[alice.id]
		);
		const change = await eventually(() => received[0][0]);
		expect(change).toMatchObject({
			schema: 'public',
			table: 'notes',
			eventType: 'INSERT',
			errors: null,
			old: {},
			new: { owner_id: alice.id, body: 'hello', tags: ['a', 'b c'], meta: { k: [1, 2] } }
		});
		expect(change?.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(typeof change?.new.id).toBe('number');
		expect(String(change?.new.created_at)).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('each change goes only to subscribers whose RLS lets them select the row', async () => {
		const mine = await listen(alice, [{ event: '*', schema: 'public', table: 'notes' }]);
		const theirs = await listen(bob, [{ event: '*', schema: 'public', table: 'notes' }]);
		await stack.db.query(`insert into public.notes (owner_id, body) values ($1, 'private note')`, [
			alice.id
		]);
		await eventually(() => mine.received[0].find((c) => c.new.body === 'private note'));
		await settle(500);
		expect(theirs.received[0].filter((c) => c.new.body === 'private note')).toEqual([]);
	});

	it('updates carry the old row with replica identity full; deletes under RLS only the key', async () => {
		const { rows } = await stack.db.query<{ id: string }>(
			`insert into public.notes (owner_id, body) values ($1, 'draft') returning id`,
			[alice.id]
		);
		const id = Number(rows[0].id);
		const { received } = await listen(alice, [
			{ event: 'UPDATE', schema: 'public', table: 'notes', filter: `id=eq.${id}` },
			{ event: 'DELETE', schema: 'public', table: 'notes', filter: `id=eq.${id}` }
		]);
		await stack.db.query(`update public.notes set body = 'final' where id = $1`, [id]);
		const update = await eventually(() => received[0][0]);
		expect(update).toMatchObject({
			eventType: 'UPDATE',
			new: { id, body: 'final' },
			old: { id, body: 'draft' }
		});
		await stack.db.query('delete from public.notes where id = $1', [id]);
		const deleted = await eventually(() => received[1][0]);
		expect(deleted?.eventType).toBe('DELETE');
		expect(deleted?.old).toEqual({ id });
		expect(deleted?.new).toEqual({});
	});

	it('a delete with the default replica identity carries the primary key only', async () => {
		const id = await insertScore(5, 'gone');
		const { received } = await listen(bob, [
			{ event: 'DELETE', schema: 'public', table: 'scores' }
		]);
		await stack.db.query('delete from public.scores where id = $1', [id]);
		expect((await eventually(() => received[0][0]))?.old).toEqual({ id });
	});

	it('the event filter keeps other events out', async () => {
		const { received } = await listen(bob, [
			{ event: 'UPDATE', schema: 'public', table: 'scores' }
		]);
		const id = await insertScore(1, 'events');
		await stack.db.query(`update public.scores set player = 'renamed' where id = $1`, [id]);
		const change = await eventually(() => received[0][0]);
		expect(change?.eventType).toBe('UPDATE');
		expect(change?.new.player).toBe('renamed');
		await settle(300);
		expect(received[0]).toHaveLength(1);
	});

	describe('filters', () => {
		const cases: [string, (ids: Record<string, number>) => string][] = [
			['points=eq.10', () => 'ten'],
			['points=neq.10', () => 'twenty,thirty'],
			['points=lt.20', () => 'ten'],
			['points=lte.20', () => 'ten,twenty'],
			['points=gt.20', () => 'thirty'],
			['points=gte.20', () => 'twenty,thirty'],
			['player=in.(ten,thirty)', () => 'ten,thirty'],
			['active=eq.false', () => 'thirty']
		];
		for (const [filter, expected] of cases) {
			it(`${filter} delivers only the matching rows`, async () => {
				const { received } = await listen(bob, [
					{ event: 'INSERT', schema: 'public', table: 'scores', filter },
					{ event: 'INSERT', schema: 'public', table: 'scores', filter: 'player=eq.marker' }
				]);
				const ids = {
					ten: await insertScore(10, 'ten'),
					twenty: await insertScore(20, 'twenty'),
					thirty: await insertScore(30, 'thirty', false)
				};
				// Changes go out in commit order: once the later marker row arrived, the rest did.
				await insertScore(-1, 'marker');
				await eventually(() => received[1].length > 0);
				expect(
					received[0]
						.map((c) => c.new.player)
						.filter((player) => player !== 'marker')
						.join(',')
				).toBe(expected(ids));
			});
		}
	});

	it('a table outside publication supabase_realtime is refused with a system error', async () => {
		const received: Change[] = [];
		const joined = await stack.join(alice, 'not-published', {
			changes: [{ filter: { event: '*', schema: 'public', table: 'room_members' }, received }]
		});
		expect(joined.status).toBe('SUBSCRIBED');
		const system = await eventually(() => joined.system[0]);
		expect(system).toMatchObject({ extension: 'postgres_changes', status: 'error' });
		expect(system?.message).toBe(
			'Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [event: *, schema: public, table: room_members, filters: [], select: nil]'
		);
	});

	it('a filter on an unknown column is refused with the database error', async () => {
		const joined = await stack.join(alice, 'bad-column', {
			changes: [
				{
					filter: { event: '*', schema: 'public', table: 'scores', filter: 'nope=eq.1' },
					received: []
				}
			]
		});
		const system = await eventually(() => joined.system[0]);
		expect(system?.status).toBe('error');
		expect(String(system?.message)).toContain(
			'Exception: ERROR P0001 (raise_exception) invalid column for filter nope'
		);
	});

	it('an unparsable filter is refused with the parse error', async () => {
		const joined = await stack.join(alice, 'bad-filter', {
			changes: [
				{
					filter: { event: '*', schema: 'public', table: 'scores', filter: 'points=foo.1' },
					received: []
				}
			]
		});
		expect((await eventually(() => joined.system[0]))?.message).toBe(
			'Error parsing `filter` params: ["foo", "1"]'
		);
	});

	it('a role that may not select the primary key gets an Error 401 instead of the row', async () => {
		const { received } = await listen(alice, [
			{ event: 'INSERT', schema: 'public', table: 'secrets' }
		]);
		await stack.db.query(`insert into public.secrets (id, value) values (1, 'hidden')`);
		const change = await eventually(() => received[0][0]);
		expect(change?.errors).toEqual(['Error 401: Unauthorized']);
		expect(change?.new).toEqual({});
	});

	it('a table without primary key gets an Error 400', async () => {
		const { received } = await listen(alice, [
			{ event: 'INSERT', schema: 'public', table: 'logs' }
		]);
		await stack.db.query(`insert into public.logs (line) values ('x')`);
		expect((await eventually(() => received[0][0]))?.errors).toEqual([
			'Error 400: Bad Request, no primary key'
		]);
	});

	it('a wildcard table subscription covers every published table of the schema', async () => {
		const { received } = await listen(bob, [
			{ event: 'INSERT', schema: 'public' } as Record<string, string>
		]);
		await insertScore(99, 'wild');
		expect(
			await eventually(() =>
				received[0].find((c) => c.table === 'scores' && c.new.player === 'wild')
			)
		).toBeDefined();
	});

	it('leaving the channel stops the deliveries', async () => {
		const { joined, received } = await listen(bob, [
			{ event: '*', schema: 'public', table: 'scores' }
		]);
		await (joined as Joined).channel.unsubscribe();
		await insertScore(3, 'after leave');
		await settle(600);
		expect(received[0]).toEqual([]);
	});
});
