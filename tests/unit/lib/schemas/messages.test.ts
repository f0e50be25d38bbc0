// The message form: a client-chosen uuid and a body of 1–4000 characters as the database counts
// them, with the French messages shown next to the composer.
import { describe, expect, it } from 'vitest';
import {
	counterpartId,
	messageBodyError,
	newMessage
} from '../../../../src/lib/schemas/messages.ts';

const ID = '0b5d8f2e-1c1a-4d7b-9a7e-2f1f3c0e9a11';

describe('newMessage', () => {
	it('accepts a message and trims its outer whitespace, keeping its line breaks', () => {
		const result = newMessage.safeParse({ id: ID, body: '  Bonjour,\n\nà demain !  ' });
		expect(result.success && result.data).toEqual({ id: ID, body: 'Bonjour,\n\nà demain !' });
	});

	it('refuses an empty or blank message', () => {
		expect(messageBodyError('')).toBe('Écrivez un message avant de l’envoyer.');
		expect(messageBodyError(' \n\t ')).toBe('Écrivez un message avant de l’envoyer.');
	});

	it('accepts exactly 4000 characters and refuses 4001', () => {
		expect(messageBodyError('a'.repeat(4000))).toBeNull();
		expect(messageBodyError('a'.repeat(4001))).toBe(
			'Un message ne peut pas dépasser 4000 caractères.'
		);
	});

	it('counts an emoji as one character, as the database does', () => {
		expect(messageBodyError('👋'.repeat(4000))).toBeNull();
	});

	it('refuses a message without a valid client id', () => {
		const result = newMessage.safeParse({ id: 'abc', body: 'Bonjour' });
		expect(result.success).toBe(false);
	});
});

describe('counterpartId', () => {
	it('accepts a profile uuid and refuses anything else with a French message', () => {
		expect(counterpartId.safeParse(ID).success).toBe(true);
		const refused = counterpartId.safeParse('../admin');
		expect(refused.success).toBe(false);
		expect(refused.error?.issues[0].message).toBe('Ce destinataire est introuvable.');
	});
});
