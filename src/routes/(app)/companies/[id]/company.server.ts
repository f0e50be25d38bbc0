// The company a form page under /companies/<id>/ edits. Only its owner gets the form: others get
// a French 403 page rather than controls the database would refuse (RLS still decides writes).
import { error } from '@sveltejs/kit';
import type { TypedSupabaseClient } from '#lib/supabase/server.ts';
import { messages } from '#lib/i18n/index.ts';
import { uuid } from '#lib/schemas/fields.ts';

const t = messages.companies.errors;

export const COMPANY_COLUMNS =
	'id, owner_id, name, description, sector, website, email, phone, city, founded_on';

export async function loadOwnedCompany(
	supabase: TypedSupabaseClient,
	id: string,
	viewerId: string
) {
	if (!uuid.safeParse(id).success) error(404, t.notFound);
	const { data, error: failure } = await supabase
		.from('companies')
		.select(COMPANY_COLUMNS)
		.eq('id', id)
		.maybeSingle();
	if (failure) error(503, messages.common.errors.generic);
	if (!data) error(404, t.notFound);
	if (data.owner_id !== viewerId) error(403, t.ownerOnly);
	return data;
}

/** A child row (founder, innovation, event) of that company, or a 404 page. */
export function requireItem<T>(row: T | null, failed: boolean): T {
	if (failed) error(503, messages.common.errors.generic);
	if (!row) error(404, t.itemNotFound);
	return row;
}
