import { describe, expect, it } from 'vitest';
import Serializer from '@supabase/realtime-js/dist/module/lib/serializer.js';
import {
	decodeBinary,
	decodeText,
	encodeBroadcast,
	encodePush,
	encodeReply,
	encodeUserBroadcastBinary,
	encodeUserBroadcastJson,
	FrameError,
	isUserBroadcastPush
} from '../../../../../local-stack/realtime/protocol/frames.ts';

// realtime-js's own serializer is the reference: what it encodes we must decode, and what we
// encode it must decode to the message the channel expects.
const client = new Serializer();
const encodeWithClient = (msg: Record<string, unknown>) =>
	client.encode(msg as never, (result: ArrayBuffer | string) => result) as unknown as
		ArrayBuffer | string;
const decodeWithClient = (raw: ArrayBuffer | string) =>
	client.decode(raw, (msg: unknown) => msg) as unknown as Record<string, unknown>;
const toArrayBuffer = (b: Buffer) =>
	b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('decoding client frames', () => {
	it('reads a vsn 2.0.0 text frame as [join_ref, ref, topic, event, payload]', () => {
		expect(decodeText('["1","2","realtime:a","phx_join",{"config":{}}]', '2.0.0')).toEqual({
			joinRef: '1',
			ref: '2',
			topic: 'realtime:a',
			event: 'phx_join',
			payload: { config: {} }
		});
	});

	it('reads a vsn 1.0.0 frame as a JSON object, join_ref optional', () => {
		expect(
			decodeText('{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"5"}', '1.0.0')
		).toEqual({
			joinRef: null,
			ref: '5',
			topic: 'phoenix',
			event: 'heartbeat',
			payload: {}
		});
	});

	it('refuses a vsn 2.0.0 frame that is not a 5-element array, and invalid JSON', () => {
		expect(() => decodeText('{"topic":"x"}', '2.0.0')).toThrow(FrameError);
		expect(() => decodeText('[1,2', '2.0.0')).toThrow(FrameError);
		expect(() => decodeText('[null,null,"t","e"]', '2.0.0')).toThrow(FrameError);
	});

	it('reads the kind 3 user broadcast realtime-js sends, multi-byte text included', () => {
		const raw = encodeWithClient({
			join_ref: '1',
			ref: '3',
			topic: 'realtime:salle-é',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'déplacé', payload: { x: '🙂' } }
		});
		const frame = decodeBinary(Buffer.from(raw as ArrayBuffer));
		expect(frame).toMatchObject({
			joinRef: '1',
			ref: '3',
			topic: 'realtime:salle-é',
			event: 'broadcast'
		});
		expect(isUserBroadcastPush(frame.payload)).toBe(true);
		const push = frame.payload as {
			userEvent: string;
			encoding: string;
			payload: Buffer;
			meta: unknown;
		};
		expect(push.userEvent).toBe('déplacé');
		expect(push.encoding).toBe('json');
		expect(JSON.parse(push.payload.toString())).toEqual({ x: '🙂' });
		expect(push.meta).toEqual({});
	});

	it('keeps the persist metadata and a binary payload of a kind 3 frame', () => {
		const bytes = new Uint8Array([1, 2, 3]).buffer;
		const raw = encodeWithClient({
			join_ref: '1',
			ref: '4',
			topic: 'realtime:b',
			event: 'broadcast',
			payload: { type: 'broadcast', event: 'blob', payload: bytes, persist: true }
		});
		const push = decodeBinary(Buffer.from(raw as ArrayBuffer)).payload as {
			encoding: string;
			payload: Buffer;
			meta: unknown;
		};
		expect(push.encoding).toBe('binary');
		expect([...push.payload]).toEqual([1, 2, 3]);
		expect(push.meta).toEqual({ persist: true });
	});

	it('refuses truncated and unknown binary frames', () => {
		expect(() => decodeBinary(Buffer.from([3, 5, 0, 0, 0, 0, 1]))).toThrow(FrameError);
		expect(() => decodeBinary(Buffer.from([9]))).toThrow(/unknown binary frame kind 9/);
	});
});

