// The application's buckets through supabase-js: private `documents` in each user's folder,
// public-read `avatars` written by their owner, public-read `event-images` written by the
// company's owner; the bucket limits refuse oversized and unexpected files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, uuid } from './context.ts';
import type { World } from './context.ts';

const PDF = new Blob(['%PDF-1.4\n% Prévisionnel\n%%EOF\n'], { type: 'application/pdf' });
const PNG = new Blob(
	[Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
	{
		type: 'image/png'
	}
);

describe('application buckets', () => {
	let w: World;
	const uploaded: { bucket: string; path: string }[] = [];
	beforeAll(async () => {
		w = await createWorld();
	}, 120_000);
	afterAll(async () => {
		for (const { bucket, path } of uploaded) await w.service.storage.from(bucket).remove([path]);
	}, 120_000);

	const upload = async (
		who: World['member'],
		bucket: string,
		path: string,
		body: Blob,
		upsert = false
	) => {
		const result = await who.client.storage
			.from(bucket)
			.upload(path, body, { upsert, contentType: body.type });
		if (!result.error) uploaded.push({ bucket, path });
		return result;
	};

	describe('documents (private)', () => {
		it('users upload to their own folder under an ASCII key and register the file with its French name', async () => {
			const path = `${w.member.id}/${uuid().slice(0, 8)}-etude-de-marche.pdf`;
			const { error } = await upload(w.member, 'documents', path, PDF);
			expect(error).toBeNull();
			const row = await w.member.client
				.from('documents')
				.insert({
					owner_id: w.member.id,
					name: 'Étude de marché – Croix-Rousse.pdf',
					storage_path: path,
					mime_type: 'application/pdf',
					size_bytes: PDF.size
				})
				.select('name')
				.single();
			expect(row.data?.name).toBe('Étude de marché – Croix-Rousse.pdf');
			const download = await w.member.client.storage.from('documents').download(path);
			expect(download.error).toBeNull();
			expect(await download.data!.text()).toBe(await PDF.text());
		});

		it("other users can neither download, list nor overwrite someone's documents", async () => {
			const path = `${w.member.id}/${uuid().slice(0, 8)}-business-plan.pdf`;
			await upload(w.member, 'documents', path, PDF);
			const download = await w.otherMember.client.storage.from('documents').download(path);
			expect(download.error).not.toBeNull();
			const listing = await w.otherMember.client.storage.from('documents').list(w.member.id);
			expect(listing.data ?? []).toEqual([]);
			const overwrite = await w.otherMember.client.storage
				.from('documents')
				.upload(path, PDF, { upsert: true, contentType: 'application/pdf' });
			expect(overwrite.error).not.toBeNull();
			const signed = await w.otherMember.client.storage.from('documents').createSignedUrl(path, 60);
			expect(signed.error).not.toBeNull();
		});

		it("users cannot upload into someone else's folder", async () => {
			const { error } = await upload(w.otherMember, 'documents', `${w.member.id}/intrus.pdf`, PDF);
			expect(error).not.toBeNull();
		});

		it('anonymous visitors cannot read documents, even with the public URL', async () => {
			const path = `${w.member.id}/${uuid().slice(0, 8)}-prive.pdf`;
			await upload(w.member, 'documents', path, PDF);
			const { data } = w.anonymous.client.storage.from('documents').getPublicUrl(path);
			expect((await fetch(data.publicUrl)).ok).toBe(false);
		});

		it('users delete their own documents, not those of others', async () => {
			const path = `${w.member.id}/${uuid().slice(0, 8)}-a-supprimer.pdf`;
			await upload(w.member, 'documents', path, PDF);
			const theirs = await w.otherMember.client.storage.from('documents').remove([path]);
			expect(theirs.data ?? []).toEqual([]);
			const mine = await w.member.client.storage.from('documents').remove([path]);
			expect(mine.data).toHaveLength(1);
		});

		it('the bucket refuses file types it does not expect', async () => {
			const html = new Blob(['<html></html>'], { type: 'text/html' });
			const { error } = await upload(w.member, 'documents', `${w.member.id}/page.html`, html);
			expect(error).not.toBeNull();
		});
	});

	describe('avatars (public read)', () => {
		it('users upload and replace their own avatar, readable by anyone through its public URL', async () => {
			const path = `${w.member.id}/avatar.png`;
			expect((await upload(w.member, 'avatars', path, PNG)).error).toBeNull();
			expect((await upload(w.member, 'avatars', path, PNG, true)).error).toBeNull();
			const { data } = w.anonymous.client.storage.from('avatars').getPublicUrl(path);
			const response = await fetch(data.publicUrl);
			expect(response.status).toBe(200);
			const profile = await w.member.client
				.from('profiles')
				.update({ avatar_path: path })
				.eq('id', w.member.id);
			expect(profile.error).toBeNull();
		});

		it("users cannot replace someone else's avatar", async () => {
			const { error } = await upload(
				w.otherMember,
				'avatars',
				`${w.member.id}/avatar.png`,
				PNG,
				true
			);
			expect(error).not.toBeNull();
		});

		it('avatars are 2 MiB at most', async () => {
			const big = new Blob([new Uint8Array(2 * 1024 * 1024 + 1)], { type: 'image/png' });
			const { error } = await upload(w.member, 'avatars', `${w.member.id}/trop-grand.png`, big);
			expect(error).not.toBeNull();
		});
	});

	describe('event-images (public read)', () => {
		it("the company owner uploads images into the company's folder, readable by anyone", async () => {
			const path = `${w.companyId}/affiche-portes-ouvertes.png`;
			expect((await upload(w.companyOwner, 'event-images', path, PNG)).error).toBeNull();
			const { data } = w.anonymous.client.storage.from('event-images').getPublicUrl(path);
			expect((await fetch(data.publicUrl)).status).toBe(200);
		});

		it('other users cannot upload images for a company they do not own', async () => {
			for (const who of [w.otherCompanyOwner, w.member]) {
				const { error } = await upload(
					who,
					'event-images',
					`${w.companyId}/${uuid().slice(0, 8)}.png`,
					PNG
				);
				expect(error).not.toBeNull();
			}
		});
	});
});
