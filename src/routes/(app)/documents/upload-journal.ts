// Uploads that have not yet reached a consistent end (object and row both there, or neither),
// remembered in localStorage so the next visit can finish the job: a page closed just as Storage
// committed the object would otherwise leave an object without its row. A Web Lock per upload tells
// a live upload in another tab from one whose page is gone (locks die with their page).
import type { DataClient, StorageAccess } from '#lib/supabase/clients.ts';
import { DOCUMENTS_BUCKET } from '#lib/documents.ts';

type Entry = { key: string; at: number };

/**
 * A request can outlive its page by a moment (the browser may still be sending it): an upload
 * that has left no trace yet is only forgotten once it is this old.
 */
export const IN_FLIGHT_GRACE_MS = 60_000;

const lockName = (key: string) => `documents-upload:${key}`;

export function uploadJournal(ownerId: string, storage: () => Storage = () => localStorage) {
	const name = `documents:pending-uploads:${ownerId}`;
	const read = (): Entry[] => {
		try {
			const value = JSON.parse(storage().getItem(name) ?? '[]');
			return Array.isArray(value)
				? value.filter((entry) => typeof entry?.key === 'string' && typeof entry?.at === 'number')
				: [];
		} catch {
			return [];
		}
	};
	// Best effort: a browser refusing localStorage only loses the next visit's clean-up.
	const write = (entries: Entry[]) => {
		try {
			if (entries.length === 0) storage().removeItem(name);
			else storage().setItem(name, JSON.stringify(entries));
		} catch {
			// ignored on purpose (see above)
		}
	};
	return {
		entries: read,
		add: (key: string, at = Date.now()) =>
			write([...read().filter((entry) => entry.key !== key), { key, at }]),
		remove: (key: string) => write(read().filter((entry) => entry.key !== key))
	};
}

/** Runs `work` holding the upload's lock (without Web Locks, simply runs it). */
export function holdingUploadLock<T>(key: string, work: () => Promise<T>): Promise<T> {
	if (typeof navigator === 'undefined' || !navigator.locks) return work();
	return navigator.locks.request(lockName(key), () => work());
}

export type Reconciled = 'kept' | 'cleaned' | 'pending' | 'failed';

/**
 * Brings one journaled upload to a consistent state: a stored object with its row is a finished
 * upload (kept); an object without a row is removed; a row without an object is deleted; neither
 * is done, once the upload is too old to still be on its way. 'pending' when the upload still runs
 * in another tab or may still arrive, 'failed' when Storage or the database did not answer (the
 * entry stays for next time).
 */
export async function reconcileUpload(
	supabase: DataClient & StorageAccess,
	entry: Entry,
	now = Date.now()
): Promise<Reconciled> {
	const { key } = entry;
	const check = async (): Promise<Reconciled> => {
		const [row, object] = await Promise.all([
			supabase.from('documents').select('id').eq('storage_path', key).maybeSingle(),
			supabase.storage.from(DOCUMENTS_BUCKET).exists(key)
		]);
		if (row.error || (object.error && object.data !== false)) return 'failed';
		if (row.data && object.data) return 'kept';
		if (object.data) {
			const removed = await supabase.storage.from(DOCUMENTS_BUCKET).remove([key]);
			return removed.error ? 'failed' : 'cleaned';
		}
		if (row.data) {
			const deleted = await supabase.from('documents').delete().eq('storage_path', key);
			return deleted.error ? 'failed' : 'cleaned';
		}
		return now - entry.at >= IN_FLIGHT_GRACE_MS ? 'cleaned' : 'pending';
	};
	if (typeof navigator === 'undefined' || !navigator.locks) return check();
	return navigator.locks.request(lockName(key), { ifAvailable: true }, (lock) =>
		lock ? check() : ('pending' as const)
	);
}
