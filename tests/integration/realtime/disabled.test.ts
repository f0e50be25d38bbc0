import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import { rawSocket } from './realtime-stack.ts';

describe('[realtime] enabled = false', () => {
	let stack: FixtureStack;
	beforeAll(async () => {
		stack = await startFixtureStack(resolve(import.meta.dirname, 'fixture-disabled'));
	});
	afterAll(async () => {
		await stack?.close();
	});

	it('leaves no websocket route, like a CLI stack without Realtime', async () => {
		const error = await rawSocket(stack.apiUrl, { apikey: stack.anonKey, vsn: '2.0.0' }).catch(
			(e) => e
		);
		expect(error).toMatchObject({ status: 404 });
		expect(JSON.parse((error as { body: string }).body)).toEqual({
			message: 'no Route matched with those values'
		});
	});

	it('leaves no broadcast API either', async () => {
		const response = await fetch(`${stack.apiUrl}/realtime/v1/api/broadcast`, {
			method: 'POST',
			headers: { apikey: stack.anonKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ messages: [{ topic: 't', event: 'e', payload: {} }] })
		});
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ message: 'no Route matched with those values' });
	});
});
