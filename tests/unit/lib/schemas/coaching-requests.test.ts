// The coaching request forms mirror send_coaching_request and answer_coaching_request: duration
// 15–480 minutes, texts up to 2000 characters, an instant with its offset; a refusal is explained.
import { describe, expect, it } from 'vitest';
import {
	acceptRequestSchema,
	declineRequestSchema,
	sendRequestSchema
} from '../../../../src/lib/schemas/coaching-requests.ts';

const id = '30000000-0000-4000-8000-000000000001';
const valid = {
	coach_id: '10000000-0000-4000-8000-000000000003',
	domain_id: id,
	duration_minutes: '60',
	starts_at: '2026-12-03T08:00:00.000Z',
	message: '  Mon business plan  '
};
const messagesOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
	Object.fromEntries(result.error?.issues.map((item) => [item.path.join('.'), item.message]) ?? []);

describe('sending a request', () => {
	it('reads the start as an instant and trims the message', () => {
		const result = sendRequestSchema.parse(valid);
		expect(result.starts_at.toISOString()).toBe('2026-12-03T08:00:00.000Z');
		expect(result.duration_minutes).toBe(60);
		expect(result.message).toBe('Mon business plan');
	});

	it('turns an empty message into none', () => {
		expect(sendRequestSchema.parse({ ...valid, message: '' }).message).toBeNull();
	});

	it('refuses a duration outside 15–480 minutes as the RPC does', () => {
		expect(messagesOf(sendRequestSchema.safeParse({ ...valid, duration_minutes: '10' }))).toEqual({
			duration_minutes: 'La durée doit être comprise entre 15 et 480 minutes.'
		});
		expect(sendRequestSchema.safeParse({ ...valid, duration_minutes: '481' }).success).toBe(false);
	});

	it('needs a chosen time, a domain and a message of at most 2000 characters', () => {
		expect(
			messagesOf(
				sendRequestSchema.safeParse({
					...valid,
					starts_at: '',
					domain_id: '',
					message: 'a'.repeat(2001)
				})
			)
		).toEqual({
			starts_at: 'Choisissez une heure parmi les disponibilités du coach.',
			domain_id: 'Choisissez un domaine d’expertise.',
			message: 'Le message ne doit pas dépasser 2000 caractères.'
		});
	});

	it('refuses a time without its offset (it would be read in the server’s zone)', () => {
		expect(sendRequestSchema.safeParse({ ...valid, starts_at: '2026-12-03T09:00' }).success).toBe(
			false
		);
	});
});

describe('answering a request', () => {
	it('accepts with an optional comment', () => {
		expect(acceptRequestSchema.parse({ request_id: id, comment: '' })).toEqual({
			request_id: id,
			comment: null
		});
	});

	it('declines only with a comment of at most 2000 characters', () => {
		expect(messagesOf(declineRequestSchema.safeParse({ request_id: id, comment: '  ' }))).toEqual({
			comment: 'Expliquez votre refus en quelques mots.'
		});
		expect(
			messagesOf(declineRequestSchema.safeParse({ request_id: id, comment: 'a'.repeat(2001) }))
		).toEqual({
			comment: 'Le commentaire ne doit pas dépasser 2000 caractères.'
		});
	});

	it('refuses a malformed request id', () => {
		expect(acceptRequestSchema.safeParse({ request_id: 'x' }).success).toBe(false);
	});
});
