import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, settle, startRealtimeStack } from './realtime-stack.ts';
import type { Member, RealtimeStack } from './realtime-stack.ts';

// POST /realtime/v1/api/broadcast (batch, what realtime-js `send` falls back to before a join) and
// /api/broadcast/{topic}/events/{event} (`httpSend`); private messages need the caller's
// write permission on the topic, checked with their JWT.
describe('broadcast over the REST API', () => {
	let stack: RealtimeStack;
	let writer: Member;
	let reader: Member;

	const post = (path: string, body: unknown, token: string, contentType = 'application/json') =>
		fetch(`${stack.fixture.apiUrl}/realtime/v1/api/${path}`, {
			method: 'POST',
			headers: {
				apikey: stack.fixture.anonKey,
				Authorization: `Bearer ${token}`,
				'Content-Type': contentType
			},
			body: typeof body === 'string' ? body : JSON.stringify(body)
		});

	beforeAll(async () => {
		stack = await startRealtimeStack();
		writer = stack.member();
		reader = stack.member();
		await stack.db.query(
			`insert into public.room_members (room, user_id, can_write) values ('news', $1, true), ('news', $2, false)`,
			[writer.id, reader.id]
		);
	});
	afterEach(async () => {
		await stack.reset();
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('a public message is accepted with 202 and an empty body, and delivered', async () => {
		const listener = await stack.join(reader, 'plaza', {});
		const response = await post(
			'broadcast',
			{ messages: [{ topic: 'plaza', event: 'news', payload: { title: 'Salut' } }] },
			stack.fixture.anonKey
		);
		expect(response.status).toBe(202);
		expect(await response.text()).toBe('');
		expect(await eventually(() => listener.broadcasts.find((b) => b.event === 'news'))).toEqual({
			event: 'news',
			payload: { title: 'Salut' }
		});
	});

	it('realtime-js send() before joining goes through the REST API', async () => {
		const listener = await stack.join(reader, 'plaza', {});
		const notJoined = writer.client.channel('plaza');
		expect(await notJoined.send({ type: 'broadcast', event: 'via-rest', payload: { n: 1 } })).toBe(
			'ok'
		);
		expect(
			await eventually(() => listener.broadcasts.find((b) => b.event === 'via-rest'))
		).toBeDefined();
	});

	it('a private message is delivered only when the caller may write to the topic', async () => {
		const listener = await stack.join(reader, 'room:news', { private: true });
		const denied = await post(
			'broadcast',
			{ messages: [{ topic: 'room:news', event: 'denied', payload: {}, private: true }] },
			reader.token
		);
		expect(denied.status).toBe(202);
		const allowed = await post(
			'broadcast',
			{ messages: [{ topic: 'room:news', event: 'allowed', payload: {}, private: true }] },
			writer.token
		);
		expect(allowed.status).toBe(202);
		await eventually(() => listener.broadcasts.find((b) => b.event === 'allowed'));
		await settle(200);
		expect(listener.broadcasts.map((b) => b.event)).toEqual(['allowed']);
	});

	it('the service role may send to any private topic', async () => {
		const listener = await stack.join(reader, 'room:news', { private: true });
		await post(
			'broadcast',
			{
				messages: [
					{ topic: 'room:news', event: 'from-server', payload: { ok: true }, private: true }
				]
			},
			stack.fixture.serviceRoleKey
		);
		expect(
			await eventually(() => listener.broadcasts.find((b) => b.event === 'from-server'))
		).toBeDefined();
	});

	it('invalid batches are refused with 422 and the changeset errors', async () => {
		const missing = await post('broadcast', {}, stack.fixture.anonKey);
		expect(missing.status).toBe(422);
		expect(await missing.json()).toEqual({ errors: { messages: ["can't be blank"] } });
		const partial = await post(
			'broadcast',
			{
				messages: [
					{ topic: 'plaza', event: 'x', payload: {} },
					{ event: 'x', payload: 'text' }
				]
			},
			stack.fixture.anonKey
		);
		expect(partial.status).toBe(422);
		expect(await partial.json()).toEqual({
			errors: { messages: [{}, { topic: ["can't be blank"], payload: ['is invalid'] }] }
		});
	});

	it('a bad token is answered 401 Unauthorized', async () => {
		const response = await post('broadcast', { messages: [] }, 'not-a-jwt');
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ message: 'Unauthorized' });
	});

	it('httpSend delivers to a public channel', async () => {
		const listener = await stack.join(reader, 'plaza', {});
		const channel = writer.client.channel('plaza');
		expect(await channel.httpSend('single', { value: 42 })).toEqual({ success: true });
		expect(await eventually(() => listener.broadcasts.find((b) => b.event === 'single'))).toEqual({
			event: 'single',
			payload: { value: 42 }
		});
	});

	it('httpSend on a private channel needs write permission: 403 Unauthorized otherwise', async () => {
		await writer.client.realtime.setAuth();
		await reader.client.realtime.setAuth();
		const listener = await stack.join(reader, 'room:news', { private: true });
		const allowed = writer.client.channel('room:news', { config: { private: true } });
		expect(await allowed.httpSend('private-single', { n: 1 })).toEqual({ success: true });
		expect(
			await eventually(() => listener.broadcasts.find((b) => b.event === 'private-single'))
		).toBeDefined();
		const denied = reader.client.channel('room:news-denied', { config: { private: true } });
		await expect(denied.httpSend('nope', {})).rejects.toThrow('Unauthorized');
	});

	it('the single endpoint refuses content types other than JSON and octet-stream with 415', async () => {
		const response = await post(
			'broadcast/plaza/events/x',
			'hello',
			stack.fixture.anonKey,
			'text/plain'
		);
		expect(response.status).toBe(415);
		expect(await response.json()).toEqual({
			error: 'Unsupported Media Type. Use application/json or application/octet-stream'
		});
	});

	it('the API needs an API key, like every Supabase route', async () => {
		const response = await fetch(`${stack.fixture.apiUrl}/realtime/v1/api/broadcast`, {
			method: 'POST'
		});
		expect(response.status).toBe(401);
		expect(await response.json()).toMatchObject({ message: 'No API key found in request' });
	});
});
