// Reads the text form of a `pg_node_tree` (pg_rewrite.ev_action) far enough to walk a view's
// target list: nodes `{TYPE :field value …}`, lists `( … )`, `<>` for NULL, backslash escapes
// and datum byte arrays `4 [ 1 0 0 0 ]`. PostgREST needs it to follow view columns back to the
// table columns their keys are made of.

export type NodeValue = string | null | NodeValue[] | TreeNode;
export type TreeNode = { type: string; fields: Record<string, NodeValue> };

function tokenize(text: string): string[] {
	const tokens: string[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
			i++;
			continue;
		}
		if (c === '(' || c === ')' || c === '{' || c === '}') {
			tokens.push(c);
			i++;
			continue;
		}
		let token = '';
		while (i < text.length) {
			const d = text[i];
			if (d === ' ' || d === '\n' || d === '\t' || d === '\r') break;
			if (d === '(' || d === ')' || d === '{' || d === '}') break;
			if (d === '\\' && i + 1 < text.length) {
				token += text[i + 1];
				i += 2;
				continue;
			}
			token += d;
			i++;
		}
		tokens.push(token);
	}
	return tokens;
}

export function parseNodeTree(text: string): NodeValue {
	const tokens = tokenize(text);
	let at = 0;
	const value = (): NodeValue => {
		const token = tokens[at++];
		if (token === '{') return node();
		if (token === '(') return list();
		if (token === '<>') return null;
		// A datum: its length then `[ b0 b1 … ]`.
		if (tokens[at] === '[') {
			while (at < tokens.length && tokens[at] !== ']') at++;
			at++;
		}
		return token ?? null;
	};
	const list = (): NodeValue[] => {
		const items: NodeValue[] = [];
		while (at < tokens.length && tokens[at] !== ')') items.push(value());
		at++;
		return items;
	};
	const node = (): TreeNode => {
		const type = tokens[at++];
		const fields: Record<string, NodeValue> = {};
		while (at < tokens.length && tokens[at] !== '}') {
			const key = tokens[at++];
			if (!key.startsWith(':')) continue;
			if (tokens[at] === '}') {
				fields[key.slice(1)] = null;
				break;
			}
			fields[key.slice(1)] = value();
		}
		at++;
		return { type, fields };
	};
	return value();
}

export type TargetEntry = { resno: number; origTable: number; origColumn: number };

/** The target list of a view's query: which table column each view column comes from. */
export function viewTargets(evAction: string): TargetEntry[] {
	const tree = parseNodeTree(evAction);
	const query = Array.isArray(tree) ? tree[0] : tree;
	if (!query || typeof query !== 'object' || Array.isArray(query)) return [];
	const targetList = query.fields.targetList;
	if (!Array.isArray(targetList)) return [];
	const entries: TargetEntry[] = [];
	for (const entry of targetList) {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
		const { resno, resorigtbl, resorigcol } = entry.fields;
		if (
			typeof resno !== 'string' ||
			typeof resorigtbl !== 'string' ||
			typeof resorigcol !== 'string'
		)
			continue;
		entries.push({
			resno: Number(resno),
			origTable: Number(resorigtbl),
			origColumn: Number(resorigcol)
		});
	}
	return entries;
}
