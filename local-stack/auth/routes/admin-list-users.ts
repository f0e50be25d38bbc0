// GET /admin/users (api/admin.go adminUsers): the audience's users, newest first by default,
// `?page=&per_page=` (50 a page) with X-Total-Count and a Link header (rel next/last), `filter`
// on email or full name, `sort=created_at asc|desc`. Identities are not loaded (null), as in GoTrue.
import { authErrors } from '../errors.ts';
import { encodeValues } from '../http.ts';
import { presentUser } from '../present.ts';
import type { UserRow } from '../present.ts';
import type { RouteHandler } from '../runtime.ts';
import { NIL_UUID } from '../users.ts';
import { requestAud, respond } from './shared.ts';

function parseUint(value: string | null, fallback: number): number {
	if (value === null || value === '') return fallback;
	if (!/^\d+$/.test(value))
		throw authErrors.validation(
			`Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`
		);
	return Number(value);
}

export const adminListUsers: RouteHandler = async (call) => {
	const query = call.url.searchParams;
	const sort = (query.get('sort') ?? '').trim();
	let direction = 'desc';
	if (sort !== '') {
		const [field, dir = 'asc'] = sort.split(/\s+/);
		if (field !== 'created_at' || !['asc', 'desc'].includes(dir.toLowerCase()))
			throw authErrors.validation(`Bad Sort Parameters: bad field for sort '${field}'`);
		direction = dir.toLowerCase();
	}
	let page = parseUint(query.get('page'), 1);
	let perPage = parseUint(query.get('per_page'), 50);
	if (page < 1) page = 1;
	if (perPage < 1) perPage = 20;
	const aud = requestAud(call);
	const filter = query.get('filter') ?? '';
	const params: unknown[] = [NIL_UUID, aud];
	let where = 'instance_id = $1 and aud = $2';
	if (filter !== '') {
		params.push(`%${filter}%`);
		where += ` and (email like $3 or raw_user_meta_data->>'full_name' ilike $3)`;
	}
	const pool = call.auth.pool;
	const total = Number(
		(await pool.query<{ count: string }>(`select count(*) from auth.users where ${where}`, params))
			.rows[0].count
	);
	const { rows } = await pool.query<UserRow>(
		`select * from auth.users where ${where} order by created_at ${direction}, id limit ${perPage} offset ${(page - 1) * perPage}`,
		params
	);
	const totalPages = Math.ceil(total / perPage);
	const values: Record<string, string> = {};
	for (const [key, value] of query) if (!(key in values)) values[key] = value;
	const link = (target: number) =>
		`<${call.request.path}?${encodeValues({ ...values, page: String(target) })}>`;
	let header = '';
	if (totalPages > page) header += `${link(page + 1)}; rel="next", `;
	header += `${link(totalPages)}; rel="last"`;
	respond(
		call,
		200,
		{ users: rows.map((user) => presentUser(user, null)), aud },
		{ Link: header, 'X-Total-Count': String(total) }
	);
};
