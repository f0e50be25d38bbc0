// postgres_changes subscription parameters as Extensions.PostgresCdcRls.Subscriptions parses them
// (`col=op.value`, `not.` negation, comma-separated AND, quoted values, `in.(a,b)`), and a filter
// evaluated against a row's WAL text by column type, like realtime.check_equality_op does in SQL.

export const FILTER_OPS = [
	'eq',
	'neq',
	'lt',
	'lte',
	'gt',
	'gte',
	'in',
	'like',
	'ilike',
	'is',
	'match',
	'imatch',
	'isdistinct'
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One condition: `in` values are kept as upstream stores them, `{a,b}`. */
export type Filter = { column: string; op: FilterOp; value: string; negate: boolean };

export type Action = '*' | 'INSERT' | 'UPDATE' | 'DELETE';

export type SubscriptionParams = {
	action: Action;
	schema: string;
	table: string;
	filters: Filter[];
	select: string[] | null;
};

export type ParseResult = { ok: true; params: SubscriptionParams } | { ok: false; message: string };

/** Elixir's `inspect` of a string, for messages that quote what the client sent. */
export const inspectString = (value: string) =>
	`"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;

function inspectValue(value: unknown): string {
	if (typeof value === 'string') return inspectString(value);
	if (value === null || value === undefined) return 'nil';
	if (Array.isArray(value)) return `[${value.map(inspectValue).join(', ')}]`;
	if (typeof value === 'object')
		return `%{${Object.entries(value)
			.map(([k, v]) => `${inspectString(k)} => ${inspectValue(v)}`)
			.join(', ')}}`;
	return String(value);
}

/** The log form of parsed params used in upstream's subscription error messages. */
export function paramsToLog(params: SubscriptionParams): string {
	const filters = `[${params.filters
		.map(
			(f) =>
				`{${inspectString(f.column)}, ${inspectString(f.op)}, ${inspectString(f.value)}, ${f.negate}}`
		)
		.join(', ')}]`;
	const select = params.select ? inspectValue(params.select) : 'nil';
	return `event: ${params.action}, schema: ${params.schema}, table: ${params.table}, filters: ${filters}, select: ${select}`;
}

function actionOf(event: unknown): Action {
	if (event === '*') return '*';
	if (typeof event === 'string') {
		const upper = event.toUpperCase();
		if (upper === 'INSERT' || upper === 'UPDATE' || upper === 'DELETE') return upper;
	}
	return '*';
}

/** Splits on commas outside double quotes and parentheses. */
function splitTopLevel(filter: string): string[] {
	const parts: string[] = [];
	let current = '';
	let depth = 0;
	let quoted = false;
	let prev = '';
	for (let i = 0; i < filter.length; i++) {
		const char = filter[i];
		if (quoted) {
			if (char === '\\' && i + 1 < filter.length) {
				current += char + filter[++i];
				prev = filter[i];
				continue;
			}
			if (char === '"') quoted = false;
			current += char;
			prev = char;
			continue;
		}
		if (char === '"' && (prev === '.' || prev === '(' || prev === ',')) {
			quoted = true;
		} else if (char === '(') {
			depth++;
		} else if (char === ')') {
			depth = Math.max(0, depth - 1);
		} else if (char === ',' && depth === 0) {
			parts.push(current);
			current = '';
			prev = '';
			continue;
		}
		current += char;
		prev = char;
	}
	parts.push(current);
	return parts;
}

function unquote(value: string): string {
	if (!value.startsWith('"')) return value;
	let out = '';
	for (let i = 1; i < value.length; i++) {
		const char = value[i];
		if (char === '\\' && i + 1 < value.length) {
			out += value[++i];
			continue;
		}
		if (char === '"') return i === value.length - 1 ? out : value;
		out += char;
	}
	return value;
}

function parseSegment(
	segment: string
): { ok: true; filter: Filter } | { ok: false; message: string } {
	const trimmed = segment.trim();
	if (trimmed === '')
		return {
			ok: false,
			message: 'filter must not contain empty segments (check for extra commas)'
		};
	const eq = trimmed.indexOf('=');
	if (eq < 0) return { ok: false, message: inspectValue([trimmed]) };
	const column = trimmed.slice(0, eq);
	let rest = trimmed.slice(eq + 1);
	const negate = rest.startsWith('not.');
	if (negate) rest = rest.slice(4);
	const dot = rest.indexOf('.');
	if (dot < 0) return { ok: false, message: inspectValue([rest]) };
	const op = rest.slice(0, dot);
	const value = rest.slice(dot + 1);
	if (!(FILTER_OPS as readonly string[]).includes(op))
		return { ok: false, message: inspectValue([op, value]) };
	if (op === 'in') {
		if (value.length < 2 || !value.startsWith('(') || !value.endsWith(')'))
			return { ok: false, message: '`in` filter value must be wrapped by parentheses' };
		return { ok: true, filter: { column, op, value: `{${value.slice(1, -1)}}`, negate } };
	}
	return { ok: true, filter: { column, op: op as FilterOp, value: unquote(value), negate } };
}

export function parseFilters(
	filter: string
): { ok: true; filters: Filter[] } | { ok: false; message: string } {
	const trimmed = filter.trim();
	if (trimmed === '') return { ok: true, filters: [] };
	const filters: Filter[] = [];
	for (const segment of splitTopLevel(trimmed)) {
		const parsed = parseSegment(segment);
		if (!parsed.ok) return parsed;
		filters.push(parsed.filter);
	}
	return { ok: true, filters };
}

/** parse_subscription_params: one entry of the join's postgres_changes list. */
export function parseSubscriptionParams(params: Record<string, unknown>): ParseResult {
	const action = actionOf(params.event);
	let select: string[] | null = null;
	if (Array.isArray(params.select)) {
		const valid = params.select.filter((c): c is string => typeof c === 'string');
		select = valid.length ? valid : null;
	} else if (typeof params.select === 'string') {
		return {
			ok: false,
			message:
				'Error parsing `select` params: expected a list of column name strings, e.g. select: ["col1", "col2"]'
		};
	}
	const { schema, table, filter } = params;
	const has = (key: string) => key in params;
	let result: SubscriptionParams | null = null;
	if (typeof schema === 'string' && typeof table === 'string' && typeof filter === 'string') {
		const parsed = parseFilters(filter);
		if (!parsed.ok)
			return { ok: false, message: `Error parsing \`filter\` params: ${parsed.message}` };
		result = { action, schema, table, filters: parsed.filters, select };
	} else if (typeof schema === 'string' && typeof table === 'string' && !has('filter')) {
		result = { action, schema, table, filters: [], select };
	} else if (typeof schema === 'string' && !has('table') && !has('filter')) {
		result = { action, schema, table: '*', filters: [], select };
	} else if (typeof table === 'string' && !has('schema') && !has('filter')) {
		result = { action, schema: 'public', table, filters: [], select };
	}
	if (!result) {
		const shown = has('user_token') || has('auth_token') ? '<redacted>' : inspectValue(params);
		return {
			ok: false,
			message: `No subscription params provided. Please provide at least a \`schema\` or \`table\` to subscribe to: ${shown}`
		};
	}
	if (select && (result.schema === '*' || result.table === '*'))
		return {
			ok: false,
			message:
				'Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.'
		};
	return { ok: true, params: result };
}

