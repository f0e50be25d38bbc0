// The coaching session forms mirror cancel_, complete_ and rate_coaching_session: reason up to
// 1000 characters, a whole rating from 1 to 5, comment up to 2000 characters.
import { describe, expect, it } from 'vitest';
import {
	cancelSessionSchema,
	completeSessionSchema,
	rateSessionSchema
} from '../../../../src/lib/schemas/coaching-sessions.ts';

const session_id = '7f90cf3a-f03e-4d34-ae34-24593ff1210e';
const messagesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
	Object.fromEntries(result.error?.issues.map((item) => [item.path.join('.'), item.message]) ?? []);

describe('cancelling and completing', () => {
	it('cancels with an optional reason of at most 1000 characters', () => {
		expect(cancelSessionSchema.parse({ session_id, reason: '' })).toEqual({
			session_id,
			reason: null
		});
		expect(
			messagesOf(cancelSessionSchema.safeParse({ session_id, reason: 'a'.repeat(1001) }))
		).toEqual({
			reason: 'Le motif ne doit pas dépasser 1000 caractères.'
		});
	});

	it('needs a well-formed session id', () => {
		expect(messagesOf(completeSessionSchema.safeParse({ session_id: '42' }))).toEqual({
			session_id: 'Cette séance est invalide. Rechargez la page.'
		});
	});
});

describe('rating', () => {
	it('reads a rating from 1 to 5 with an optional comment', () => {
		expect(rateSessionSchema.parse({ session_id, rating: '4', comment: ' Très utile ' })).toEqual({
			session_id,
			rating: 4,
			comment: 'Très utile'
		});
	});

	it('asks for a rating when none is chosen', () => {
		expect(messagesOf(rateSessionSchema.safeParse({ session_id }))).toEqual({
			rating: 'Choisissez une note de 1 à 5.'
		});
	});

	it('refuses ratings outside 1–5 or not whole, and comments over 2000 characters', () => {
		for (const rating of ['0', '6', '3.5', 'x']) {
			expect(messagesOf(rateSessionSchema.safeParse({ session_id, rating }))).toEqual({
				rating: 'La note doit être un nombre entier entre 1 et 5.'
			});
		}
		expect(
			messagesOf(
				rateSessionSchema.safeParse({ session_id, rating: '5', comment: 'a'.repeat(2001) })
			)
		).toEqual({
			comment: 'Le commentaire ne doit pas dépasser 2000 caractères.'
		});
	});
});
