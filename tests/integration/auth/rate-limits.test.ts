// GoTrue's rate limits on a fixture project with the smallest limits (rate-limit-fixture/): the
// per-IP token buckets keep GoTrue's burst of 30 and then refuse with over_request_rate_limit;
// the hourly email counter refuses with over_email_send_rate_limit. Each test uses its own
// client IP (X-Forwarded-For, which GoTrue reads) so the buckets are its own.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureStack } from '../support/fixture-stack.ts';
import type { FixtureStack } from '../support/fixture-stack.ts';
import { authFetch, client, uniqueEmail } from './helpers.ts';

let stack: FixtureStack;

beforeAll(async () => {
	stack = await startFixtureStack(resolve(import.meta.dirname, 'rate-limit-fixture'));
});
afterAll(async () => {
	await stack?.close();
});

const BURST = 30;

async function statuses(ip: string, path: string, body: unknown, count: number) {
	const seen: number[] = [];
	let last: { code?: string; message?: string } = {};
	for (let i = 0; i < count; i++) {
		const response = await authFetch(stack, path, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'X-Supabase-Api-Version': '2024-01-01',
				'X-Forwarded-For': ip
			},
			body: JSON.stringify(typeof body === 'function' ? body() : body)
		});
		seen.push(response.status);
		last = await response.json();
	}
	return { seen, last };
}

describe('per-IP limits', () => {
	it('the token endpoint takes a burst of 30 and refuses the 31st with over_request_rate_limit', async () => {
		const { seen, last } = await statuses(
			'203.0.113.10',
			'/token?grant_type=password',
			{ email: 'nobody@example.com', password: 'wrong-password' },
			BURST + 1
		);
		expect(seen.slice(0, BURST).every((status) => status === 400)).toBe(true);
		expect(seen[BURST]).toBe(429);
		expect(last).toEqual({
			code: 'over_request_rate_limit',
			message: 'Request rate limit reached'
		});
	});

	it('another IP still has its own bucket', async () => {
		const { seen } = await statuses(
			'203.0.113.11',
			'/token?grant_type=password',
			{ email: 'nobody@example.com', password: 'wrong-password' },
			1
		);
		expect(seen).toEqual([400]);
	});

	it('recoveries count against sign_in_sign_ups per IP, before the address is looked at', async () => {
		const { seen, last } = await statuses(
			'203.0.113.12',
			'/recover',
			() => ({ email: uniqueEmail('absent') }),
			BURST + 1
		);
		expect(seen.slice(0, BURST).every((status) => status === 200)).toBe(true);
		expect([seen[BURST], last.code]).toEqual([429, 'over_request_rate_limit']);
	});

	it('verifications count against token_verifications per IP', async () => {
		const { seen, last } = await statuses(
			'203.0.113.13',
			'/verify',
			{ type: 'signup', token_hash: 'nope' },
			BURST + 1
		);
		expect(seen.slice(0, BURST).every((status) => status === 403)).toBe(true);
		expect([seen[BURST], last.code]).toEqual([429, 'over_request_rate_limit']);
	});
});

describe('the hourly email limit', () => {
	it('once email_sent is spent, a sign-up needing a confirmation email is over_email_send_rate_limit', async () => {
		const headers = { 'X-Forwarded-For': '203.0.113.20' };
		const first = await client(stack, { headers }).auth.signUp({
			email: uniqueEmail('premier'),
			password: 'Secret-2026'
		});
		expect(first.error).toBeNull();
		const second = await client(stack, { headers }).auth.signUp({
			email: uniqueEmail('second'),
			password: 'Secret-2026'
		});
		expect(second.error?.status).toBe(429);
		expect(second.error?.code).toBe('over_email_send_rate_limit');
		expect(second.error?.message).toBe('email rate limit exceeded');
	});
});
