import { describe, expect, it } from 'vitest';
import {
	AVATAR_MAX_BYTES,
	avatarSchema,
	emailChangeSchema,
	passwordChangeSchema,
	profileSchema
} from '../../../../src/lib/schemas/profiles.ts';

const errorsOf = (
	schema: {
		safeParse(input: unknown): {
			success: boolean;
			error?: { issues: { path: PropertyKey[]; message: string }[] };
		};
	},
	input: unknown
) => {
	const result = schema.safeParse(input);
	const errors: Record<string, string> = {};
	for (const issue of result.success ? [] : (result.error?.issues ?? []))
		errors[String(issue.path[0])] ??= issue.message;
	return errors;
};

describe('profile form', () => {
	it('keeps names, headline and bio, and never the role', () => {
		expect(
			profileSchema.parse({
				first_name: ' Camille ',
				last_name: 'Martin',
				headline: '',
				bio: 'Fondatrice.',
				role: 'coach'
			})
		).toEqual({ first_name: 'Camille', last_name: 'Martin', headline: null, bio: 'Fondatrice.' });
	});

	it('refuses missing names and over-long texts in French', () => {
		expect(errorsOf(profileSchema, { headline: 'x'.repeat(121) })).toEqual({
			first_name: 'Ce champ est obligatoire.',
			last_name: 'Ce champ est obligatoire.',
			headline: '120 caractères maximum.'
		});
	});
});

describe('avatar', () => {
	const image = (type: string, size: number) => new File([new Uint8Array(size)], 'photo', { type });

	it('accepts JPEG, PNG and WebP up to 2 MiB', () => {
		for (const type of ['image/jpeg', 'image/png', 'image/webp']) {
			expect(avatarSchema.parse({ avatar: image(type, AVATAR_MAX_BYTES) }).avatar.type).toBe(type);
		}
	});

	it('refuses another type, a bigger file, or no file, in French', () => {
		expect(errorsOf(avatarSchema, { avatar: image('image/gif', 10) })).toEqual({
			avatar: 'Formats acceptés : JPEG, PNG ou WebP.'
		});
		expect(errorsOf(avatarSchema, { avatar: image('image/png', AVATAR_MAX_BYTES + 1) })).toEqual({
			avatar: 'Cette image dépasse 2 Mo.'
		});
		expect(errorsOf(avatarSchema, { avatar: new File([], '') })).toEqual({
			avatar: 'Choisissez une image.'
		});
		expect(errorsOf(avatarSchema, {})).toEqual({ avatar: 'Choisissez une image.' });
	});
});

describe('account changes', () => {
	it('normalises a new e-mail and refuses a malformed one', () => {
		expect(emailChangeSchema.parse({ email: ' Camille@Exemple.FR ' })).toEqual({
			email: 'camille@exemple.fr'
		});
		expect(errorsOf(emailChangeSchema, { email: 'camille@' })).toEqual({
			email: 'Saisissez une adresse e-mail valide.'
		});
	});

	it('needs a password of 8 characters typed twice', () => {
		expect(
			passwordChangeSchema.parse({ password: 'Solide-2026', confirm_password: 'Solide-2026' })
		).toMatchObject({ password: 'Solide-2026' });
		expect(
			errorsOf(passwordChangeSchema, { password: 'court', confirm_password: 'court' })
		).toEqual({
			password: 'Ce mot de passe est trop faible : utilisez au moins 8 caractères.'
		});
		expect(
			errorsOf(passwordChangeSchema, { password: 'Solide-2026', confirm_password: 'Solide-2027' })
		).toEqual({ confirm_password: 'Les deux mots de passe ne correspondent pas.' });
	});
});
