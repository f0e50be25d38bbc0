// What the app's shared code needs of a Supabase client, as narrow types: the server's
// supabase-js client (locals.supabase) and the browser's light client (browser.ts) both fit, so
// a query helper or a realtime helper is written once for either. Types only: nothing here
// reaches a bundle.
import type { PostgrestClient } from '@supabase/postgrest-js';
import type {
	RealtimeChannel,
	RealtimeChannelOptions,
	RealtimeClient,
	RealtimeRemoveChannelResponse
} from '@supabase/realtime-js';
import type { StorageClient } from '@supabase/storage-js';
import type { Database } from './database.types.ts';
import type { SessionSource } from './session.ts';

/** Tables, views and RPCs of the public schema, typed by the generated Database. */
export type DataClient = Pick<PostgrestClient<Database>, 'from' | 'rpc'>;

/** Realtime channels; `realtime.setAuth` hands a user's JWT to private channels. */
export type RealtimeAccess = {
	channel(name: string, options?: RealtimeChannelOptions): RealtimeChannel;
	removeChannel(channel: RealtimeChannel): Promise<RealtimeRemoveChannelResponse>;
	realtime: Pick<RealtimeClient, 'setAuth'>;
};

/** The browser's session: a current token, and news of new tokens and of sign-outs. */
export type SessionAccess = {
	session: Pick<SessionSource, 'getAccessToken' | 'onSessionChange'>;
};

export type StorageAccess = { storage: Pick<StorageClient, 'from'> };
