// The address book: the viewer's own contacts (RLS shows nobody else's), searched by name,
// company or e-mail, sorted and paged on the database side.
import { error } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { CONTACTS_PAGE_SIZE, contactSearchFilters } from '#lib/contacts.ts';
import { contactListQuery } from '#lib/schemas/contacts.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { q, sort, page } = contactListQuery.parse(Object.fromEntries(url.searchParams));
	const from = (page - 1) * CONTACTS_PAGE_SIZE;

	let query = locals.supabase
		.from('contacts')
		.select('id, first_name, last_name, email, phone, company_name, position, created_at', {
			count: 'exact'
		});
	for (const filter of contactSearchFilters(q)) query = query.or(filter);
	if (sort === 'company') {
		query = query
			.order('company_name', { ascending: true, nullsFirst: false })
			.order('last_name')
			.order('first_name');
	} else if (sort === 'created') {
		query = query.order('created_at', { ascending: false }).order('id');
	} else {
		query = query.order('last_name').order('first_name').order('id');
	}
	const { data, count, error: failure } = await query.range(from, from + CONTACTS_PAGE_SIZE - 1);
	// A page past the end (PGRST103) is an empty page, not an outage.
	if (failure && failure.code !== 'PGRST103') error(503, messages.common.errors.generic);

	const total = count ?? 0;
	return {
		contacts: data ?? [],
		total,
		query: q,
		sort,
		page,
		pages: Math.max(1, Math.ceil(total / CONTACTS_PAGE_SIZE))
	};
};
