// The server's video settings: every missing variable is named, for the operator in English
// and for the page in French.
import { describe, expect, it } from 'vitest';
import {
	livekitConfig,
	livekitConfigured,
	MissingConfigurationError,
	supabaseSecretKey
} from '../../../../src/lib/server/env.ts';

describe('server environment', () => {
	it('reads the LiveKit settings and speaks WebSocket to the browser', () => {
		expect(
			livekitConfig({
				LIVEKIT_URL: 'https://demo.livekit.cloud/',
				LIVEKIT_API_KEY: ' APIkey ',
				LIVEKIT_API_SECRET: 'secret'
			})
		).toEqual({ url: 'wss://demo.livekit.cloud', apiKey: 'APIkey', apiSecret: 'secret' });
		expect(
			livekitConfig({
				LIVEKIT_URL: 'ws://127.0.0.1:7880',
				LIVEKIT_API_KEY: 'devkey',
				LIVEKIT_API_SECRET: 'secret'
			}).url
		).toBe('ws://127.0.0.1:7880');
	});

	it('names every missing LiveKit variable, in English and in French', () => {
		let error: unknown;
		try {
			livekitConfig({
				LIVEKIT_URL: 'ws://127.0.0.1:7880',
				LIVEKIT_API_KEY: '',
				LIVEKIT_API_SECRET: undefined
			});
		} catch (failure) {
			error = failure;
		}
		expect(error).toBeInstanceOf(MissingConfigurationError);
		const missing = error as MissingConfigurationError;
		expect(missing.variables).toEqual(['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']);
		expect(missing.message).toMatch(
			/^LIVEKIT_API_KEY, LIVEKIT_API_SECRET must be set for the video sessions/
		);
		expect(missing.userMessage).toBe(
			'La visioconférence n’est pas configurée sur ce serveur. Contactez l’administrateur de la plateforme.'
		);
		expect(livekitConfigured({})).toBe(false);
	});

	it('requires the Supabase secret key for the webhook and participant records', () => {
		expect(() => supabaseSecretKey({})).toThrow(/SUPABASE_SECRET_KEY must be set/);
		expect(supabaseSecretKey({ SUPABASE_SECRET_KEY: 'sb_secret_x' })).toBe('sb_secret_x');
	});
});
