import { describe, expect, it } from 'vitest';
import {
	flexibleBoolean,
	parseJoinPayload
} from '../../../../../local-stack/realtime/channels/join-payload.ts';

const key = () => 'server-key';

describe('the phx_join payload', () => {
	it('reads what realtime-js 2.119 sends', () => {
		const config = parseJoinPayload(
			{
				config: {
					broadcast: { ack: true, self: false },
					presence: { key: 'alice', enabled: true },
					postgres_changes: [{ event: '*', schema: 'public', table: 't' }],
					private: true
				},
				access_token: 'jwt'
			},
			key
		);
		expect(config).toEqual({
			accessToken: 'jwt',
			private: true,
			ack: true,
			self: false,
			presenceEnabled: true,
			presenceKey: 'alice',
			postgresChanges: [{ event: '*', schema: 'public', table: 't' }],
			replay: null,
			replicationReady: false,
			invalid: []
		});
	});

	it('accepts booleans sent as strings in any case, like FlexibleBoolean', () => {
		expect(flexibleBoolean('TRUE')).toBe(true);
		expect(flexibleBoolean('False')).toBe(false);
		expect(flexibleBoolean('yes')).toBeUndefined();
		const config = parseJoinPayload(
			{ config: { private: 'true', broadcast: { self: 'True' } } },
			key
		);
		expect([config.private, config.self]).toEqual([true, true]);
	});

	it('falls back to defaults for invalid fields and reports them, without refusing the join', () => {
		const config = parseJoinPayload(
			{ config: { private: 'maybe', broadcast: 'nope', postgres_changes: 'x' } },
			key
		);
		expect(config.private).toBe(false);
		expect(config.postgresChanges).toEqual([]);
		expect(config.invalid).toEqual([
			'config.broadcast',
			'config.postgres_changes',
			'config.private'
		]);
	});

	it('gives a server-chosen presence key when the client sends none or an empty one', () => {
		expect(parseJoinPayload({ config: { presence: { key: '' } } }, key).presenceKey).toBe(
			'server-key'
		);
		expect(parseJoinPayload({}, key).presenceKey).toBe('server-key');
		expect(parseJoinPayload({ config: { presence: { key: 42 } } }, key).presenceKey).toBe('42');
	});

	it('drops null postgres_changes entries', () => {
		expect(
			parseJoinPayload({ config: { postgres_changes: [null, { schema: 'public' }] } }, key)
				.postgresChanges
		).toEqual([{ schema: 'public' }]);
	});

	it('uses the socket token for an sb_ key or no token, and prefers user_token otherwise', () => {
		expect(parseJoinPayload({ access_token: 'sb_publishable_x' }, key).accessToken).toBeNull();
		expect(parseJoinPayload({}, key).accessToken).toBeNull();
		expect(parseJoinPayload({ access_token: 'a', user_token: 'u' }, key).accessToken).toBe('u');
	});

	it('keeps the replay option as sent, for the channel to validate', () => {
		expect(
			parseJoinPayload({ config: { private: true, broadcast: { replay: { since: 5 } } } }, key)
				.replay
		).toEqual({
			since: 5,
			limit: undefined
		});
	});
});
