// What the Realtime service's parts share: the stack context, the pool its checks run on, the
// PubSub hub, the postgres_changes registry, the tunables (upstream's env names and defaults)
// and the live sockets.
import type pg from 'pg';
import type { StackContext } from '../context.ts';
import type { Hub } from './hub.ts';
import type { Subscriptions } from './postgres-changes/subscriptions.ts';

export type RealtimeOptions = {
	/** CHANNEL_ERROR_BACKOFF_MS: how long a refused join waits before its reply (5 s). */
	channelErrorBackoffMs: number;
	/** CONNECT_ERROR_BACKOFF_MS: how long a refused websocket upgrade waits (2 s). */
	connectErrorBackoffMs: number;
	/** CLIENT_PRESENCE_MAX_CALLS per CLIENT_PRESENCE_WINDOW_MS for each channel (5 per 30 s). */
	presenceMaxCalls: number;
	presenceWindowMs: number;
	/** The tenant's max_channels_per_client. */
	maxChannelsPerClient: number;
	/** Phoenix closes a websocket that sent nothing (not even a heartbeat) for this long. */
	idleTimeoutMs: number;
};

function envInteger(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	return value;
}

/** Upstream's defaults, overridable with the same environment variables as the real server. */
export function optionsFromEnv(): RealtimeOptions {
	return {
		channelErrorBackoffMs: envInteger('CHANNEL_ERROR_BACKOFF_MS', 5_000),
		connectErrorBackoffMs: envInteger('CONNECT_ERROR_BACKOFF_MS', 2_000),
		presenceMaxCalls: envInteger('CLIENT_PRESENCE_MAX_CALLS', 5),
		presenceWindowMs: envInteger('CLIENT_PRESENCE_WINDOW_MS', 30_000),
		maxChannelsPerClient: 100,
		idleTimeoutMs: 60_000
	};
}

export type Realtime = {
	context: StackContext;
	/** supabase_admin, as Realtime connects to the tenant database. */
	pool: pg.Pool;
	hub: Hub;
	subscriptions: Subscriptions;
	options: RealtimeOptions;
	/** Set while the stack stops: joins are refused with RealtimeRestarting. */
	stopping: boolean;
	nextId(): number;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
