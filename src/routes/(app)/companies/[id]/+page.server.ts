// A company's public page: its card, owner, founders, innovations by kind and events (upcoming
// first, past ones apart), in one request with embedded resources. The owner also gets the
// delete action; RLS decides whether it deletes anything.
import { error, fail, redirect } from '@sveltejs/kit';
import { dbErrorMessage } from '#lib/errors.ts';
import { formFailure, isConfirmed } from '#lib/forms.ts';
import { messages } from '#lib/i18n/index.ts';
import { removeImages } from '#lib/images.ts';
import { signInPath } from '#lib/navigation.ts';
import { uuid } from '#lib/schemas/fields.ts';
import { innovationKinds } from '#lib/schemas/innovations.ts';
import { avatarUrl, eventImageUrl } from '#lib/storage.ts';
import type { Actions, PageServerLoad } from './$types';

const t = messages.companies.errors;

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { viewer } = await parent();
	if (!uuid.safeParse(params.id).success) error(404, t.notFound);
	const { data: company, error: failure } = await locals.supabase
		.from('companies')
		.select(
			`id, owner_id, name, description, sector, website, email, phone, city, founded_on,
			owner:profiles(id, first_name, last_name, avatar_path),
			founders(id, first_name, last_name, position, bio, email, linkedin_url),
			innovations(id, title, description, kind, published_at),
			events(id, title, description, starts_at, ends_at, location, image_path)`
		)
		.eq('id', params.id)
		.order('last_name', { referencedTable: 'founders' })
		.order('first_name', { referencedTable: 'founders' })
		.order('published_at', { referencedTable: 'innovations', ascending: false })
		.order('starts_at', { referencedTable: 'events' })
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!company) error(404, t.notFound);

	const now = Date.now();
	const events = company.events.map((event) => ({
		id: event.id,
		title: event.title,
		description: event.description,
		startsAt: event.starts_at,
		endsAt: event.ends_at,
		location: event.location,
		imageUrl: eventImageUrl(event.image_path)
	}));
	// An event is upcoming until it ends (or, without an end, until it starts).
	const isUpcoming = (event: (typeof events)[number]) =>
		new Date(event.endsAt ?? event.startsAt).getTime() >= now;
	const owner = company.owner;

	return {
		company: {
			id: company.id,
			name: company.name,
			description: company.description,
			sector: company.sector,
			website: company.website,
			email: company.email,
			phone: company.phone,
			city: company.city,
			foundedOn: company.founded_on
		},
		owner: owner
			? {
					id: owner.id,
					name: `${owner.first_name} ${owner.last_name}`.trim(),
					avatarUrl: avatarUrl(owner.avatar_path)
				}
			: null,
		isOwner: company.owner_id === viewer.id,
		founders: company.founders,
		innovationGroups: innovationKinds
			.map((kind) => ({
				kind,
				items: company.innovations.filter((innovation) => innovation.kind === kind)
			}))
			.filter((group) => group.items.length > 0),
		upcomingEvents: events.filter(isUpcoming),
		pastEvents: events.filter((event) => !isUpcoming(event)).reverse()
	};
};

export const actions: Actions = {
	delete: async ({ request, locals, params, url }) => {
		if (!locals.claims) redirect(303, signInPath(url));
		if (!uuid.safeParse(params.id).success) error(404, t.notFound);
		if (!isConfirmed(await request.formData())) return fail(400, { confirm: params.id });
		// Storage lets only the company's owner remove its pictures, which it can no longer check
		// once the company is gone: the events first let go of their pictures, the objects are
		// removed, then the company (and its events, by cascade). Every step runs under RLS, so
		// for anyone but the owner each one changes nothing.
		const pictures = await locals.supabase
			.from('events')
			.select('id, image_path')
			.eq('company_id', params.id)
			.not('image_path', 'is', null);
		if (pictures.error) return fail(400, formFailure(dbErrorMessage(pictures.error)));
		if (pictures.data.length > 0) {
			const detached = await locals.supabase
				.from('events')
				.update({ image_path: null })
				.eq('company_id', params.id)
				.not('image_path', 'is', null)
				.select('id');
			if (detached.error) return fail(400, formFailure(dbErrorMessage(detached.error)));
			if (detached.data.length === 0) return fail(403, formFailure(t.ownerOnly));
			await removeImages(
				locals.supabase,
				'event-images',
				pictures.data.map((event) => event.image_path)
			);
		}
		const { data, error: failure } = await locals.supabase
			.from('companies')
			.delete()
			.eq('id', params.id)
			.select('id');
		if (failure) return fail(400, formFailure(dbErrorMessage(failure)));
		// Nothing deleted: RLS let the viewer see the company but not delete it.
		if (data.length === 0) return fail(403, formFailure(t.ownerOnly));
		redirect(303, '/companies?mine=1');
	}
};
