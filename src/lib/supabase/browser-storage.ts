// Storage for the browser's light client (browser.ts), loaded on demand: only an upload's
// clean-up (an object whose row could not be written, a journaled upload to settle) needs
// storage-js in the browser, so a page loads it when that work starts, not on arrival. Same
// session, key and token renewal as the rest of the client.
import type { StorageClient } from '@supabase/storage-js';
import { getBrowserClient } from './browser.ts';
import type { BrowserClient } from './browser.ts';
import { supabaseConfig } from './env.ts';

export type BrowserStorageClient = BrowserClient & { storage: StorageClient };

let loading: Promise<BrowserStorageClient> | null = null;

/** The client with Storage; a failed download (offline) is tried again by the next call. */
export function loadBrowserStorageClient(): Promise<BrowserStorageClient> {
	loading ??= import('@supabase/storage-js').then(
		({ StorageClient }) => {
			const base = getBrowserClient();
			const { url } = supabaseConfig();
			const storageUrl = new URL('storage/v1', url.endsWith('/') ? url : `${url}/`).href;
			return { ...base, storage: new StorageClient(storageUrl, {}, base.fetch) };
		},
		(error: unknown) => {
			loading = null;
			throw error;
		}
	);
	return loading;
}
