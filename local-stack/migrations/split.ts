// Splits a SQL script into statements the way the Supabase CLI records them in
// schema_migrations.statements: on top-level semicolons, respecting quotes, dollar quotes,
// comments and BEGIN ATOMIC bodies. The database still runs the script as one batch.

export function splitStatements(sql: string): string[] {
	const statements: string[] = [];
	let start = 0;
	let i = 0;
	let atomicDepth = 0;
	const n = sql.length;
	const push = (end: number) => {
		const text = sql.slice(start, end).trim();
		if (text !== '' && !/^(--[^\n]*\n?|\/\*[\s\S]*?\*\/|\s)*$/.test(text)) statements.push(text);
	};
	while (i < n) {
		const c = sql[i];
		const next = sql[i + 1];
		if (c === '-' && next === '-') {
			const end = sql.indexOf('\n', i);
			i = end === -1 ? n : end + 1;
		} else if (c === '/' && next === '*') {
			let depth = 1;
			i += 2;
			while (i < n && depth > 0) {
				if (sql[i] === '/' && sql[i + 1] === '*') {
					depth++;
					i += 2;
				} else if (sql[i] === '*' && sql[i + 1] === '/') {
					depth--;
					i += 2;
				} else i++;
			}
		} else if (c === "'" || c === '"') {
			// E'…' strings allow backslash escapes; everywhere else a quote is doubled.
			const escapes =
				c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? '');
			i++;
			while (i < n) {
				if (escapes && sql[i] === '\\') i += 2;
				else if (sql[i] === c && sql[i + 1] === c) i += 2;
				else if (sql[i] === c) break;
				else i++;
			}
			i++;
		} else if (c === '$') {
			const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
			if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
				const close = sql.indexOf(tag[0], i + tag[0].length);
				i = close === -1 ? n : close + tag[0].length;
			} else i++;
		} else if (/[A-Za-z]/.test(c) && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
			const word = /^[A-Za-z_]+/.exec(sql.slice(i))![0];
			const lower = word.toLowerCase();
			if (lower === 'atomic' && /begin\s+$/i.test(sql.slice(Math.max(start, i - 20), i))) {
				atomicDepth++;
			} else if (
				lower === 'end' &&
				atomicDepth > 0 &&
				!/^\s+(if|loop|case)\b/i.test(sql.slice(i + 3))
			) {
				atomicDepth--;
			}
			i += word.length;
		} else if (c === ';' && atomicDepth === 0) {
			push(i);
			start = i + 1;
			i++;
		} else i++;
	}
	push(n);
	return statements;
}

/** 1-based line and column of a character offset, for error messages. */
export function lineAndColumn(sql: string, offset: number): { line: number; column: number } {
	const before = sql.slice(0, Math.max(0, offset));
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
