// The companies directory: searched by name (`ilike`), filtered by sector, optionally only the
// viewer's own ("Mes entreprises"), sorted by name and paged with an exact count.
import { error, redirect } from '@sveltejs/kit';
import { messages } from '#lib/i18n/index.ts';
import { COMPANIES_PAGE_SIZE, companyListQuery, namePattern } from '#lib/schemas/companies.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent, url }) => {
	const { viewer } = await parent();
	const query = companyListQuery.parse(Object.fromEntries(url.searchParams));
	const from = (query.page - 1) * COMPANIES_PAGE_SIZE;

	let list = locals.supabase
		.from('companies')
		.select('id, owner_id, name, sector, city, description, founded_on', { count: 'exact' })
		.order('name')
		.order('id')
		.range(from, from + COMPANIES_PAGE_SIZE - 1);
	if (query.q) list = list.ilike('name', namePattern(query.q));
	if (query.sector) list = list.eq('sector', query.sector);
	if (query.mine) list = list.eq('owner_id', viewer.id);

	const [companies, sectors] = await Promise.all([
		list,
		locals.supabase.from('companies').select('sector').not('sector', 'is', null).order('sector')
	]);
	// A page past the end (the list shrank, or a typed URL) goes back to the first one.
	if (companies.error?.code === 'PGRST103' && query.page > 1) {
		const first = new URL(url);
		first.searchParams.delete('page');
		redirect(303, `${first.pathname}${first.search}`);
	}
	if (companies.error || sectors.error) error(503, messages.common.errors.generic);

	const sectorNames = [...new Set(sectors.data.map((row) => row.sector as string))];
	if (query.sector && !sectorNames.includes(query.sector)) sectorNames.push(query.sector);
	sectorNames.sort((a, b) => a.localeCompare(b, 'fr'));

	const count = companies.count ?? companies.data.length;
	return {
		query,
		companies: companies.data.map((company) => ({
			id: company.id,
			name: company.name,
			sector: company.sector,
			city: company.city,
			description: company.description,
			foundedYear: company.founded_on ? Number(company.founded_on.slice(0, 4)) : null,
			mine: company.owner_id === viewer.id
		})),
		count,
		page: query.page,
		pages: Math.max(1, Math.ceil(count / COMPANIES_PAGE_SIZE)),
		sectors: sectorNames,
		canCreate: viewer.role === 'company'
	};
};
