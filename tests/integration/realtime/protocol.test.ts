import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, userToken } from '../support/jwt.ts';
import { rawSocket, startRealtimeStack } from './realtime-stack.ts';
import type { RawSocket, RealtimeStack } from './realtime-stack.ts';

type V2 = [string | null, string | null, string, string, Record<string, unknown>];
const isV2 = (frame: unknown): frame is V2 => Array.isArray(frame) && frame.length === 5;
const reply = (ref: string) => (f: unknown) => isV2(f) && f[3] === 'phx_reply' && f[1] === ref;

/** The kind 3 frame realtime-js 2.x sends for channel.send({type: 'broadcast'}). */
function userBroadcastPush(
	joinRef: string,
	ref: string,
	topic: string,
	event: string,
	payload: unknown
) {
	const fields = [joinRef, ref, topic, event, ''].map((s) => Buffer.from(s));
	const body = Buffer.from(JSON.stringify(payload));
	return Buffer.concat([Buffer.from([3, ...fields.map((f) => f.length), 1]), ...fields, body]);
}

/** Reads a kind 4 frame: topic, event, meta, encoding, payload. */
function readUserBroadcast(bytes: Buffer) {
	const [kind, topicLen, eventLen, metaLen, encoding] = bytes.subarray(0, 5);
	let offset = 5;
	const take = (n: number) => bytes.subarray(offset, (offset += n)).toString('utf8');
	return {
		kind,
		topic: take(topicLen),
		event: take(eventLen),
		meta: take(metaLen),
		encoding,
		payload: bytes.subarray(offset).toString('utf8')
	};
}

