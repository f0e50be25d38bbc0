// How the address book is listed: its sorts, page size and the PostgREST filters of a search.
// Free of zod so list pages do not ship the validation library to the browser.

export const contactSorts = ['name', 'company', 'created'] as const;
export type ContactSort = (typeof contactSorts)[number];

export const CONTACTS_PAGE_SIZE = 20;

/**
 * The PostgREST `or` filters of a search: every word must appear in the first or last name, the
 * company or the e-mail. LIKE wildcards typed by the user are matched literally, and values are
 * double-quoted so commas and parentheses cannot break the filter syntax.
 */
export function contactSearchFilters(query: string): string[] {
	const words = query.split(/\s+/).filter(Boolean).slice(0, 5);
	return words.map((word) => {
		const like = word.replace(/[\\%_]/g, '\\$&');
		const quoted = `"*${like.replace(/["\\]/g, '\\$&')}*"`;
		return ['first_name', 'last_name', 'company_name', 'email']
			.map((column) => `${column}.ilike.${quoted}`)
			.join(',');
	});
}
