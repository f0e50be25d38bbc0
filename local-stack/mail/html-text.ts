// The plain-text rendition Mailpit shows for an HTML-only mail (enmime converts HTML with
// html2text): block elements become line breaks, links read "label ( url )", entities decoded.
// Also the message snippet Mailpit lists: whitespace collapsed, 250 characters at most.

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	eacute: 'é',
	egrave: 'è',
	agrave: 'à',
	ccedil: 'ç',
	hellip: '…'
};

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
		if (entity[0] === '#') {
			const code =
				entity[1].toLowerCase() === 'x'
					? Number.parseInt(entity.slice(2), 16)
					: Number.parseInt(entity.slice(1), 10);
			return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[entity.toLowerCase()] ?? whole;
	});
}

const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');

export function htmlToText(html: string): string {
	let text = html.replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '');
	text = text.replace(
		/<a\b[^>]*?href\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi,
		(...m) => {
			const href = decodeEntities(m[2] ?? m[3] ?? '');
			const label = decodeEntities(stripTags(m[4] as string)).trim();
			if (!href || href.startsWith('#')) return label;
			return label && label !== href ? `${label} ( ${href} )` : href;
		}
	);
	text = text.replace(/<br\s*\/?>/gi, '\n');
	text = text.replace(
		/<\/?(p|div|h[1-6]|li|ul|ol|tr|table|blockquote|pre|section|article|header|footer)\b[^>]*>/gi,
		'\n\n'
	);
	text = decodeEntities(stripTags(text));
	return text
		.split('\n')
		.map((line) => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export function snippet(text: string, length = 250): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > length ? `${flat.slice(0, length)}...` : flat;
}
