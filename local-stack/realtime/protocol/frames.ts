// Phoenix frames as Realtime's serializers read and write them: vsn 1.0.0 JSON objects
// (Phoenix.Socket.V1.JSONSerializer), vsn 2.0.0 JSON arrays plus the binary user-broadcast
// frames of RealtimeWeb.Socket.V2Serializer (kind 3 from clients, kind 4 to clients).

export type Vsn = '1.0.0' | '2.0.0';

/** A decoded client frame. `payload` is parsed JSON, or a user broadcast from a kind 3 frame. */
export type Frame = {
	joinRef: string | null;
	ref: string | null;
	topic: string;
	event: string;
	payload: unknown;
};

/** What a kind 3 frame carries: realtime-js 2.x sends every `channel.send({type: 'broadcast'})` so. */
export type UserBroadcastPush = {
	kind: 'user_broadcast_push';
	userEvent: string;
	encoding: 'json' | 'binary';
	/** The user payload bytes exactly as sent (JSON text when encoding is json). */
	payload: Buffer;
	meta: Record<string, unknown>;
};

export function isUserBroadcastPush(value: unknown): value is UserBroadcastPush {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as UserBroadcastPush).kind === 'user_broadcast_push'
	);
}

export class FrameError extends Error {}

const KIND_PUSH = 0;
const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;

const asRef = (value: unknown): string | null =>
	value === null || value === undefined ? null : String(value);

function checkTopicEvent(topic: unknown, event: unknown): { topic: string; event: string } {
	if (typeof topic !== 'string' || typeof event !== 'string')
		throw new FrameError('expected a topic and an event');
	return { topic, event };
}

/** A text frame: a JSON object on vsn 1.0.0, a JSON array on vsn 2.0.0. */
export function decodeText(text: string, vsn: Vsn): Frame {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new FrameError('invalid JSON');
	}
	if (vsn === '2.0.0') {
		if (!Array.isArray(parsed) || parsed.length < 5) throw new FrameError('expected V2 array');
		const [joinRef, ref, topic, event, payload] = parsed;
		return { joinRef: asRef(joinRef), ref: asRef(ref), ...checkTopicEvent(topic, event), payload };
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new FrameError('expected a message object');
	const message = parsed as Record<string, unknown>;
	if (!('payload' in message) || !('ref' in message))
		throw new FrameError('expected topic, event, payload and ref');
	return {
		joinRef: asRef(message.join_ref),
		ref: asRef(message.ref),
		...checkTopicEvent(message.topic, message.event),
		payload: message.payload
	};
}

/** A binary frame (vsn 2.0.0 only): kind 0 push with a binary payload, or kind 3 user broadcast. */
export function decodeBinary(data: Buffer): Frame {
	if (data.length < 1) throw new FrameError('empty binary frame');
	const kind = data[0];
	const read = (offset: number, length: number) => {
		if (offset + length > data.length) throw new FrameError('truncated binary frame');
		return data.subarray(offset, offset + length);
	};
	if (kind === KIND_USER_BROADCAST_PUSH) {
		if (data.length < 7) throw new FrameError('truncated binary frame');
		const [joinRefLen, refLen, topicLen, eventLen, metaLen, encoding] = data.subarray(1, 7);
		let offset = 7;
		const take = (length: number) => {
			const bytes = read(offset, length);
			offset += length;
			return bytes;
		};
		const joinRef = take(joinRefLen).toString('utf8');
		const ref = take(refLen).toString('utf8');
		const topic = take(topicLen).toString('utf8');
		const userEvent = take(eventLen).toString('utf8');
		const metaBytes = take(metaLen);
		let meta: Record<string, unknown> = {};
		if (metaLen > 0) {
			try {
				meta = JSON.parse(metaBytes.toString('utf8')) as Record<string, unknown>;
			} catch {
				throw new FrameError('invalid metadata JSON');
			}
		}
		const push: UserBroadcastPush = {
			kind: 'user_broadcast_push',
			userEvent,
			encoding: encoding === 0 ? 'binary' : 'json',
			payload: Buffer.from(data.subarray(offset)),
			meta
		};
		return { joinRef: joinRef || null, ref: ref || null, topic, event: 'broadcast', payload: push };
	}
	if (kind === KIND_PUSH) {
		// kind, join_ref_size, ref_size, topic_size, event_size, then the fields and the payload.
		if (data.length < 5) throw new FrameError('truncated binary frame');
		let offset = 5;
		const [joinRef, ref, topic, event] = [...data.subarray(1, 5)].map((length) => {
			const bytes = read(offset, length);
			offset += length;
			return bytes.toString('utf8');
		});
		return {
			joinRef: joinRef || null,
			ref: ref || null,
			topic,
			event,
			payload: Buffer.from(data.subarray(offset))
		};
	}
	throw new FrameError(`unknown binary frame kind ${kind}`);
}

