import { describe, expect, it } from 'vitest';
import { requiredCharacters } from '../../../../local-stack/auth/config.ts';
import { checkPasswordStrength, isBcryptHash } from '../../../../local-stack/auth/passwords.ts';

const rules = (minPasswordLength: number, requirement = '') => ({
	minPasswordLength,
	requiredCharacters: requiredCharacters(requirement)
});

describe('password rules', () => {
	it('accepts a password that meets minimum_password_length and the required characters', () => {
		expect(checkPasswordStrength(rules(8), 'Motdepasse')).toBeNull();
		expect(checkPasswordStrength(rules(8, 'lower_upper_letters_digits'), 'Motdepasse1')).toBeNull();
	});

	it('refuses a short password with weak_password, reason "length" and GoTrue wording', () => {
		const error = checkPasswordStrength(rules(8), 'court')!;
		expect([error.status, error.code, error.message, error.reasons]).toEqual([
			422,
			'weak_password',
			'Password should be at least 8 characters.',
			['length']
		]);
	});

	it('names every required set when one is missing, after the length message', () => {
		const error = checkPasswordStrength(rules(8, 'letters_digits'), 'abc')!;
		expect(error.reasons).toEqual(['length', 'characters']);
		expect(error.message).toBe(
			'Password should be at least 8 characters. Password should contain at least one character of each: abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.'
		);
	});

	it('counts bytes like Go and refuses more than 72 with validation_failed', () => {
		const error = checkPasswordStrength(rules(6), 'é'.repeat(37))!;
		expect([error.status, error.code, error.message]).toEqual([
			400,
			'validation_failed',
			'Password cannot be longer than 72 characters'
		]);
		expect(checkPasswordStrength(rules(6), 'a'.repeat(72))).toBeNull();
	});

	it('maps the CLI password_requirements to GoTrue character sets, symbols included', () => {
		expect(requiredCharacters('')).toEqual([]);
		expect(requiredCharacters('lower_upper_letters_digits_symbols')).toHaveLength(4);
		expect(requiredCharacters('lower_upper_letters_digits_symbols')[3]).toContain(':');
		expect(() => requiredCharacters('strong')).toThrow(/must be one of/);
	});

	it('recognises bcrypt hashes of any cost', () => {
		expect(isBcryptHash('$2a$10$abcdefghijklmnopqrstuuCUJeUGRBDmPDSdl6mGwoz3bDnFQZWde')).toBe(true);
		expect(isBcryptHash('$2b$04$abcdefghijklmnopqrstuuCUJeUGRBDmPDSdl6mGwoz3bDnFQZWde')).toBe(true);
		expect(isBcryptHash('$argon2id$v=19$m=16,t=2,p=1$abc')).toBe(false);
		expect(isBcryptHash('plain')).toBe(false);
	});
});
