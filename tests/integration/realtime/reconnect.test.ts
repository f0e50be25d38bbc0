import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDb } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';
import { userToken } from '../support/jwt.ts';
import { removeDataDir, startStack } from '../support/start-stack.ts';
import type { StartedStack } from '../support/start-stack.ts';
import { eventually, FIXTURE_DIR, joinChannel } from './realtime-stack.ts';

// realtime-js reconnects with backoff (1, 2, 5, 10 s) and rejoins its channels on its own; the
// restarted stack (same data folder and ports) must accept those rejoins and deliver again.
describe('a stack restart', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'realtime-restart-'));
	let stack: StartedStack | null = null;

	afterAll(async () => {
		await stack?.stop();
		removeDataDir(dataDir);
	});

	it('is survived by a subscribed realtime-js client, which rejoins and receives again', async () => {
		process.env.CHANNEL_ERROR_BACKOFF_MS ??= '200';
		const ports = {
			apiPort: await freePort(),
			dbPort: await freePort(),
			mailPort: await freePort()
		};
		stack = await startStack({ workdir: FIXTURE_DIR, dataDir, fresh: true, ...ports });
		const user = userToken(stack.jwtSecret);
		const client = createClient(stack.apiUrl, stack.anonKey, {
			auth: { persistSession: false },
			accessToken: async () => user.token
		});
		const inbox = await joinChannel(client, `inbox:${user.sub}`, { private: true });
		expect(inbox.status).toBe('SUBSCRIBED');
		const rejoined = () => inbox.channel.state === 'joined';

		expect(await stack.stop()).toBe(0);
		// The client notices the loss: the channel errors and waits to rejoin.
		expect(await eventually(() => inbox.channel.state === 'errored', 5_000)).toBe(true);
		stack = await startStack({ workdir: FIXTURE_DIR, dataDir, ...ports });

		expect(await eventually(rejoined, 25_000)).toBe(true);
		const db = await connectDb(stack.dbUrl);
		try {
			await db.query(
				`insert into public.letters (recipient_id, body) values ($1, 'after restart')`,
				[user.sub]
			);
		} finally {
			await db.end();
		}
		expect(
			await eventually(() => inbox.broadcasts.find((b) => b.payload.body === 'after restart'))
		).toBeDefined();
		await client.removeAllChannels();
	}, 60_000);
});
