// Every form checks what it is about to send with its action's own zod/mini schema: with
// JavaScript the French errors appear next to their fields, focus moves to the first invalid
// field and nothing is posted; without JavaScript the action answers with the same messages.
import { expect, test } from '@playwright/test';
import type { Browser, Locator, Page } from '@playwright/test';
import { expectAccessible } from './support/a11y.ts';
import { createDomain, hoursFromNow, sendRequest, setCoachProfile } from './support/coaching.ts';
import { createCompany } from './support/companies.ts';
import { createUser, signIn } from './support/users.ts';
import { insertRows } from './support/workspace.ts';

type User = Awaited<ReturnType<typeof createUser>>;
type Role = 'member' | 'company' | 'coach';

type Case = {
	form: string;
	/** Who fills it (null: a visitor), and the page, prepared for that user. */
	as: Role | null;
	path: (user: User) => Promise<string> | string;
	/** Where the form is: the page, or a dialog opened from it. */
	open?: (page: Page) => Promise<Locator>;
	fill: (form: Locator) => Promise<void>;
	submit: string;
	/** [field label, its French error], in the form's order: the first one gets the focus. */
	errors: [string, string][];
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const field = (scope: Locator, label: string) => scope.getByLabel(label, { exact: true });

const cases: Case[] = [
	{
		form: 'sign-in',
		as: null,
		path: () => '/login',
		fill: (form) => field(form, 'Adresse e-mail').fill('pas-une-adresse'),
		submit: 'Se connecter',
		errors: [
			['Adresse e-mail', 'Saisissez une adresse e-mail valide.'],
			['Mot de passe', 'Ce champ est obligatoire.']
		]
	},
	{
		form: 'sign-up',
		as: null,
		path: () => '/signup',
		fill: async (form) => {
			await field(form, 'Nom').fill('Martin');
			await field(form, 'Adresse e-mail').fill('lea@');
			await field(form, 'Mot de passe').fill('court');
		},
		submit: 'Créer mon compte',
		errors: [
			['Prénom', 'Ce champ est obligatoire.'],
			['Adresse e-mail', 'Saisissez une adresse e-mail valide.'],
			['Mot de passe', 'Ce mot de passe est trop faible : utilisez au moins 8 caractères.']
		]
	},
	{
		form: 'forgotten password',
		as: null,
		path: () => '/forgot-password',
		fill: (form) => field(form, 'Adresse e-mail').fill('lea@exemple'),
		submit: 'Envoyer le lien',
		errors: [['Adresse e-mail', 'Saisissez une adresse e-mail valide.']]
	},
	{
		form: 'contact',
		as: 'member',
		path: () => '/contacts/new',
		fill: async (form) => {
			await field(form, 'Téléphone').fill('12');
		},
		submit: 'Ajouter le contact',
		errors: [
			['Nom', 'Ce champ est obligatoire.'],
			[
				'Téléphone',
				'Saisissez un numéro de téléphone valide (chiffres, espaces, +, points ou tirets).'
			]
		]
	},
	{
		form: 'plan',
		as: 'member',
		path: () => '/plans/new',
		fill: async (form) => {
			await field(form, 'Heure').fill('');
			await field(form, 'Durée (minutes)').fill('1441');
		},
		submit: 'Planifier',
		errors: [
			['Titre', 'Ce champ est obligatoire.'],
			['Heure', 'Ce champ est obligatoire.'],
			['Durée (minutes)', 'La durée doit être un nombre entier de minutes entre 1 et 1440.']
		]
	},
	{
		form: 'document rename',
		as: 'member',
		path: async (user) => {
			const [id] = await insertRows('documents', [
				{
					owner_id: user.id,
					name: 'Bilan.pdf',
					storage_path: `${user.id}/e2e-bilan.pdf`,
					mime_type: 'application/pdf',
					size_bytes: 15
				}
			]);
			return `/documents/${id}`;
		},
		fill: (form) => field(form, 'Nouveau nom').fill('   '),
		submit: 'Renommer',
		errors: [['Nouveau nom', 'Ce champ est obligatoire.']]
	},
	{
		form: 'profile',
		as: 'member',
		path: () => '/profile',
		fill: async (form) => {
			await field(form, 'Prénom').fill('');
			await field(form, 'Nom').fill('  ');
		},
		submit: 'Enregistrer',
		errors: [
			['Prénom', 'Ce champ est obligatoire.'],
			['Nom', 'Ce champ est obligatoire.']
		]
	},
	{
		form: 'company',
		as: 'company',
		path: () => '/companies/new',
		fill: (form) => field(form, 'Site web').fill('mon-entreprise'),
		submit: 'Créer l’entreprise',
		errors: [
			['Nom de l’entreprise', 'Ce champ est obligatoire.'],
			['Site web', 'Saisissez une adresse web complète (https://…).']
		]
	},
	{
		form: 'founder',
		as: 'company',
		path: async (user) => `/companies/${(await createCompany(user.id)).id}/founders/new`,
		fill: async (form) => {
			await field(form, 'Prénom').fill('Nora');
			await field(form, 'Profil LinkedIn').fill('https://exemple.fr/nora');
		},
		submit: 'Ajouter le fondateur',
		errors: [
			['Nom', 'Ce champ est obligatoire.'],
			['Profil LinkedIn', 'Saisissez l’adresse d’un profil LinkedIn (https://www.linkedin.com/…).']
		]
	},
	{
		form: 'event',
		as: 'company',
		path: async (user) => `/companies/${(await createCompany(user.id)).id}/events/new`,
		fill: async (form) => {
			await field(form, 'Titre').fill('Atelier');
			await field(form, 'Lieu').fill('Lyon');
			await field(form, 'Date de début').fill('2031-05-12');
			await field(form, 'Heure de début').fill('14:00');
			await field(form, 'Date de fin').fill('2031-05-12');
		},
		submit: 'Créer l’événement',
		errors: [['Heure de fin', 'Indiquez l’heure de fin.']]
	},
	{
		form: 'coach profile',
		as: 'coach',
		path: (user) => `/coaches/${user.id}/edit`,
		fill: (form) => field(form, 'Tarif horaire (€)').fill('quatre-vingts'),
		submit: 'Enregistrer la présentation',
		errors: [['Tarif horaire (€)', 'Saisissez un tarif en euros, par exemple 85 ou 85,50.']]
	},
	{
		form: 'coaching request refusal',
		as: 'coach',
		path: async (coach) => {
			const member = await createUser({ role: 'member' });
			const domain = await createDomain('Financement');
			await setCoachProfile(coach.id, { domainIds: [domain.id] });
			const id = await sendRequest(member, {
				coachId: coach.id,
				domainId: domain.id,
				desiredAt: hoursFromNow(48)
			});
			return `/coaching-requests/${id}`;
		},
		fill: (form) => field(form, 'Commentaire pour le membre').fill('  '),
		submit: 'Refuser',
		errors: [['Commentaire pour le membre', 'Expliquez votre refus en quelques mots.']]
	}
];

/** The form holding the first field of the case. */
const formOf = (scope: Page | Locator, label: string) =>
	scope.locator('form').filter({ has: scope.getByLabel(label, { exact: true }) });

async function expectErrors(form: Locator, errors: [string, string][]) {
	for (const [label, message] of errors) {
		const control = field(form, label);
		await expect(control).toHaveAttribute('aria-invalid', 'true');
		await expect(control).toHaveAccessibleDescription(new RegExp(escape(message)));
	}
}

async function pageFor(browser: Browser, user: User | null, path: string, javaScript: boolean) {
	const context = await browser.newContext({ javaScriptEnabled: javaScript });
	const page = await context.newPage();
	if (user) await signIn(page, user, path);
	else await page.goto(path);
	await expect(page).toHaveURL(new RegExp(`${escape(path)}$`));
	return { context, page };
}

test.describe('forms check in the browser with their action’s schema', () => {
	for (const item of cases) {
		test(`the ${item.form} form shows its action’s errors before sending, and the action the same without JavaScript`, async ({
			browser
		}) => {
			const user = item.as ? await createUser({ role: item.as }) : null;
			const path = await item.path(user as User);
			const [first] = item.errors[0];

			const live = await pageFor(browser, user, path, true);
			const posts: string[] = [];
			live.page.on('request', (request) => {
				if (request.method() === 'POST') posts.push(request.url());
			});
			const form = formOf(live.page, first);
			await item.fill(form);
			await form.getByRole('button', { name: item.submit, exact: true }).click();
			await expectErrors(form, item.errors);
			await expect(field(form, first)).toBeFocused();
			expect(posts).toEqual([]);
			await expectAccessible(live.page);
			await live.context.close();

			const plain = await pageFor(browser, user, path, false);
			const served = formOf(plain.page, first);
			await item.fill(served);
			await served.getByRole('button', { name: item.submit, exact: true }).click();
			await expectErrors(formOf(plain.page, first), item.errors);
			await plain.context.close();
		});
	}
});
