import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userToken } from '../support/jwt.ts';
import { eventually, joinChannel, settle, startRealtimeStack } from './realtime-stack.ts';
import type { RealtimeStack } from './realtime-stack.ts';

// Realtime checks the channel's token at join, at its expiry (and every 5 min), and whenever the
// client pushes `access_token`; a failed check ends the channel with a system message.
describe('channel tokens', () => {
	let stack: RealtimeStack;
	const clients: SupabaseClient[] = [];
	let refreshes = 0;

	/** A user whose token the test can change, as an app refreshing its session does. */
	function session(sub = crypto.randomUUID(), expiresIn = 3600) {
		const state = { token: userToken(stack.fixture.jwtSecret, { sub, expiresIn }).token };
		const client = createClient(stack.fixture.apiUrl, stack.fixture.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false },
			accessToken: async () => state.token
		});
		clients.push(client);
		return {
			sub,
			client,
			/** A new token (a different `exp`, so it differs even within the same second). */
			async refresh(expires = 3600 + ++refreshes) {
				state.token = userToken(stack.fixture.jwtSecret, { sub, expiresIn: expires }).token;
				await client.realtime.setAuth();
			}
		};
	}

	beforeAll(async () => {
		stack = await startRealtimeStack();
	});
	afterEach(async () => {
		for (const client of clients.splice(0)) await client.removeAllChannels();
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('an expired token is refused at join with the real server reason', async () => {
		const user = session(undefined, -30);
		const joined = await joinChannel(user.client, 'lounge');
		expect(joined.status).toBe('CHANNEL_ERROR');
		expect(joined.error?.message).toMatch(/^InvalidJWTToken: Token has expired (3\d) seconds ago$/);
	});

	it('a token that is not a JWT is refused as malformed', async () => {
		const client = createClient(stack.fixture.apiUrl, stack.fixture.anonKey, {
			auth: { persistSession: false },
			accessToken: async () => 'not-a-jwt'
		});
		clients.push(client);
		const joined = await joinChannel(client, 'lounge');
		expect(joined.error?.message).toBe('MalformedJWT: The token provided is not a valid JWT');
	});

	it('a token signed with another secret is refused', async () => {
		const client = createClient(stack.fixture.apiUrl, stack.fixture.anonKey, {
			auth: { persistSession: false },
			accessToken: async () => userToken('another-secret-of-at-least-32-characters!!').token
		});
		clients.push(client);
		const joined = await joinChannel(client, 'lounge');
		expect(joined.error?.message).toBe('JwtSignatureError: Failed to validate JWT signature');
	});

	it('when the token expires the channel gets the system message and is closed', async () => {
		const user = session(undefined, 2);
		const joined = await joinChannel(user.client, 'lounge');
		expect(joined.status).toBe('SUBSCRIBED');
		const system = await eventually(() => joined.system[0], 6_000);
		expect(system).toEqual({
			extension: 'system',
			status: 'error',
			message: expect.stringMatching(/^Token has expired \d seconds ago$/),
			channel: 'lounge'
		});
		expect(await eventually(() => joined.channel.state === 'closed')).toBe(true);
	});

	it('an access_token update before expiry keeps the channel open and receiving', async () => {
		const user = session(undefined, 2);
		const listener = await joinChannel(user.client, 'lounge');
		await user.refresh(3600);
		await settle(3_000);
		expect(listener.system).toEqual([]);
		expect(listener.channel.state).toBe('joined');
		const sender = session();
		const sending = await joinChannel(sender.client, 'lounge', { ack: true });
		await sending.channel.send({ type: 'broadcast', event: 'still-here', payload: {} });
		expect(
			await eventually(() => listener.broadcasts.find((b) => b.event === 'still-here'))
		).toBeDefined();
	});

	it('an access_token update to an expired token closes the channel with the expiry message', async () => {
		const user = session();
		const joined = await joinChannel(user.client, 'lounge');
		await user.refresh(-10);
		const system = await eventually(() => joined.system[0]);
		expect(system?.message).toMatch(/^Token has expired 1\d seconds ago$/);
		expect(await eventually(() => joined.channel.state === 'closed')).toBe(true);
	});

	it('on a private channel, a refreshed token whose user lost access closes the channel', async () => {
		const user = session();
		await stack.db.query(`insert into public.room_members (room, user_id) values ('vip', $1)`, [
			user.sub
		]);
		const joined = await joinChannel(user.client, 'room:vip', { private: true });
		expect(joined.status).toBe('SUBSCRIBED');
		await stack.db.query(`delete from public.room_members where room = 'vip' and user_id = $1`, [
			user.sub
		]);
		await user.refresh();
		const system = await eventually(() => joined.system[0]);
		expect(system).toEqual({
			extension: 'system',
			status: 'error',
			message: 'You do not have permissions to read from this Channel topic: room:vip',
			channel: 'room:vip'
		});
	});

	it('on a private channel, a refreshed token re-runs the policies for the new claims', async () => {
		const user = session();
		const joined = await joinChannel(user.client, `inbox:${user.sub}`, { private: true });
		expect(joined.status).toBe('SUBSCRIBED');
		await user.refresh();
		await stack.db.query(
			`insert into public.letters (recipient_id, body) values ($1, 'after refresh')`,
			[user.sub]
		);
		expect(
			await eventually(() => joined.broadcasts.find((b) => b.payload.body === 'after refresh'))
		).toBeDefined();
		expect(joined.system).toEqual([]);
	});
});
