// The HTTP answer to a plan that ran (PostgREST's Response.hs): status by action (200/206/416
// for reads and calls, 201/200 for inserts and upserts, 200/204 for updates and deletes, 204 for
// void functions), Content-Range, Content-Location, Location, Content-Type and Content-Profile,
// Preference-Applied, and the response.status / response.headers overrides set in SQL.
import { pgrstErrors, renderError } from '../errors.ts';
import { contentTypeOf } from '../parse/media-type.ts';
import type { Preferences } from '../parse/prefer.ts';
import { preferenceApplied } from '../parse/prefer.ts';
import { contentRange, rangeOffset, rangeStatus } from '../parse/range.ts';
import type { ApiRequest } from '../parse/request.ts';
import { returnsVoid } from '../plan/schema-cache.ts';
import type { CrudPlan } from '../plan/types.ts';

export type ResultRow = {
	tableTotal: bigint | null;
	pageTotal: bigint;
	location: string[];
	body: string;
	gucHeaders: string | null;
	gucStatus: string | null;
	/** Upsert counter; null when no row was even attempted. */
	inserted: bigint | null;
};

export type Response = {
	status: number;
	statusText?: string;
	headers: [string, string][];
	body: string;
};

/** Which preferences were applied for this kind of plan (upstream's responsePreferences). */
function appliedPreferences(plan: CrudPlan, request: ApiRequest): Preferences {
	const p = request.preferences;
	const mutation = plan.kind === 'mutate' ? plan.mutation : null;
	const insertHasKeys =
		plan.kind === 'mutate' &&
		plan.mutate.kind === 'insert' &&
		(plan.mutate.pkCols.length > 0 || request.query.onConflict !== null);
	return {
		...p,
		resolution: mutation === 'create' && insertHasKeys ? p.resolution : null,
		representation: plan.kind === 'mutate' ? p.representation : null,
		missing: mutation === 'create' || mutation === 'update' ? p.missing : null,
		maxAffected:
			mutation === 'update' || mutation === 'delete' || plan.kind === 'call' ? p.maxAffected : null,
		invalid: []
	};
}

const counted = (p: Preferences) => p.count === 'exact' || p.count === 'estimated';

function contentHeaders(plan: CrudPlan, request: ApiRequest): [string, string][] {
	const headers: [string, string][] = [['Content-Type', contentTypeOf(plan.media)]];
	if (request.negotiatedByProfile) headers.push(['Content-Profile', request.schema]);
	return headers;
}

const length = (body: string): [string, string] => [
	'Content-Length',
	String(Buffer.byteLength(body))
];

/** http-types' renderSimpleQuery for the Location header. */
function renderQuery(pairs: string[]): string {
	const encode = (text: string) => {
		let out = '';
		for (const b of Buffer.from(text, 'utf8')) {
			const c = String.fromCharCode(b);
			out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
		}
		return out;
	};
	return `?${pairs
		.map((pair) => {
			const eq = pair.indexOf('=');
			return `${encode(pair.slice(0, eq))}=${encode(pair.slice(eq + 1))}`;
		})
		.join('&')}`;
}

function overrides(
	row: ResultRow,
	status: number,
	headers: [string, string][]
): Response['status'] | [number, [string, string][]] {
	let finalStatus = status;
	if (row.gucStatus !== null) {
		const m = /^(\d+)/.exec(row.gucStatus);
		if (!m) throw pgrstErrors.gucStatus();
		finalStatus = Number(m[1]);
	}
	let extra: [string, string][] = [];
	if (row.gucHeaders !== null) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(row.gucHeaders);
		} catch {
			throw pgrstErrors.gucHeaders();
		}
		if (!Array.isArray(parsed)) throw pgrstErrors.gucHeaders();
		extra = parsed.map((item) => {
			if (typeof item !== 'object' || item === null || Array.isArray(item))
				throw pgrstErrors.gucHeaders();
			const entries = Object.entries(item);
			if (entries.length !== 1 || typeof entries[0][1] !== 'string') throw pgrstErrors.gucHeaders();
			return [entries[0][0], entries[0][1] as string];
		});
	}
	const overridden = new Set(extra.map(([k]) => k.toLowerCase()));
	return [finalStatus, [...headers.filter(([k]) => !overridden.has(k.toLowerCase())), ...extra]];
}

