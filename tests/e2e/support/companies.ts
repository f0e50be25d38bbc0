// The companies, profile and dashboard journeys' view from behind the app: the E2E stack's
// service-role client to set rows up quickly and to check what really is in the database and the
// public buckets (what a refused or replaced picture left behind), test pictures, and a forged
// form-action post (what a hand-made request gets, whatever the page offers).
import { createClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import type { APIResponse, Page } from '@playwright/test';

export function admin() {
	const url = process.env.E2E_SUPABASE_URL;
	if (!url) throw new Error('E2E_SUPABASE_URL is not set (see playwright.config.ts)');
	// The local stack's well-known secret key; E2E always runs on a local stack.
	return createClient(url, 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz', {
		auth: { persistSession: false, autoRefreshToken: false }
	});
}

/** Keys of the objects in one folder of a bucket. */
export async function objectsIn(bucket: 'avatars' | 'event-images', folder: string) {
	const { data, error } = await admin().storage.from(bucket).list(folder, { limit: 1000 });
	if (error) throw error;
	return data
		.filter((object) => object.name !== '.emptyFolderPlaceholder')
		.map((object) => `${folder}/${object.name}`)
		.sort();
}

/** A company owned by `ownerId`, written directly (journeys that do not test creation). */
export async function createCompany(ownerId: string, fields: Record<string, unknown> = {}) {
	const { data, error } = await admin()
		.from('companies')
		.insert({ owner_id: ownerId, name: `Société ${crypto.randomUUID().slice(0, 6)}`, ...fields })
		.select('id, name')
		.single();
	if (error) throw error;
	return data as { id: string; name: string };
}

export async function row<T>(table: string, id: string, columns: string): Promise<T | null> {
	const { data, error } = await admin().from(table).select(columns).eq('id', id).maybeSingle();
	if (error) throw error;
	return data as T | null;
}

// Two small valid PNGs (16×9 red, 16×16 blue) that browsers decode.
const PNG_RED =
	'iVBORw0KGgoAAAANSUhEUgAAABAAAAAJCAIAAAC0SDtlAAAAFElEQVR4nGM4oaFBEmIY1TAoNAAADHGdgai0BAsAAAAASUVORK5CYII=';
const PNG_BLUE =
	'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGPQsDlBEmIY1TCqYfhqAADd5iwQT0c5hQAAAABJRU5ErkJggg==';

export const pictures = {
	red: { name: 'Affiche été.png', mimeType: 'image/png', buffer: Buffer.from(PNG_RED, 'base64') },
	blue: { name: 'portrait.png', mimeType: 'image/png', buffer: Buffer.from(PNG_BLUE, 'base64') },
	gif: {
		name: 'anime.gif',
		mimeType: 'image/gif',
		buffer: Buffer.from('GIF89a\x01\x00\x01\x00', 'binary')
	},
	huge: (megabytes: number) => ({
		name: 'trop-grande.png',
		mimeType: 'image/png',
		buffer: Buffer.alloc(megabytes * 1024 * 1024, 1)
	})
};

type Field = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Posts a form action as `use:enhance` does (multipart, SvelteKit's action headers), with the
 * page's cookies: the answer is the action's own result, e.g. a refusal the UI never offers.
 */
export async function postAction(page: Page, path: string, fields: Record<string, Field>) {
	const origin = test.info().project.use.baseURL!;
	const response = await page.request.post(path, {
		multipart: fields,
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	return response;
}

/** The action's result: its type, status and (devalue-encoded) data as text. */
export async function actionResult(response: APIResponse) {
	expect(response.headers()['content-type']).toContain('application/json');
	return (await response.json()) as {
		type: string;
		status?: number;
		data?: string;
		location?: string;
	};
}

/** One row written with the service role, returned with its id. */
export async function insertRow(table: string, values: Record<string, unknown>) {
	const { data, error } = await admin().from(table).insert(values).select('id').single();
	if (error) throw error;
	return data as { id: string };
}
