// The part of Go's html/template that Supabase email templates use: `{{ .Field }}` and
// `{{ .Data.key }}` lookups, `{{ if … }}{{ else }}{{ end }}`, comments and `{{-`/`-}}` trimming,
// with html/template's contextual escaping (text, attribute values, URL attributes: scheme
// filter, normalisation or query escaping). Other actions are refused with a TemplateError.

export class TemplateError extends Error {}

type Node =
	| { kind: 'text'; text: string }
	| { kind: 'field'; path: string[]; source: string }
	| { kind: 'if'; path: string[]; then: Node[]; otherwise: Node[] };

type Token = { kind: 'text'; text: string } | { kind: 'action'; body: string };

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < source.length) {
		const open = source.indexOf('{{', i);
		if (open === -1) {
			tokens.push({ kind: 'text', text: source.slice(i) });
			break;
		}
		let text = source.slice(i, open);
		const close = source.indexOf('}}', open + 2);
		if (close === -1) throw new TemplateError('unclosed action');
		let body = source.slice(open + 2, close);
		let next = close + 2;
		if (body.startsWith('- ') || body === '-') {
			text = text.replace(/\s+$/, '');
			body = body.slice(1);
		}
		if (body.endsWith(' -')) {
			body = body.slice(0, -1);
			const rest = /^\s*/.exec(source.slice(next))![0];
			next += rest.length;
		}
		if (text) tokens.push({ kind: 'text', text });
		tokens.push({ kind: 'action', body: body.trim() });
		i = next;
	}
	return tokens;
}

function parsePath(expression: string): string[] {
	if (expression === '.') return [];
	if (!/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(expression))
		throw new TemplateError(`unsupported template action "{{ ${expression} }}"`);
	return expression.slice(1).split('.');
}

function parse(
	tokens: Token[],
	start: number,
	stops: string[]
): { nodes: Node[]; end: number; stop: string } {
	const nodes: Node[] = [];
	let i = start;
	while (i < tokens.length) {
		const token = tokens[i];
		if (token.kind === 'text') {
			nodes.push({ kind: 'text', text: token.text });
			i++;
			continue;
		}
		const body = token.body;
		if (body.startsWith('/*') && body.endsWith('*/')) {
			i++;
			continue;
		}
		if (stops.includes(body)) return { nodes, end: i, stop: body };
		if (body.startsWith('if ')) {
			const path = parsePath(body.slice(3).trim());
			const then = parse(tokens, i + 1, ['else', 'end']);
			let otherwise: Node[] = [];
			let end = then.end;
			if (then.stop === 'else') {
				const rest = parse(tokens, then.end + 1, ['end']);
				if (rest.stop !== 'end') throw new TemplateError('missing {{ end }}');
				otherwise = rest.nodes;
				end = rest.end;
			} else if (then.stop !== 'end') throw new TemplateError('missing {{ end }}');
			nodes.push({ kind: 'if', path, then: then.nodes, otherwise });
			i = end + 1;
			continue;
		}
		nodes.push({ kind: 'field', path: parsePath(body), source: body });
		i++;
	}
	return { nodes, end: i, stop: '' };
}

/** Parses a template; throws TemplateError for syntax the local stack does not implement. */
export function compileTemplate(source: string): Node[] {
	const result = parse(tokenize(source), 0, []);
	return result.nodes;
}

function lookup(data: Record<string, unknown>, path: string[]): unknown {
	let value: unknown = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function truthy(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === 0 || value === '')
		return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

/** fmt.Sprint of the values templates meet. */
function stringify(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map(stringify).join(' ')}]`;
	return `map[${Object.keys(value as object)
		.sort()
		.map((key) => `${key}:${stringify((value as Record<string, unknown>)[key])}`)
		.join(' ')}]`;
}

/** html/template's htmlEscaper (text and attribute values). */
export function htmlEscape(text: string): string {
	return text.replace(/[\0"&'+<>]/g, (char) =>
		char === '\0'
			? '\uFFFD'
			: { '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' }[char]!
	);
}

/** html/template's URL processor: `normalize` keeps reserved characters, else they are escaped. */
function processUrl(text: string, normalize: boolean): string {
	let out = '';
	for (const byte of Buffer.from(text, 'utf8')) {
		const char = String.fromCharCode(byte);
		if (/[A-Za-z0-9\-._~]/.test(char) || (normalize && /[!#$&*+,/:;=?@[\]%]/.test(char)))
			out += char;
		else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

const URL_ATTRIBUTES = new Set([
	'href',
	'src',
	'action',
	'formaction',
	'cite',
	'poster',
	'background',
	'longdesc',
	'usemap'
]);

type Context = { kind: 'text' } | { kind: 'attr'; name: string; value: string } | { kind: 'tag' };

/** Where the next action lands, from the template text written so far. */
function contextAfter(html: string): Context {
	let state: 'text' | 'tag' | 'attr' = 'text';
	let quote = '';
	let name = '';
	let value = '';
	let pendingName = '';
	for (let i = 0; i < html.length; i++) {
		const char = html[i];
		if (state === 'text') {
			if (char === '<' && /[A-Za-z/!]/.test(html[i + 1] ?? '')) state = 'tag';
		} else if (state === 'tag') {
			if (char === '>') state = 'text';
			else if (/[A-Za-z0-9_:-]/.test(char)) pendingName += char;
			else if (char === '=') {
				name = pendingName.toLowerCase();
				pendingName = '';
				const next = html[i + 1];
				if (next === '"' || next === "'") {
					quote = next;
					i++;
				} else quote = ' ';
				state = 'attr';
				value = '';
			} else pendingName = '';
		} else {
			if ((quote === ' ' && /[\s>]/.test(char)) || char === quote) {
				state = char === '>' ? 'text' : 'tag';
			} else value += char;
		}
	}
	if (state === 'attr') return { kind: 'attr', name, value };
	return state === 'tag' ? { kind: 'tag' } : { kind: 'text' };
}

function escapeFor(context: Context, raw: string): string {
	if (context.kind === 'attr' && URL_ATTRIBUTES.has(context.name)) {
		if (context.value === '') {
			const scheme = /^([^/?#:]*):/.exec(raw);
			if (scheme && !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()))
				return '#ZgotmplZ';
			return htmlEscape(processUrl(raw, true));
		}
		return htmlEscape(processUrl(raw, !/[?#]/.test(context.value)));
	}
	return htmlEscape(raw);
}

function renderNodes(
	nodes: Node[],
	data: Record<string, unknown>,
	written: { html: string }
): void {
	for (const node of nodes) {
		if (node.kind === 'text') {
			written.html += node.text;
		} else if (node.kind === 'field') {
			written.html += escapeFor(contextAfter(written.html), stringify(lookup(data, node.path)));
		} else {
			renderNodes(truthy(lookup(data, node.path)) ? node.then : node.otherwise, data, written);
		}
	}
}

export function renderTemplate(source: string, data: Record<string, unknown>): string {
	const written = { html: '' };
	renderNodes(compileTemplate(source), data, written);
	return written.html;
}
