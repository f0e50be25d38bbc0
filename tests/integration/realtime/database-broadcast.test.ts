import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settle, startRealtimeStack } from './realtime-stack.ts';
import type { Member, RealtimeStack } from './realtime-stack.ts';

// The fixture's letters trigger calls realtime.send (event `letter`) and
// realtime.broadcast_changes (event `letter_changed`) on `inbox:<recipient>`, readable by the
// recipient only; notices call realtime.send(..., private => false).
describe('Broadcast from Database', () => {
	let stack: RealtimeStack;
	let alice: Member;
	let bob: Member;

	const sendLetter = (recipient: string, body: string, seq: number | null = null) =>
		stack.db.query('insert into public.letters (recipient_id, body, seq) values ($1, $2, $3)', [
			recipient,
			body,
			seq
		]);

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

	it('a row inserted in a transaction that calls realtime.send reaches the subscriber once, after commit', async () => {
		const inbox = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		expect(inbox.status).toBe('SUBSCRIBED');
		await stack.db.query('begin');
		await sendLetter(alice.id, 'bonjour', 1);
		await settle(300);
		// Nothing leaves before the transaction commits.
		expect(inbox.broadcasts).toEqual([]);
		await stack.db.query('commit');

		const letter = await eventually(() => inbox.broadcasts.find((b) => b.event === 'letter'));
		expect(letter?.payload).toMatchObject({ body: 'bonjour', seq: 1 });
		// realtime.send adds the message id to the payload; the frame's meta carries it too.
		expect(letter?.payload.id).toEqual(letter?.meta?.id);
		expect(letter?.meta?.id).toMatch(/^[0-9a-f-]{36}$/);
		await settle(300);
		expect(inbox.broadcasts.filter((b) => b.event === 'letter')).toHaveLength(1);
	});

	it('a rolled back transaction sends nothing', async () => {
		const inbox = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		await stack.db.query('begin');
		await sendLetter(alice.id, 'never sent');
		await stack.db.query('rollback');
		await sendLetter(alice.id, 'sent after');
		await eventually(() => inbox.broadcasts.find((b) => b.payload.body === 'sent after'));
		expect(inbox.broadcasts.filter((b) => b.payload.body === 'never sent')).toEqual([]);
	});

	it('realtime.broadcast_changes sends the row as {record, old_record, operation, table, schema}', async () => {
		const inbox = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		await sendLetter(alice.id, 'with changes', 7);
		const changed = await eventually(() =>
			inbox.broadcasts.find((b) => b.event === 'letter_changed')
		);
		expect(changed?.payload).toMatchObject({
			operation: 'INSERT',
			table: 'letters',
			schema: 'public',
			old_record: null,
			record: { recipient_id: alice.id, body: 'with changes', seq: 7 }
		});
	});

	it('messages arrive in commit order', async () => {
		const inbox = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		for (let seq = 1; seq <= 30; seq++) await sendLetter(alice.id, 'ordered', seq);
		const letters = () =>
			inbox.broadcasts.filter((b) => b.event === 'letter' && b.payload.body === 'ordered');
		await eventually(() => letters().length === 30);
		expect(letters().map((b) => b.payload.seq)).toEqual(
			Array.from({ length: 30 }, (_, i) => i + 1)
		);
	});

	it('commit order wins over insert order across concurrent transactions', async () => {
		const inbox = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		const other = await (await import('../support/database.ts')).connectDb(stack.fixture.dbUrl);
		try {
			await stack.db.query('begin');
			await sendLetter(alice.id, 'concurrent', 1); // inserted first, committed second
			await other.query('insert into public.letters (recipient_id, body, seq) values ($1, $2, 2)', [
				alice.id,
				'concurrent'
			]);
			await stack.db.query('commit');
		} finally {
			await other.end();
		}
		const letters = () =>
			inbox.broadcasts.filter((b) => b.event === 'letter' && b.payload.body === 'concurrent');
		await eventually(() => letters().length === 2);
		expect(letters().map((b) => b.payload.seq)).toEqual([2, 1]);
	});

	it('only the sockets whose read authorization passed receive the message', async () => {
		const own = await stack.join(bob, `inbox:${bob.id}`, { private: true });
		const spying = await stack.join(bob, `inbox:${alice.id}`, { private: true });
		expect(spying.status).toBe('CHANNEL_ERROR');
		const aliceInbox = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		await sendLetter(alice.id, 'for alice only');
		await eventually(() => aliceInbox.broadcasts.find((b) => b.payload.body === 'for alice only'));
		await settle(300);
		expect(own.broadcasts).toEqual([]);
		expect(spying.broadcasts).toEqual([]);
	});

	it('a private message goes to private channels only, a public one to public channels only', async () => {
		const publicChannel = await stack.join(bob, 'board', {});
		const privateChannel = await stack.join(alice, `inbox:${alice.id}`, { private: true });
		await stack.db.query(
			`insert into public.notices (topic, body) values ('board', 'public notice')`
		);
		await stack.db.query(
			`insert into public.notices (topic, body) values ($1, 'public on inbox')`,
			[`inbox:${alice.id}`]
		);
		await sendLetter(alice.id, 'private letter');
		const notice = await eventually(() =>
			publicChannel.broadcasts.find((b) => b.event === 'notice')
		);
		expect(notice?.payload).toMatchObject({ body: 'public notice' });
		await eventually(() =>
			privateChannel.broadcasts.find((b) => b.payload.body === 'private letter')
		);
		await settle(300);
		expect(privateChannel.broadcasts.filter((b) => b.event === 'notice')).toEqual([]);
		const publicInbox = await stack.join(bob, `inbox:${alice.id}`, {});
		await sendLetter(alice.id, 'still private');
		await settle(500);
		expect(publicInbox.broadcasts).toEqual([]);
	});

	it('replay on a private channel resends stored messages since a moment, marked replayed', async () => {
		const since = Date.now();
		await sendLetter(alice.id, 'stored', 41);
		await sendLetter(alice.id, 'stored', 42);
		const inbox = await stack.join(alice, `inbox:${alice.id}`, {
			private: true,
			replay: { since, limit: 10 }
		});
		expect(inbox.status).toBe('SUBSCRIBED');
		const replayed = await eventually(() => {
			const found = inbox.broadcasts.filter(
				(b) => b.event === 'letter' && b.payload.body === 'stored'
			);
			return found.length === 2 ? found : undefined;
		});
		expect(replayed?.map((b) => b.payload.seq)).toEqual([41, 42]);
		expect(replayed?.[0].meta).toMatchObject({ replayed: true });
	});
});