/**
 * What goes to one client. Text frames are strings, binary ones Buffers; encoders are pure so a
 * message sent to many sockets is encoded once per protocol version.
 */
export type Encoded = string | Buffer;

const json = (value: unknown) => JSON.stringify(value ?? null);

/** A reply to a push: `phx_reply` with `{status, response}`. */
export function encodeReply(
	vsn: Vsn,
	reply: {
		joinRef: string | null;
		ref: string | null;
		topic: string;
		status: 'ok' | 'error';
		response: unknown;
	}
): string {
	const payload = { status: reply.status, response: reply.response ?? {} };
	if (vsn === '1.0.0')
		return json({ topic: reply.topic, event: 'phx_reply', payload, ref: reply.ref });
	return json([reply.joinRef, reply.ref, reply.topic, 'phx_reply', payload]);
}

/**
 * A server push on a channel (presence_state, system, phx_close…). `payloadJson` is the payload
 * already serialised, so raw JSON (database rows, stored jsonb) goes through untouched.
 */
export function encodePush(
	vsn: Vsn,
	push: {
		joinRef: string | null;
		ref?: string | null;
		topic: string;
		event: string;
		payloadJson: string;
	}
): string {
	const ref = push.ref ?? null;
	if (vsn === '1.0.0')
		return `{"topic":${json(push.topic)},"event":${json(push.event)},"payload":${push.payloadJson},"ref":${json(ref)}}`;
	return `[${json(push.joinRef)},${json(ref)},${json(push.topic)},${json(push.event)},${push.payloadJson}]`;
}

/** A user broadcast (kind 4): realtime-js turns it into `{type: "broadcast", event, payload, meta?}`. */
export type UserBroadcast = {
	topic: string;
	userEvent: string;
	encoding: 'json' | 'binary';
	payload: Buffer;
	meta: Record<string, unknown> | null;
};

function byteField(value: Buffer, what: string): number {
	if (value.length > 255)
		throw new FrameError(
			`${what} must be less than or equal to 255 bytes, but is ${value.length} bytes`
		);
	return value.length;
}

export function encodeUserBroadcastBinary(message: UserBroadcast): Buffer {
	const topic = Buffer.from(message.topic, 'utf8');
	const event = Buffer.from(message.userEvent, 'utf8');
	const meta = message.meta ? Buffer.from(JSON.stringify(message.meta), 'utf8') : Buffer.alloc(0);
	const header = Buffer.from([
		KIND_USER_BROADCAST,
		byteField(topic, 'topic'),
		byteField(event, 'user_event'),
		byteField(meta, 'metadata'),
		message.encoding === 'json' ? 1 : 0
	]);
	return Buffer.concat([header, topic, event, meta, message.payload]);
}

/**
 * A user broadcast for a vsn 1.0.0 socket, which cannot carry binary: the JSON broadcast
 * `{event, payload, type, meta?}` (UserBroadcast.convert_to_json_broadcast). Null when the
 * payload is binary, which upstream does not deliver to such sockets.
 */
export function encodeUserBroadcastJson(message: UserBroadcast): string | null {
	if (message.encoding !== 'json') return null;
	const meta = message.meta ? `,"meta":${JSON.stringify(message.meta)}` : '';
	const payload = `{"event":${json(message.userEvent)},"payload":${message.payload.toString('utf8')},"type":"broadcast"${meta}}`;
	return encodePush('1.0.0', {
		joinRef: null,
		topic: message.topic,
		event: 'broadcast',
		payloadJson: payload
	});
}

/** A JSON broadcast (Phoenix.Socket.Broadcast through fastlane): text on both versions. */
export function encodeBroadcast(
	vsn: Vsn,
	topic: string,
	event: string,
	payloadJson: string
): string {
	return encodePush(vsn, { joinRef: null, topic, event, payloadJson });
}
