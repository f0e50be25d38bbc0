import { describe, expect, it } from 'vitest';
import {
	IN_FLIGHT_GRACE_MS,
	holdingUploadLock,
	reconcileUpload,
	uploadJournal
} from '../../../../../src/routes/(app)/documents/upload-journal.ts';
import type { DataClient, StorageAccess } from '../../../../../src/lib/supabase/clients.ts';

function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, value)
	};
}

/** Just what reconcileUpload calls, over an in-memory row set and bucket. */
function fakeSupabase(state: { rows: Set<string>; objects: Set<string>; down?: boolean }) {
	const error = state.down ? { message: 'unreachable' } : null;
	return {
		from: () => ({
			select: () => ({
				eq: (_column: string, key: string) => ({
					maybeSingle: async () => ({ data: state.rows.has(key) ? { id: key } : null, error })
				})
			}),
			delete: () => ({
				eq: async (_column: string, key: string) => {
					if (!error) state.rows.delete(key);
					return { error };
				}
			})
		}),
		storage: {
			from: () => ({
				exists: async (key: string) =>
					error ? { data: null, error } : { data: state.objects.has(key), error: null },
				remove: async ([key]: string[]) => {
					if (!error) state.objects.delete(key);
					return { data: [], error };
				}
			})
		}
	} as unknown as DataClient & StorageAccess;
}

const owner = '10000000-0000-4000-8000-000000000001';
const key = `${owner}/ab12cd34-devis.pdf`;
const old = { key, at: Date.now() - IN_FLIGHT_GRACE_MS - 1 };

describe('the upload journal', () => {
	it('keeps one entry per key and per owner, and forgets it', () => {
		const storage = memoryStorage();
		const journal = uploadJournal(owner, () => storage);
		journal.add(key, 1);
		journal.add(key, 2);
		journal.add(`${owner}/autre.pdf`, 3);
		expect(journal.entries()).toEqual([
			{ key, at: 2 },
			{ key: `${owner}/autre.pdf`, at: 3 }
		]);
		expect(uploadJournal('someone-else', () => storage).entries()).toEqual([]);
		journal.remove(key);
		journal.remove(`${owner}/autre.pdf`);
		expect(storage.length).toBe(0);
	});

	it('reads a damaged entry as empty rather than failing', () => {
		const storage = memoryStorage();
		storage.setItem(`documents:pending-uploads:${owner}`, '{pas du json');
		expect(uploadJournal(owner, () => storage).entries()).toEqual([]);
		storage.setItem(`documents:pending-uploads:${owner}`, JSON.stringify([{ key: 1 }, 'x']));
		expect(uploadJournal(owner, () => storage).entries()).toEqual([]);
	});
});

describe('settling an upload a closed page left behind', () => {
	it('keeps a finished upload (object and row)', async () => {
		const state = { rows: new Set([key]), objects: new Set([key]) };
		expect(await reconcileUpload(fakeSupabase(state), old)).toBe('kept');
		expect(state).toEqual({ rows: new Set([key]), objects: new Set([key]) });
	});

	it('removes an object whose row was never written', async () => {
		const state = { rows: new Set<string>(), objects: new Set([key]) };
		expect(await reconcileUpload(fakeSupabase(state), { key, at: Date.now() })).toBe('cleaned');
		expect(state.objects.size).toBe(0);
	});

	it('deletes a row whose object is gone', async () => {
		const state = { rows: new Set([key]), objects: new Set<string>() };
		expect(await reconcileUpload(fakeSupabase(state), old)).toBe('cleaned');
		expect(state.rows.size).toBe(0);
	});

	it('waits before forgetting an upload that left no trace yet: it may still arrive', async () => {
		const state = { rows: new Set<string>(), objects: new Set<string>() };
		expect(await reconcileUpload(fakeSupabase(state), { key, at: Date.now() })).toBe('pending');
		expect(await reconcileUpload(fakeSupabase(state), old)).toBe('cleaned');
	});

	it('keeps the entry when Storage or the database does not answer', async () => {
		const state = { rows: new Set<string>(), objects: new Set([key]), down: true };
		expect(await reconcileUpload(fakeSupabase(state), old)).toBe('failed');
		expect(state.objects.size).toBe(1);
	});

	it('leaves alone an upload another tab is still running', async () => {
		// Node 24 has the Web Locks API, as browsers do.
		const state = { rows: new Set<string>(), objects: new Set([key]) };
		let release!: () => void;
		const running = holdingUploadLock(key, () => new Promise<void>((done) => (release = done)));
		expect(await reconcileUpload(fakeSupabase(state), old)).toBe('pending');
		expect(state.objects.size).toBe(1);
		release();
		await running;
		expect(await reconcileUpload(fakeSupabase(state), old)).toBe('cleaned');
	});
});
