// The seed of a local stack: the documented demo accounts sign in like real GoTrue accounts,
// and the seeded documents have their files in Storage (uploaded from supabase/seed/documents).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { target } from '../support/target.ts';

const SEED_FILES = resolve(import.meta.dirname, '..', '..', '..', 'supabase', 'seed', 'documents');
const PASSWORD = 'Entreprendre2026!';
const DEMO = [
	['membre@demo.reseau-entrepreneurs.fr', 'member'],
	['entreprise@demo.reseau-entrepreneurs.fr', 'company'],
	['coach@demo.reseau-entrepreneurs.fr', 'coach']
] as const;

// One sign-in per account for the whole file: Auth limits sign-ins per IP.
const sessions = new Map<string, ReturnType<typeof signInOnce>>();
const signIn = (email: string) => {
	if (!sessions.has(email)) sessions.set(email, signInOnce(email));
	return sessions.get(email)!;
};
async function signInOnce(email: string) {
	const client = createClient(target.apiUrl, target.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
	return { client, data, error };
}

// Only a stack started with supabase/seed.sql has these accounts.
describe.runIf(target.local)('the demo seed', () => {
	it.each(DEMO)(
		'the demo account %s signs in with the documented password as a %s',
		async (email, role) => {
			const { client, data, error } = await signIn(email);
			expect(error).toBeNull();
			const profile = await client.from('profiles').select('role').eq('id', data.user!.id).single();
			expect(profile.data?.role).toBe(role);
		}
	);

	it('the demo member downloads each seeded document, byte for byte', async () => {
		const { client } = await signIn('membre@demo.reseau-entrepreneurs.fr');
		const { data: documents } = await client
			.from('documents')
			.select('name, storage_path, size_bytes');
		expect(documents!.length).toBeGreaterThanOrEqual(3);
		for (const document of documents!) {
			const file = readFileSync(resolve(SEED_FILES, document.storage_path));
			expect(file.length).toBe(document.size_bytes);
			const download = await client.storage.from('documents').download(document.storage_path);
			expect(download.error).toBeNull();
			expect(Buffer.from(await download.data!.arrayBuffer()).equals(file)).toBe(true);
		}
	});

	it('the demo member has sessions in the past and in the future, and unread messages', async () => {
		const { client, data } = await signIn('membre@demo.reseau-entrepreneurs.fr');
		const now = Date.now();
		const { data: sessions } = await client.from('coaching_sessions').select('starts_at, status');
		expect(sessions!.some((s) => Date.parse(s.starts_at) < now && s.status === 'completed')).toBe(
			true
		);
		expect(sessions!.some((s) => Date.parse(s.starts_at) > now && s.status === 'planned')).toBe(
			true
		);
		const { data: conversations } = await client
			.from('conversations')
			.select('unread_count')
			.eq('profile_id', data.user!.id);
		expect(conversations!.some((c) => c.unread_count > 0)).toBe(true);
	});
});
