// Keeps the schema cache fresh as PostgREST's listener does: loaded at start as authenticator,
// reloaded on `NOTIFY pgrst, 'reload schema'` / `'reload config'` (which the bootstrap's DDL
// event triggers send) received on a dedicated LISTEN connection, reconnected with a reload
// when that connection drops. Reloads that arrive while one runs are coalesced.
import type pg from 'pg';
import type { StackContext } from '../context.ts';
import { loadSchemaCache } from './plan/schema-cache.ts';
import type { SchemaCache } from './plan/schema-cache.ts';

export type CacheKeeper = {
	current(): SchemaCache | null;
	/** Reloads now (coalesced with a running load); resolves when the new cache is in place. */
	reload(): Promise<void>;
	start(): Promise<void>;
	stop(): Promise<void>;
};

export function createCacheKeeper(context: StackContext): CacheKeeper {
	let cache: SchemaCache | null = null;
	let running: Promise<void> | null = null;
	let again = false;
	let listener: pg.Client | null = null;
	let stopped = false;
	let listenRetry: NodeJS.Timeout | null = null;
	let reloadRetry: NodeJS.Timeout | null = null;
	const { api } = context.project;

	const loadOnce = async () => {
		const client = await context.pools.authenticator.connect();
		let broken = false;
		try {
			cache = await loadSchemaCache(client, {
				schemas: api.schemas,
				extraSearchPath: api.extraSearchPath
			});
		} catch (error) {
			broken = true;
			context.log(`[rest] schema cache load failed: ${(error as Error).message}`);
			throw error;
		} finally {
			client.release(broken);
		}
	};

	const reload = (): Promise<void> => {
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			try {
				do {
					again = false;
					await loadOnce().catch(() => {
						// Like PostgREST: answer PGRST002 meanwhile, and keep trying.
						if (!stopped && !reloadRetry)
							reloadRetry = setTimeout(() => ((reloadRetry = null), void reload()), 1000);
					});
				} while (again && !stopped);
			} finally {
				running = null;
			}
		})();
		return running;
	};

	const listen = async () => {
		if (stopped) return;
		try {
			const client = await context.pools.connect('authenticator', {
				application_name: 'local-stack:rest-listener'
			});
			client.on('notification', (message) => {
				if (message.channel !== 'pgrst') return;
				const payload = message.payload ?? '';
				if (payload === '' || payload === 'reload schema' || payload === 'reload config')
					void reload();
			});
			const lost = () => {
				if (listener !== client) return;
				listener = null;
				client.end().catch(() => undefined);
				if (!stopped) listenRetry = setTimeout(() => void listen().then(reload), 1000);
			};
			client.on('error', lost);
			client.on('end', lost);
			await client.query('listen pgrst');
			listener = client;
		} catch (error) {
			context.log(`[rest] schema cache listener: ${(error as Error).message}`);
			if (!stopped) listenRetry = setTimeout(() => void listen().then(reload), 1000);
		}
	};

	return {
		current: () => cache,
		reload,
		async start() {
			await listen();
			await reload();
		},
		async stop() {
			stopped = true;
			if (listenRetry) clearTimeout(listenRetry);
			if (reloadRetry) clearTimeout(reloadRetry);
			const client = listener;
			listener = null;
			await client?.end().catch(() => undefined);
			await running?.catch(() => undefined);
		}
	};
}
