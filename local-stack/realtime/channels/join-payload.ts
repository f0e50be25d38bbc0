// Reads a phx_join payload the way RealtimeWeb.Channels.Payloads.Join casts it: booleans may come
// as strings ("true"/"TRUE"), invalid fields fall back to their defaults (upstream logs them and
// joins anyway), an empty presence key gets a server-chosen one, null postgres_changes are dropped.
import { randomUUID } from 'node:crypto';

export type ReplayOption = { since: unknown; limit: unknown };

export type JoinConfig = {
	/**
	 * The channel's token: null means the socket's own (none given, or an `sb_` key). As upstream,
	 * `user_token` wins over `access_token`, but an `sb_` access_token means the socket's.
	 */
	accessToken: string | null;
	private: boolean;
	ack: boolean;
	self: boolean;
	presenceEnabled: boolean;
	presenceKey: string;
	/** The client's postgres_changes entries, kept as sent: the join reply echoes them. */
	postgresChanges: Record<string, unknown>[];
	replay: ReplayOption | null;
	replicationReady: boolean;
	/** Fields upstream would log as InvalidJoinPayload. */
	invalid: string[];
};

type Map_ = Record<string, unknown>;

const isMap = (value: unknown): value is Map_ =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** FlexibleBoolean: true/false, or a string equal to "true"/"false" in any case. */
export function flexibleBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const lower = value.toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
	}
	return undefined;
}

export function parseJoinPayload(payload: unknown, newKey: () => string = randomUUID): JoinConfig {
	const params = isMap(payload) ? payload : {};
	const invalid: string[] = [];
	const bool = (value: unknown, field: string, fallback = false) => {
		if (value === undefined || value === null) return fallback;
		const parsed = flexibleBoolean(value);
		if (parsed === undefined) invalid.push(field);
		return parsed ?? fallback;
	};
	const section = (value: unknown, field: string): Map_ => {
		if (value === undefined || value === null) return {};
		if (!isMap(value)) {
			invalid.push(field);
			return {};
		}
		return value;
	};

	const config = section(params.config, 'config');
	const broadcast = section(config.broadcast, 'config.broadcast');
	const presence = section(config.presence, 'config.presence');

	let postgresChanges: Map_[] = [];
	const changes = config.postgres_changes;
	if (Array.isArray(changes)) {
		const entries = changes.filter((entry) => entry !== null && entry !== undefined);
		if (entries.every(isMap)) postgresChanges = entries;
		else invalid.push('config.postgres_changes');
	} else if (changes !== undefined && changes !== null) {
		invalid.push('config.postgres_changes');
	}

	const key = presence.key;
	const presenceKey = key === undefined || key === null || key === '' ? newKey() : String(key);

	const token = typeof params.access_token === 'string' ? params.access_token : null;
	const userToken = typeof params.user_token === 'string' ? params.user_token : null;

	const replay = isMap(broadcast.replay)
		? { since: broadcast.replay.since, limit: broadcast.replay.limit }
		: null;

	return {
		accessToken: (token ?? userToken)?.startsWith('sb_') ? null : (userToken ?? token),
		private: bool(config.private, 'config.private'),
		ack: bool(broadcast.ack, 'config.broadcast.ack'),
		self: bool(broadcast.self, 'config.broadcast.self'),
		presenceEnabled: bool(presence.enabled, 'config.presence.enabled'),
		presenceKey,
		postgresChanges,
		replay,
		replicationReady: bool(broadcast.replication_ready, 'config.broadcast.replication_ready'),
		invalid
	};
}
