import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
	DOCUMENT_ACCEPT,
	DOCUMENT_MAX_BYTES,
	DOCUMENT_MIME_TYPES,
	checkDocumentFile,
	documentKey,
	documentMimeType,
	documentTypeLabel,
	downloadName
} from '../../../src/lib/documents.ts';

const MiB = 1024 * 1024;
const ROOT = resolve(import.meta.dirname, '../../..');

describe('the documents bucket rules', () => {
	it('are the ones supabase/config.toml gives the bucket', () => {
		const config = parse(readFileSync(resolve(ROOT, 'supabase/config.toml'), 'utf8')) as {
			storage: {
				buckets: Record<string, { file_size_limit: string; allowed_mime_types: string[] }>;
			};
		};
		const bucket = config.storage.buckets.documents;
		expect(bucket.file_size_limit).toBe('10MiB');
		expect(DOCUMENT_MAX_BYTES).toBe(10 * MiB);
		expect([...DOCUMENT_MIME_TYPES].sort()).toEqual([...bucket.allowed_mime_types].sort());
	});

	it('are offered to the file picker as types and extensions', () => {
		expect(DOCUMENT_ACCEPT.split(',')).toEqual(
			expect.arrayContaining(['application/pdf', '.pdf', '.docx', '.odp'])
		);
	});
});

describe('checking a file before upload', () => {
	it('accepts an allowed type up to exactly 10 MiB', () => {
		expect(
			checkDocumentFile({ name: 'Devis.pdf', size: DOCUMENT_MAX_BYTES, type: 'application/pdf' })
		).toEqual({ ok: true, mimeType: 'application/pdf' });
	});

	it('refuses anything bigger, saying the limit and the size in French', () => {
		const check = checkDocumentFile({
			name: 'Gros.pdf',
			size: DOCUMENT_MAX_BYTES + 512 * 1024,
			type: 'application/pdf'
		});
		expect(check).toEqual({
			ok: false,
			reason: 'tooLarge',
			message: 'Gros.pdf (10,5 Mo) dépasse la taille maximale de 10 Mo par fichier.'
		});
		const barely = checkDocumentFile({
			name: 'Juste.pdf',
			size: DOCUMENT_MAX_BYTES + 1,
			type: 'application/pdf'
		});
		expect(!barely.ok && barely.message).toBe(
			'Juste.pdf dépasse (de peu) la taille maximale de 10 Mo par fichier.'
		);
	});

	it('refuses a type the bucket does not accept, and an empty file', () => {
		const zip = checkDocumentFile({ name: 'archive.zip', size: 100, type: 'application/zip' });
		expect(!zip.ok && zip.reason).toBe('badType');
		expect(!zip.ok && zip.message).toMatch(/^archive\.zip n’est pas d’un type accepté/);
		const empty = checkDocumentFile({ name: 'vide.txt', size: 0, type: 'text/plain' });
		expect(!empty.ok && empty.reason).toBe('empty');
	});

	it('uses the extension when the browser gives no type or a generic one', () => {
		expect(documentMimeType({ name: 'Tableau.XLSX', type: '' })).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(documentMimeType({ name: 'notes.txt', type: 'application/octet-stream' })).toBe(
			'text/plain'
		);
		expect(documentMimeType({ name: 'programme.exe', type: '' })).toBeNull();
	});

	it('drops MIME parameters, which Storage would otherwise refuse', () => {
		expect(documentMimeType({ name: 'notes.txt', type: 'text/plain;charset=UTF-8' })).toBe(
			'text/plain'
		);
	});
});

describe('object keys', () => {
	const owner = '10000000-0000-4000-8000-000000000001';

	it('sit in the owner’s folder and satisfy the table’s ASCII-key constraint', () => {
		// documents_storage_path_is_ascii_key and documents_storage_path_in_owner_folder
		const ascii = /^[A-Za-z0-9/!._*'() &$@=;:+,?-]+$/;
		for (const name of ['Prévisionnel – année 1 (v2).pdf', '«Été».txt', '....', 'ж.pdf']) {
			const key = documentKey(owner, name);
			expect(key).toMatch(ascii);
			expect(key.split('/')).toHaveLength(2);
			expect(key.split('/')[0]).toBe(owner);
			expect(key.split('/')[1].length).toBeGreaterThan(0);
		}
		expect(documentKey(owner, 'Prévisionnel – année 1 (v2).pdf')).toMatch(
			new RegExp(`^${owner}/[0-9a-f]{8}-previsionnel-annee-1-v2\\.pdf$`)
		);
	});

	it('never collide for two files of the same name', () => {
		expect(documentKey(owner, 'a.pdf')).not.toBe(documentKey(owner, 'a.pdf'));
	});
});

describe('downloading and labelling', () => {
	it('offers the stored extension back when a rename dropped it', () => {
		expect(downloadName('Business plan', 'u/ab12-business-plan.pdf')).toBe('Business plan.pdf');
		expect(downloadName('Business plan.PDF', 'u/ab12-business-plan.pdf')).toBe('Business plan.PDF');
		expect(downloadName('Notes', 'u/ab12-notes')).toBe('Notes');
	});

	it('labels stored types in French', () => {
		expect(documentTypeLabel('application/pdf')).toBe('PDF');
		expect(documentTypeLabel('application/vnd.ms-excel')).toBe('Excel');
		expect(documentTypeLabel('application/x-unknown')).toBe('Fichier');
	});
});