describe('the Phoenix protocol on the wire', () => {
	let stack: RealtimeStack;
	const open: RawSocket[] = [];
	const connect = async (vsn: string, apikey = stack.fixture.anonKey) => {
		const socket = await rawSocket(stack.fixture.apiUrl, { apikey, vsn });
		open.push(socket);
		return socket;
	};

	beforeAll(async () => {
		stack = await startRealtimeStack();
	});
	afterAll(async () => {
		for (const socket of open) socket.ws.close();
		await stack?.close();
	});

	describe('vsn 2.0.0', () => {
		it('answers a heartbeat on topic phoenix', async () => {
			const socket = await connect('2.0.0');
			socket.send([null, '7', 'phoenix', 'heartbeat', {}]);
			expect(await socket.next<V2>(reply('7'))).toEqual([
				null,
				'7',
				'phoenix',
				'phx_reply',
				{ status: 'ok', response: {} }
			]);
		});

		it('replies to a join with the join ref and the postgres_changes list', async () => {
			const socket = await connect('2.0.0');
			socket.send([
				'1',
				'1',
				'realtime:wire',
				'phx_join',
				{ config: { broadcast: { self: 'true' } } }
			]);
			expect(await socket.next<V2>(reply('1'))).toEqual([
				'1',
				'1',
				'realtime:wire',
				'phx_reply',
				{ status: 'ok', response: { postgres_changes: [] } }
			]);
		});

		it('turns a kind 3 user broadcast into a kind 4 frame for other subscribers', async () => {
			const receiver = await connect('2.0.0');
			receiver.send(['1', '1', 'realtime:binary', 'phx_join', { config: {} }]);
			await receiver.next<V2>(reply('1'));
			const sender = await connect('2.0.0');
			sender.send(['1', '1', 'realtime:binary', 'phx_join', { config: {} }]);
			await sender.next<V2>(reply('1'));
			sender.sendBinary(
				userBroadcastPush('1', '2', 'realtime:binary', 'cursor', { x: 3, name: 'Zoé' })
			);
			const frame = await receiver.next<{ binary: Buffer }>(
				(f) => typeof f === 'object' && f !== null && 'binary' in f
			);
			expect(readUserBroadcast(frame!.binary)).toEqual({
				kind: 4,
				topic: 'realtime:binary',
				event: 'cursor',
				meta: '',
				encoding: 1,
				payload: JSON.stringify({ x: 3, name: 'Zoé' })
			});
		});

		it('sends a JSON broadcast pushed as text back as text', async () => {
			const socket = await connect('2.0.0');
			socket.send([
				'1',
				'1',
				'realtime:text',
				'phx_join',
				{ config: { broadcast: { self: true, ack: true } } }
			]);
			await socket.next<V2>(reply('1'));
			socket.send([
				'1',
				'2',
				'realtime:text',
				'broadcast',
				{ type: 'broadcast', event: 'e', payload: { a: 1 } }
			]);
			expect(await socket.next<V2>(reply('2'))).toBeDefined();
			expect(await socket.next((f) => isV2(f) && f[3] === 'broadcast')).toEqual([
				null,
				null,
				'realtime:text',
				'broadcast',
				{ type: 'broadcast', event: 'e', payload: { a: 1 } }
			]);
		});

		it('answers a push to a topic it has not joined with "unmatched topic"', async () => {
			const socket = await connect('2.0.0');
			socket.send([
				'9',
				'9',
				'realtime:nowhere',
				'broadcast',
				{ type: 'broadcast', event: 'e', payload: {} }
			]);
			expect((await socket.next<V2>(reply('9')))?.[4]).toEqual({
				status: 'error',
				response: { reason: 'unmatched topic' }
			});
		});

		it('refuses a join without topic name', async () => {
			const socket = await connect('2.0.0');
			socket.send(['1', '1', 'realtime:', 'phx_join', {}]);
			expect((await socket.next<V2>(reply('1')))?.[4]).toEqual({
				status: 'error',
				response: { reason: 'TopicNameRequired: You must provide a topic name' }
			});
		});

		it('refuses replay on a public channel', async () => {
			const socket = await connect('2.0.0');
			socket.send([
				'1',
				'1',
				'realtime:public-replay',
				'phx_join',
				{ config: { broadcast: { replay: { since: 0 } } } }
			]);
			expect((await socket.next<V2>(reply('1')))?.[4]).toEqual({
				status: 'error',
				response: { reason: 'UnableToReplayMessages: Replay is not allowed for public channels' }
			});
		});

		it('leaves with an ok reply then phx_close carrying the join ref', async () => {
			const socket = await connect('2.0.0');
			socket.send(['3', '3', 'realtime:leaving', 'phx_join', { config: {} }]);
			await socket.next<V2>(reply('3'));
			socket.send(['3', '4', 'realtime:leaving', 'phx_leave', {}]);
			expect((await socket.next<V2>(reply('4')))?.[4]).toEqual({ status: 'ok', response: {} });
			expect(await socket.next((f) => isV2(f) && f[3] === 'phx_close')).toEqual([
				'3',
				'3',
				'realtime:leaving',
				'phx_close',
				{}
			]);
		});

		it('a second join of the same topic closes the first one', async () => {
			const socket = await connect('2.0.0');
			socket.send(['1', '1', 'realtime:twice', 'phx_join', { config: {} }]);
			await socket.next<V2>(reply('1'));
			socket.send(['2', '2', 'realtime:twice', 'phx_join', { config: {} }]);
			expect(await socket.next((f) => isV2(f) && f[3] === 'phx_close')).toEqual([
				'1',
				'1',
				'realtime:twice',
				'phx_close',
				{}
			]);
			expect((await socket.next<V2>(reply('2')))?.[4]).toMatchObject({ status: 'ok' });
		});

		it('closes the connection on a frame it cannot read', async () => {
			const socket = await connect('2.0.0');
			socket.ws.send('{"not":"an array"}');
			expect((await socket.closed).code).toBe(1011);
		});
	});

	describe('vsn 1.0.0', () => {
		it('speaks JSON objects', async () => {
			const socket = await connect('1.0.0');
			socket.send({
				topic: 'realtime:v1',
				event: 'phx_join',
				payload: { config: {} },
				ref: '1',
				join_ref: '1'
			});
			expect(await socket.next((f) => (f as { ref?: string }).ref === '1')).toEqual({
				topic: 'realtime:v1',
				event: 'phx_reply',
				payload: { status: 'ok', response: { postgres_changes: [] } },
				ref: '1'
			});
		});

		it('receives binary user broadcasts of vsn 2 clients as JSON', async () => {
			const v1 = await connect('1.0.0');
			v1.send({
				topic: 'realtime:mixed',
				event: 'phx_join',
				payload: { config: {} },
				ref: '1',
				join_ref: '1'
			});
			await v1.next((f) => (f as { ref?: string }).ref === '1');
			const v2 = await connect('2.0.0');
			v2.send(['1', '1', 'realtime:mixed', 'phx_join', { config: {} }]);
			await v2.next<V2>(reply('1'));
			v2.sendBinary(userBroadcastPush('1', '2', 'realtime:mixed', 'ping', { n: 1 }));
			expect(await v1.next((f) => (f as { event?: string }).event === 'broadcast')).toEqual({
				topic: 'realtime:mixed',
				event: 'broadcast',
				payload: { event: 'ping', payload: { n: 1 }, type: 'broadcast' },
				ref: null
			});
		});

		it('receives database broadcasts as JSON with meta', async () => {
			const user = userToken(stack.fixture.jwtSecret);
			const v1 = await connect('1.0.0');
			v1.send({
				topic: `realtime:inbox:${user.sub}`,
				event: 'phx_join',
				payload: { config: { private: true }, access_token: user.token },
				ref: '1',
				join_ref: '1'
			});
			expect(await v1.next((f) => (f as { ref?: string }).ref === '1')).toMatchObject({
				payload: { status: 'ok' }
			});
			await stack.db.query(
				`insert into public.letters (recipient_id, body) values ($1, 'v1 letter')`,
				[user.sub]
			);
			const message = await v1.next<{
				payload: { event: string; payload: Record<string, unknown>; meta: { id: string } };
			}>((f) => (f as { payload?: { event?: string } }).payload?.event === 'letter');
			expect(message?.payload.payload.body).toBe('v1 letter');
			expect(message?.payload.meta.id).toBe(message?.payload.payload.id);
		});
	});

	describe('the upgrade', () => {
		const refused = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
			try {
				const socket = await rawSocket(stack.fixture.apiUrl, query, headers);
				socket.ws.close();
				return null;
			} catch (error) {
				const { status, body } = error as { status: number; body: string };
				return { status, body: JSON.parse(body || 'null') };
			}
		};

		it('needs an API key (the gateway refuses the upgrade)', async () => {
			expect(await refused({ vsn: '2.0.0' })).toEqual({
				status: 401,
				body: {
					message: 'No API key found in request',
					hint: 'No `apikey` request header or url param was found.'
				}
			});
		});

		it('refuses an unknown API key', async () => {
			expect((await refused({ vsn: '2.0.0', apikey: 'nope' }))?.body).toMatchObject({
				message: 'Invalid API key'
			});
		});

		it('accepts the publishable and secret keys', async () => {
			expect(await refused({ vsn: '2.0.0', apikey: stack.fixture.publishableKey })).toBeNull();
			expect(await refused({ vsn: '2.0.0', apikey: stack.fixture.secretKey })).toBeNull();
		});

		it('checks a forwarded x-api-key token like the real server: expired → 401', async () => {
			const expired = signToken(
				{ role: 'anon', exp: Math.floor(Date.now() / 1000) - 5 },
				stack.fixture.jwtSecret
			);
			expect(
				await refused({ vsn: '2.0.0', apikey: stack.fixture.anonKey }, { 'x-api-key': expired })
			).toEqual({
				status: 401,
				body: { error: 'Token has expired' }
			});
			const noRole = signToken(
				{ exp: Math.floor(Date.now() / 1000) + 60 },
				stack.fixture.jwtSecret
			);
			expect(
				await refused({ vsn: '2.0.0', apikey: stack.fixture.anonKey }, { 'x-api-key': noRole })
			).toEqual({
				status: 401,
				body: { error: 'Fields `role` and `exp` are required in JWT' }
			});
		});

		it('refuses a protocol version it does not speak', async () => {
			expect((await refused({ vsn: '3.0.0', apikey: stack.fixture.anonKey }))?.status).toBe(403);
		});
	});
});
