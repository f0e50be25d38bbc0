// Mailpit's search filters (https://mailpit.axllent.org/docs/usage/search-filters/), the subset a
// Supabase stack needs: words and "quoted phrases" against the whole message, `to:`, `from:`,
// `cc:`, `subject:`, `message-id:`, `is:read|unread`, each negated by a leading `-` or `!`.
// Matching is case-insensitive and by substring, as Mailpit's LIKE queries are.

export type SearchTerm = { field: string | null; value: string; negate: boolean };

export type Searchable = {
	From: { Name: string; Address: string };
	To: { Name: string; Address: string }[];
	Cc: { Name: string; Address: string }[];
	Subject: string;
	MessageID: string;
	Text: string;
	Read: boolean;
};

const FIELDS = new Set(['to', 'from', 'cc', 'subject', 'message-id', 'is']);

/** Splits a query into terms, keeping quoted values (`to:"a b"`, `"two words"`) whole. */
export function parseSearch(query: string): SearchTerm[] {
	const terms: SearchTerm[] = [];
	const pattern = /([-!]?)(?:([a-z-]+):)?(?:"([^"]*)"?|(\S+))/gi;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(query)) !== null) {
		const [, sign, rawField, quoted, bare] = match;
		let field: string | null = rawField?.toLowerCase() ?? null;
		let value: string = quoted ?? bare ?? '';
		if (field && !FIELDS.has(field)) {
			// An unknown prefix is part of a plain word, like Mailpit treats it.
			value = `${rawField}:${value}`;
			field = null;
		}
		if (value === '' && !field) continue;
		terms.push({ field, value: value.toLowerCase(), negate: sign !== '' });
	}
	return terms;
}

const addresses = (list: { Name: string; Address: string }[]) =>
	list
		.map((a) => `${a.Name} <${a.Address}>`)
		.join(', ')
		.toLowerCase();

function matchesTerm(message: Searchable, term: SearchTerm): boolean {
	const value = term.value;
	switch (term.field) {
		case 'to':
			return addresses(message.To).includes(value);
		case 'from':
			return addresses([message.From]).includes(value);
		case 'cc':
			return addresses(message.Cc).includes(value);
		case 'subject':
			return message.Subject.toLowerCase().includes(value);
		case 'message-id':
			return message.MessageID.toLowerCase().includes(value);
		case 'is':
			if (value === 'read' || value === 'seen') return message.Read;
			if (value === 'unread' || value === 'unseen') return !message.Read;
			return false;
		default:
			return [
				message.Subject,
				addresses([message.From]),
				addresses(message.To),
				addresses(message.Cc),
				message.Text
			]
				.join('\n')
				.toLowerCase()
				.includes(value);
	}
}

export function matchesSearch(message: Searchable, terms: SearchTerm[]): boolean {
	return terms.every((term) => matchesTerm(message, term) !== term.negate);
}
