// The account forms refuse, in French, what Auth would refuse or what cannot be an account:
// missing names, malformed e-mails, passwords under 8 or over 72 characters, unknown roles,
// a new password not typed twice the same.
import { describe, expect, it } from 'vitest';
import {
	forgotPasswordSchema,
	resetPasswordSchema,
	signInSchema,
	signUpSchema
} from '../../../../src/lib/schemas/auth.ts';

const errorsOf = (result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => {
	const errors: Record<string, string> = {};
	// The first message of each field, as the app's parseForm shows it.
	for (const issue of result.error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

const signUp = {
	first_name: ' Léa ',
	last_name: 'Martin',
	email: ' Lea.Martin@Example.FR ',
	password: 'Entreprendre2026!',
	role: 'coach'
};

describe('sign-up', () => {
	it('trims the names and lowercases the e-mail', () => {
		expect(signUpSchema.parse(signUp)).toEqual({
			...signUp,
			first_name: 'Léa',
			email: 'lea.martin@example.fr'
		});
	});

	it('needs both names, an e-mail and a password, in French', () => {
		expect(errorsOf(signUpSchema.safeParse({ role: 'member' }))).toEqual({
			first_name: 'Ce champ est obligatoire.',
			last_name: 'Ce champ est obligatoire.',
			email: 'Ce champ est obligatoire.',
			password: 'Ce champ est obligatoire.'
		});
	});

	it('refuses a malformed e-mail and a password under 8 or over 72 characters', () => {
		const weak = 'Ce mot de passe est trop faible : utilisez au moins 8 caractères.';
		expect(
			errorsOf(signUpSchema.safeParse({ ...signUp, email: 'lea@', password: '1234567' }))
		).toEqual({
			email: 'Saisissez une adresse e-mail valide.',
			password: weak
		});
		expect(errorsOf(signUpSchema.safeParse({ ...signUp, password: 'x'.repeat(73) }))).toEqual({
			password: weak
		});
		expect(signUpSchema.safeParse({ ...signUp, password: 'x'.repeat(72) }).success).toBe(true);
	});

	it('accepts only the three roles a visitor may choose', () => {
		for (const role of ['member', 'company', 'coach']) {
			expect(signUpSchema.safeParse({ ...signUp, role }).success).toBe(true);
		}
		expect(errorsOf(signUpSchema.safeParse({ ...signUp, role: 'admin' }))).toEqual({
			role: 'Choisissez votre profil : membre, entreprise ou coach.'
		});
	});
});

describe('sign-in and forgotten password', () => {
	it('signs in with any non-empty password (Auth judges it)', () => {
		expect(signInSchema.parse({ email: 'A@B.FR', password: 'x' })).toEqual({
			email: 'a@b.fr',
			password: 'x'
		});
		expect(errorsOf(signInSchema.safeParse({ email: '', password: '' }))).toEqual({
			email: 'Ce champ est obligatoire.',
			password: 'Ce champ est obligatoire.'
		});
	});

	it('asks for a well-formed e-mail to send the link to', () => {
		expect(errorsOf(forgotPasswordSchema.safeParse({ email: 'lea' }))).toEqual({
			email: 'Saisissez une adresse e-mail valide.'
		});
	});
});

describe('new password', () => {
	it('needs the same password typed twice, the error next to the confirmation', () => {
		expect(
			resetPasswordSchema.safeParse({
				password: 'Entreprendre2026!',
				confirm_password: 'Entreprendre2026!'
			}).success
		).toBe(true);
		expect(
			errorsOf(
				resetPasswordSchema.safeParse({ password: 'Entreprendre2026!', confirm_password: 'Autre' })
			)
		).toEqual({ confirm_password: 'Les deux mots de passe ne correspondent pas.' });
	});

	it('says in French that the confirmation is missing when it is not sent', () => {
		expect(errorsOf(resetPasswordSchema.safeParse({ password: 'Entreprendre2026!' }))).toEqual({
			confirm_password: 'Ce champ est obligatoire.'
		});
	});
});
