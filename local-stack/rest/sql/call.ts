// A function call as PostgREST makes it (callPlanToQuery): named arguments `"a" := $1::type`
// (GET query parameters, form bodies), JSON bodies read by json_to_record with the parameter
// types, a single unnamed json/text/xml/bytea parameter taking the whole body, and scalar
// results wrapped as `pgrst_scalar`.
import type { CallPlan } from '../plan/types.ts';
import { alias, column, fromQi } from './clauses.ts';
import { cat, ident, join, param, raw, typedParam } from './fragment.ts';
import type { Fragment } from './fragment.ts';
import { fromJsonBody } from './mutate.ts';
import { arrayLiteral } from './clauses.ts';

export function callQuery(plan: CallPlan): Fragment {
	const wrapScalar = plan.scalar || plan.setOfScalar;
	const callIt = (args: Fragment): Fragment =>
		wrapScalar
			? cat('(SELECT ', fromQi(plan.target), '(', args, ') pgrst_scalar) pgrst_call')
			: cat(fromQi(plan.target), '(', args, ') pgrst_call');

	let from: Fragment;
	if (plan.params.kind === 'positional') {
		const type = plan.params.param.type;
		let body: string | null;
		if (plan.args.kind === 'raw')
			body = type === 'bytea' ? plan.args.body.toString('hex') : plan.args.body.toString('utf8');
		else if (plan.args.kind === 'json') body = plan.args.body;
		else
			body = JSON.stringify(
				Object.fromEntries(
					[...plan.args.values].map(([k, v]) => [k, v.kind === 'fixed' ? v.value : v.values])
				)
			);
		const arg =
			type === 'bytea' && plan.args.kind === 'raw'
				? typedParam(`\\x${body}`, 'bytea')
				: cat(param(body), '::', raw(type));
		from = cat('FROM ', callIt(arg));
	} else if (plan.params.params.length === 0) {
		from = cat('FROM ', callIt(raw('')));
	} else if (plan.args.kind === 'direct') {
		const values = plan.args.values;
		from = cat(
			'FROM ',
			callIt(
				join(
					plan.params.params.map((p) => {
						const v = values.get(p.name);
						const value =
							v === undefined
								? raw('NULL')
								: v.kind === 'variadic'
									? param(arrayLiteral(v.values))
									: param(v.value);
						return cat(
							p.variadic ? 'VARIADIC ' : '',
							ident(p.name),
							' := ',
							value,
							'::',
							raw(p.typeMaxLength)
						);
					}),
					', '
				)
			)
		);
	} else {
		const body = plan.args.kind === 'json' ? plan.args.body : null;
		const fields = plan.params.params.map((p) => ({
			name: p.name,
			jsonPath: [],
			toJson: false,
			toTsVector: null,
			irType: p.typeMaxLength,
			baseType: '',
			default: null,
			fullRow: false
		}));
		from = cat(
			fromJsonBody(body, fields, { select: false, limitOne: true, defaults: false }),
			', LATERAL ',
			callIt(
				join(
					plan.params.params.map((p) =>
						cat(p.variadic ? 'VARIADIC ' : '', ident(p.name), ' := pgrst_body.', ident(p.name))
					),
					', '
				)
			)
		);
	}

	let columns: Fragment;
	if (wrapScalar) columns = raw('pgrst_call.pgrst_scalar');
	else {
		const returning = [...plan.returning];
		if (returning.length === 0) columns = raw('*');
		else if (returning.length === 1 && returning[0] === '*')
			columns = column(alias('pgrst_call'), '*');
		else
			columns = join(
				[...new Set([...returning, ...plan.filterFields])]
					.sort()
					.map((c) => column(alias('pgrst_call'), c)),
				', '
			);
	}
	return cat('SELECT ', columns, ' ', from);
}