/** How a column's text compares: the type's category decides, as the SQL cast would. */
export type ValueKind = 'number' | 'boolean' | 'time' | 'text';

export function valueKindOf(typeName: string): ValueKind {
	if (/^(int[248]|float[48]|numeric|oid|money)$/.test(typeName)) return 'number';
	if (typeName === 'bool') return 'boolean';
	if (/^(timestamptz|timestamp|date)$/.test(typeName)) return 'time';
	return 'text';
}

function parseBoolean(text: string): boolean | null {
	const lower = text.trim().toLowerCase();
	if (['t', 'true', 'y', 'yes', 'on', '1'].includes(lower)) return true;
	if (['f', 'false', 'n', 'no', 'off', '0'].includes(lower)) return false;
	return null;
}

function comparable(text: string, kind: ValueKind): number | string | boolean | null {
	switch (kind) {
		case 'number': {
			const n = Number(text.replace(/[$,]/g, ''));
			return Number.isNaN(n) ? null : n;
		}
		case 'boolean':
			return parseBoolean(text);
		case 'time': {
			// Naive timestamps and dates are read as UTC, the stack's time zone.
			const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
			const ms = Date.parse(
				/[zZ]|[+-]\d{2}:\d{2}$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`
			);
			return Number.isNaN(ms) ? text : ms;
		}
		default:
			return text;
	}
}

function likeToRegExp(pattern: string, flags: string): RegExp {
	let source = '';
	for (let i = 0; i < pattern.length; i++) {
		const char = pattern[i];
		if (char === '\\' && i + 1 < pattern.length)
			source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		else if (char === '%') source += '[\\s\\S]*';
		else if (char === '_') source += '[\\s\\S]';
		else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${source}$`, flags);
}

/** Three-valued like SQL: null when the row's value is null (the row is then not visible). */
function evaluate(filter: Filter, text: string | null, kind: ValueKind): boolean | null {
	if (filter.op === 'is') {
		const keyword = filter.value.toLowerCase();
		if (keyword === 'null') return text === null;
		const value = text === null ? null : parseBoolean(text);
		if (keyword === 'unknown') return value === null;
		return value === (keyword === 'true');
	}
	if (filter.op === 'isdistinct') {
		if (text === null) return filter.value.toLowerCase() !== 'null';
		const a = comparable(text, kind);
		const b = comparable(filter.value, kind);
		return a !== b;
	}
	if (text === null) return null;
	const left = comparable(text, kind);
	if (left === null) return null;
	switch (filter.op) {
		case 'in': {
			const items = filter.value
				.slice(1, -1)
				.split(',')
				.map((item) => comparable(unquote(item.trim()), kind));
			return items.some((item) => item === left);
		}
		case 'like':
			return likeToRegExp(filter.value, '').test(text);
		case 'ilike':
			return likeToRegExp(filter.value, 'i').test(text);
		case 'match':
			return new RegExp(filter.value).test(text);
		case 'imatch':
			return new RegExp(filter.value, 'i').test(text);
		default: {
			const right = comparable(filter.value, kind);
			if (right === null) return null;
			switch (filter.op) {
				case 'eq':
					return left === right;
				case 'neq':
					return left !== right;
				case 'lt':
					return left < right;
				case 'lte':
					return left <= right;
				case 'gt':
					return left > right;
				case 'gte':
					return left >= right;
			}
		}
	}
	return null;
}

/**
 * is_visible_through_filters: every filter must name a column of the row and hold; a filter on a
 * column the row lacks, or on a null value, hides the row. `negate` flips a definite answer only.
 */
export function matchesFilters(
	filters: Filter[],
	row: Map<string, { text: string | null; typeName: string }>
): boolean {
	for (const filter of filters) {
		const column = row.get(filter.column);
		if (!column) return false;
		const kind = valueKindOf(column.typeName);
		const uuidLike = column.typeName === 'uuid';
		const text = uuidLike && column.text !== null ? column.text.toLowerCase() : column.text;
		const normalized = uuidLike ? { ...filter, value: filter.value.toLowerCase() } : filter;
		const result = evaluate(normalized, text, kind);
		if (result === null) return false;
		if ((filter.negate ? !result : result) !== true) return false;
	}
	return true;
}
