import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuthService } from '../../../../local-stack/auth/service.ts';
import type { StackContext } from '../../../../local-stack/context.ts';
import type { ServiceRequest } from '../../../../local-stack/gateway/service.ts';
import { deriveApiKeys } from '../../../../local-stack/keys/api-keys.ts';
import { generateEs256Key } from '../../../../local-stack/keys/jwt.ts';
import { loadProjectConfig } from '../../../../local-stack/project.ts';

function context(toml: string): StackContext {
	const dir = mkdtempSync(join(tmpdir(), 'auth-service-'));
	writeFileSync(join(dir, 'config.toml'), toml);
	const secret = 'super-secret-jwt-token-with-at-least-32-characters-long';
	return {
		project: loadProjectConfig(dir),
		keys: { secret, es256: generateEs256Key('kid') },
		apiKeys: deriveApiKeys(secret),
		pools: {} as StackContext['pools'],
		apiUrl: 'http://127.0.0.1:54321',
		dbPort: 0,
		mailPort: 0,
		dataDir: dir,
		log: () => undefined
	};
}

function call(
	service: ReturnType<typeof createAuthService>,
	method: string,
	path: string,
	headers = {}
) {
	const raw = Object.assign(new EventEmitter(), {
		headers,
		socket: { remoteAddress: '127.0.0.1' },
		resume: () => undefined,
		complete: true,
		destroyed: false
	});
	const result: { status?: number; headers?: Record<string, string>; body: string } = { body: '' };
	const response = {
		headersSent: false,
		writeHead(status: number, head: Record<string, string>) {
			result.status = status;
			result.headers = head;
			return this;
		},
		end(body?: string) {
			result.body = body ?? '';
		}
	} as unknown as ServerResponse;
	const request = {
		raw,
		method,
		path,
		url: new URL(`http://127.0.0.1:54321/auth/v1${path}`),
		headers,
		apikey: 'anon'
	} as unknown as ServiceRequest;
	return service.handle(request, response).then(() => result);
}

describe('the Auth service', () => {
	it('with [auth] enabled = false has no route at all, like Kong without GoTrue', async () => {
		const service = createAuthService(context('[auth]\nenabled = false\n'));
		expect(service.isOpenRoute!('/settings', 'GET')).toBe(true);
		const result = await call(service, 'GET', '/settings');
		expect(result.status).toBe(404);
		expect(JSON.parse(result.body)).toEqual({ message: 'no Route matched with those values' });
	});

	it("opens only Kong's open routes to callers without an apikey", () => {
		const service = createAuthService(context(''));
		expect(service.prefix).toBe('/auth/v1');
		for (const path of ['/verify', '/callback', '/authorize', '/.well-known/jwks.json', '/verify/'])
			expect(service.isOpenRoute!(path, 'GET')).toBe(true);
		for (const path of ['/settings', '/user', '/admin/users', '/token'])
			expect(service.isOpenRoute!(path, 'GET')).toBe(false);
	});

	it('answers settings, health and an unknown path without touching the database', async () => {
		const service = createAuthService(context(''));
		const settings = await call(service, 'GET', '/settings');
		expect(settings.status).toBe(200);
		expect(JSON.parse(settings.body)).toMatchObject({
			mailer_autoconfirm: true,
			disable_signup: false
		});
		expect((await call(service, 'GET', '/nowhere')).status).toBe(404);
		const bad = await call(service, 'GET', '/user', {
			authorization: 'Bearer nope',
			'x-supabase-api-version': '2024-01-01'
		});
		expect(bad.status).toBe(403);
		expect(bad.headers!['X-Supabase-Api-Version']).toBe('2024-01-01');
		expect(JSON.parse(bad.body).code).toBe('bad_jwt');
	});
});