function finish(
	row: ResultRow,
	status: number,
	headers: [string, string][],
	body: string
): Response {
	const [s, h] = overrides(row, status, headers) as [number, [string, string][]];
	return { status: s, headers: h, body };
}

export function respond(plan: CrudPlan, request: ApiRequest, row: ResultRow): Response {
	const prefs = appliedPreferences(plan, request);
	const applied = preferenceApplied(prefs);
	const prefHeader: [string, string][] = applied ? [['Preference-Applied', applied]] : [];

	if (plan.kind === 'read' || plan.kind === 'call') {
		const { status, contentRange: range } = rangeStatus(
			request.topLevelRange,
			row.pageTotal,
			row.tableTotal
		);
		const outOfBounds =
			status === 416
				? renderError(
						pgrstErrors.outOfBounds(
							String(rangeOffset(request.topLevelRange)),
							String(row.tableTotal ?? 0n)
						)
					).body
				: null;
		if (plan.kind === 'read') {
			const canonical = request.query.canonical;
			const body = outOfBounds ?? (plan.headersOnly ? '' : row.body);
			const headers: [string, string][] = [
				['Content-Range', range],
				['Content-Location', `/${plan.target.name}${canonical ? `?${canonical}` : ''}`],
				...(plan.headersOnly ? [] : [length(body)]),
				...contentHeaders(plan, request),
				...prefHeader
			];
			return finish(row, status, headers, body);
		}
		if (returnsVoid(plan.routine))
			return finish(row, 204, [['Content-Range', range], ...prefHeader], '');
		const head = plan.invoke === 'head';
		const body = head ? '' : (outOfBounds ?? row.body);
		const headers: [string, string][] = [
			['Content-Range', range],
			...prefHeader,
			...(head ? [] : [length(outOfBounds ?? row.body)]),
			...contentHeaders(plan, request)
		];
		return finish(row, status, headers, body);
	}

	const p = request.preferences;
	const full = p.representation === 'full';
	switch (plan.mutation) {
		case 'create': {
			const headers: [string, string][] = [];
			if (row.location.length)
				headers.push(['Location', `/${plan.target.name}${renderQuery(row.location)}`]);
			headers.push(['Content-Range', contentRange(1n, 0n, counted(p) ? row.pageTotal : null)]);
			headers.push(...prefHeader);
			const merge = p.resolution === 'merge-duplicates';
			const status = row.inserted === null ? 200 : row.inserted <= 0n && merge ? 200 : 201;
			const body = full ? row.body : '';
			return finish(
				row,
				status,
				[length(body), ...headers, ...(full ? contentHeaders(plan, request) : [])],
				body
			);
		}
		case 'update': {
			const headers: [string, string][] = [
				['Content-Range', contentRange(0n, row.pageTotal - 1n, counted(p) ? row.pageTotal : null)],
				...prefHeader
			];
			if (full)
				return finish(
					row,
					200,
					[...headers, length(row.body), ...contentHeaders(plan, request)],
					row.body
				);
			return finish(row, 204, headers, '');
		}
		case 'upsert': {
			if (full) {
				const status = (row.inserted ?? 0n) > 0n ? 201 : 200;
				return finish(
					row,
					status,
					[length(row.body), ...contentHeaders(plan, request), ...prefHeader],
					row.body
				);
			}
			return finish(row, 204, prefHeader, '');
		}
		case 'delete': {
			const headers: [string, string][] = [
				['Content-Range', contentRange(1n, 0n, counted(p) ? row.pageTotal : null)],
				...prefHeader
			];
			if (full)
				return finish(
					row,
					200,
					[...headers, length(row.body), ...contentHeaders(plan, request)],
					row.body
				);
			return finish(row, 204, headers, '');
		}
	}
}

/** OPTIONS on a table or function: the Allow header upstream computes. */
export function allowResponse(allow: string): Response {
	return {
		status: 200,
		headers: [
			['Content-Length', '0'],
			['Access-Control-Allow-Origin', '*'],
			['Allow', allow]
		],
		body: ''
	};
}
