import { describe, expect, it } from 'vitest';
import { documentRef, renameDocumentSchema } from '../../../../src/lib/schemas/documents.ts';

const id = '10000000-0000-4000-8000-000000000001';

describe('renaming a document', () => {
	it('keeps the name trimmed, accents included', () => {
		expect(renameDocumentSchema.parse({ id, name: '  Prévisionnel été.pdf ' })).toEqual({
			id,
			name: 'Prévisionnel été.pdf'
		});
	});

	it('needs a name of at most 255 characters, said in French', () => {
		expect(renameDocumentSchema.safeParse({ id, name: ' ' }).error?.issues[0].message).toBe(
			'Ce champ est obligatoire.'
		);
		expect(
			renameDocumentSchema.safeParse({ id, name: 'x'.repeat(256) }).error?.issues[0].message
		).toBe('255 caractères maximum.');
	});

	it('names a document by its uuid only', () => {
		expect(documentRef.safeParse({ id: 'pas-un-id' }).success).toBe(false);
		expect(renameDocumentSchema.safeParse({ id: '1', name: 'a' }).success).toBe(false);
	});
});