describe('encoding server frames', () => {
	it('writes a vsn 2.0.0 reply realtime-js reads back', () => {
		const text = encodeReply('2.0.0', {
			joinRef: '1',
			ref: '1',
			topic: 'realtime:a',
			status: 'ok',
			response: { postgres_changes: [] }
		});
		expect(decodeWithClient(text)).toEqual({
			join_ref: '1',
			ref: '1',
			topic: 'realtime:a',
			event: 'phx_reply',
			payload: { status: 'ok', response: { postgres_changes: [] } }
		});
	});

	it('writes a vsn 1.0.0 reply as an object without join_ref, like Phoenix V1', () => {
		expect(
			JSON.parse(
				encodeReply('1.0.0', {
					joinRef: '1',
					ref: '2',
					topic: 't',
					status: 'error',
					response: { reason: 'x' }
				})
			)
		).toEqual({
			topic: 't',
			event: 'phx_reply',
			payload: { status: 'error', response: { reason: 'x' } },
			ref: '2'
		});
	});

	it('passes an already serialised payload through untouched', () => {
		expect(
			encodePush('2.0.0', { joinRef: '7', topic: 't', event: 'system', payloadJson: '{"a": 1.50}' })
		).toBe('["7",null,"t","system",{"a": 1.50}]');
		expect(encodeBroadcast('1.0.0', 't', 'presence_diff', '{}')).toBe(
			'{"topic":"t","event":"presence_diff","payload":{},"ref":null}'
		);
	});

	it('writes a kind 4 user broadcast that realtime-js turns into {type, event, payload, meta}', () => {
		const frame = encodeUserBroadcastBinary({
			topic: 'realtime:salle-é',
			userEvent: 'nouvel-événement',
			encoding: 'json',
			payload: Buffer.from('{"body":"Ça marche"}'),
			meta: { id: 'abc' }
		});
		expect(decodeWithClient(toArrayBuffer(frame))).toEqual({
			join_ref: null,
			ref: null,
			topic: 'realtime:salle-é',
			event: 'broadcast',
			payload: {
				type: 'broadcast',
				event: 'nouvel-événement',
				payload: { body: 'Ça marche' },
				meta: { id: 'abc' }
			}
		});
	});

	it('leaves meta out of a kind 4 frame without metadata', () => {
		const frame = encodeUserBroadcastBinary({
			topic: 't',
			userEvent: 'e',
			encoding: 'json',
			payload: Buffer.from('{}'),
			meta: null
		});
		expect(decodeWithClient(toArrayBuffer(frame)).payload).toEqual({
			type: 'broadcast',
			event: 'e',
			payload: {}
		});
	});

	it('refuses a field longer than 255 bytes, as upstream', () => {
		expect(() =>
			encodeUserBroadcastBinary({
				topic: 'x'.repeat(256),
				userEvent: 'e',
				encoding: 'json',
				payload: Buffer.from('{}'),
				meta: null
			})
		).toThrow(/255 bytes/);
	});

	it('converts a user broadcast to JSON for vsn 1.0.0, and drops binary payloads there', () => {
		const json = encodeUserBroadcastJson({
			topic: 't',
			userEvent: 'e',
			encoding: 'json',
			payload: Buffer.from('{"a":1}'),
			meta: { id: 'm' }
		});
		expect(JSON.parse(json!)).toEqual({
			topic: 't',
			event: 'broadcast',
			payload: { event: 'e', payload: { a: 1 }, type: 'broadcast', meta: { id: 'm' } },
			ref: null
		});
		expect(
			encodeUserBroadcastJson({
				topic: 't',
				userEvent: 'e',
				encoding: 'binary',
				payload: Buffer.from([1]),
				meta: null
			})
		).toBeNull();
	});
});
