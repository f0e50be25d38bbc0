// POST /api/broadcast `{messages: [{topic, event, payload, private?, id?}]}` → 202, as
// Realtime.Tenants.BatchBroadcast: validated like its changeset (422 with per-message errors),
// public messages sent at once, private ones per topic only if the caller may write there (RLS
// insert check with the caller's JWT), otherwise skipped without an error.
import { writePolicies } from '../authorize.ts';
import { apiErrors } from '../errors.ts';
import { tenantTopic } from '../hub.ts';
import { authenticate, readJsonParams, sendEmpty } from '../http.ts';
import type { RouteInput } from './route.ts';

type Message = {
	topic: string;
	event: string;
	payload: Record<string, unknown>;
	private: boolean;
	id?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ecto's :boolean cast. */
function castBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	return undefined;
}

const blank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The changeset: a message's errors, or the message. */
function castMessage(raw: unknown): { errors: Record<string, string[]> } | { message: Message } {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return { errors: { __invalid: [] } };
	const attrs = raw as Record<string, unknown>;
	const errors: Record<string, string[]> = {};
	const fail = (field: string, text: string) => (errors[field] ??= []).push(text);
	for (const field of ['topic', 'event'] as const) {
		if (!blank(attrs[field]) && typeof attrs[field] !== 'string') fail(field, 'is invalid');
	}
	if (!blank(attrs.payload) && (typeof attrs.payload !== 'object' || Array.isArray(attrs.payload)))
		fail('payload', 'is invalid');
	let isPrivate: boolean | undefined = false;
	if (attrs.private !== undefined && attrs.private !== null) {
		isPrivate = castBoolean(attrs.private);
		if (isPrivate === undefined) fail('private', 'is invalid');
	}
	if (
		attrs.id !== undefined &&
		attrs.id !== null &&
		(typeof attrs.id !== 'string' || !UUID.test(attrs.id))
	)
		fail('id', 'is invalid');
	for (const field of ['topic', 'payload', 'event'] as const)
		if (!errors[field] && blank(attrs[field])) fail(field, "can't be blank");
	if (Object.keys(errors).length > 0) return { errors };
	return {
		message: {
			topic: attrs.topic as string,
			event: attrs.event as string,
			payload: attrs.payload as Record<string, unknown>,
			private: isPrivate ?? false,
			id: typeof attrs.id === 'string' ? attrs.id : undefined
		}
	};
}

export async function broadcast(input: RouteInput): Promise<void> {
	const { realtime, request, response } = input;
	const caller = authenticate(request, realtime.context.keys);
	const params = await readJsonParams(request.raw);

	const raw = params.messages;
	// cast_embed(:messages, required: true): missing or empty is blank, anything but a list invalid.
	if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0))
		throw apiErrors.unprocessable({ messages: ["can't be blank"] });
	if (!Array.isArray(raw)) throw apiErrors.unprocessable({ messages: ['is invalid'] });
	const cast = raw.map(castMessage);
	if (cast.some((entry) => 'errors' in entry))
		throw apiErrors.unprocessable({
			messages: cast.map((entry) =>
				'errors' in entry ? (entry.errors.__invalid ? ['is invalid'] : entry.errors) : {}
			)
		});
	const messages = cast.map((entry) => (entry as { message: Message }).message);

	const send = (message: Message) => {
		const payload: Record<string, unknown> = {
			payload: message.payload,
			event: message.event,
			type: 'broadcast'
		};
		if (message.id) payload.meta = { id: message.id };
		realtime.hub.broadcast(tenantTopic(message.topic, message.private), {
			kind: 'json',
			event: 'broadcast',
			payloadJson: JSON.stringify(payload),
			id: message.id
		});
	};

	for (const message of messages) if (!message.private) send(message);
	const byTopic = new Map<string, Message[]>();
	for (const message of messages)
		if (message.private)
			byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
	for (const [topic, group] of byTopic) {
		try {
			const policies = await writePolicies(
				realtime.pool,
				{ topic, claims: caller.claims, headers: caller.headers },
				['broadcast', 'presence']
			);
			if (policies.broadcast.write === true) group.forEach(send);
		} catch (error) {
			// Upstream drops the topic's messages when its check fails, and still answers 202.
			realtime.context.log(`[realtime] broadcast API ${topic}: ${(error as Error).message}`);
		}
	}
	sendEmpty(response, 202);
}
