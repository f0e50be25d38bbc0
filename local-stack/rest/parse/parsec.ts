// A small parser-combinator core with Parsec 3's semantics (consumed/empty replies, `try`,
// error merging by position, `<?>` labels, showErrorMessages), so that PostgREST's query-string
// grammar, written over it in ../parse/*, fails with the very PGRST100 messages upstream gives:
// `"failed to parse filter (eqq.1)" (line 1, column 4)` + `unexpected "q" expecting …`.

const SysUnExpect = 0;
const UnExpect = 1;
const Expect = 2;
const Msg = 3;
type MessageKind = typeof SysUnExpect | typeof UnExpect | typeof Expect | typeof Msg;

export type Message = { kind: MessageKind; text: string };
export type Pos = { line: number; column: number };
export type ParseError = { pos: Pos; messages: Message[] };

export type State = { chars: string[]; index: number; pos: Pos };

export type Reply<T> =
	| { ok: true; consumed: boolean; value: T; state: State; error: ParseError }
	| { ok: false; consumed: boolean; error: ParseError };

export type Parser<T> = (state: State) => Reply<T>;

const unknownError = (pos: Pos): ParseError => ({ pos, messages: [] });
const isUnknown = (error: ParseError) => error.messages.length === 0;

function comparePos(a: Pos, b: Pos): number {
	return a.line !== b.line ? a.line - b.line : a.column - b.column;
}

/** Parsec's mergeError: the error that got further wins; equal positions pool their messages. */
export function mergeError(e1: ParseError, e2: ParseError): ParseError {
	if (e2.messages.length === 0 && e1.messages.length > 0) return e1;
	if (e1.messages.length === 0 && e2.messages.length > 0) return e2;
	const order = comparePos(e1.pos, e2.pos);
	if (order === 0) return { pos: e1.pos, messages: [...e1.messages, ...e2.messages] };
	return order > 0 ? e1 : e2;
}

function setMessage(message: Message, error: ParseError): ParseError {
	return {
		pos: error.pos,
		messages: [message, ...error.messages.filter((m) => m.kind !== message.kind)]
	};
}

function nextPos(pos: Pos, ch: string): Pos {
	if (ch === '\n') return { line: pos.line + 1, column: 1 };
	if (ch === '\t') return { line: pos.line, column: pos.column + 8 - ((pos.column - 1) % 8) };
	return { line: pos.line, column: pos.column + 1 };
}

const ASCII_NAMES = [
	'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'a', 'b', 't', 'n', 'v', 'f', 'r', 'SO', 'SI',
	'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS',
	'RS', 'US'
]; // prettier-ignore

/** Haskell's `show` of one character inside a literal (`quote` is the literal's delimiter). */
function showLitChar(ch: string, quote: string, next: string | undefined): string {
	const cp = ch.codePointAt(0)!;
	if (ch === quote) return `\\${ch}`;
	if (ch === '\\') return '\\\\';
	if (cp >= 32 && cp < 127) return ch;
	if (cp === 127) return '\\DEL';
	if (cp < 32) {
		const name = ASCII_NAMES[cp];
		return name === 'SO' && next === 'H' ? '\\SO\\&' : `\\${name}`;
	}
	return next !== undefined && /[0-9]/.test(next) ? `\\${cp}\\&` : `\\${cp}`;
}

/** Haskell's `show` of a String: `"abc"` with Haskell escapes. */
export function showString(text: string): string {
	const chars = Array.from(text);
	return `"${chars.map((ch, i) => showLitChar(ch, '"', chars[i + 1])).join('')}"`;
}

/** Haskell's `show` of a Char: `'a'`. */
export function showChar(ch: string): string {
	return ch === '"' ? `'"'` : `'${showLitChar(ch, "'", undefined)}'`;
}

// ---- primitives -------------------------------------------------------------------------

export function pure<T>(value: T): Parser<T> {
	return (s) => ({ ok: true, consumed: false, value, state: s, error: unknownError(s.pos) });
}

/** mzero / parserZero: fails without consuming and without a message. */
export const zero: Parser<never> = (s) => ({
	ok: false,
	consumed: false,
	error: unknownError(s.pos)
});

export function bind<A, B>(p: Parser<A>, f: (value: A) => Parser<B>): Parser<B> {
	return (s) => {
		const r = p(s);
		if (!r.ok) return r;
		const q = f(r.value)(r.state);
		if (q.consumed) return q;
		const error = isUnknown(r.error) ? q.error : mergeError(r.error, q.error);
		return { ...q, consumed: r.consumed, error };
	};
}

export function map<A, B>(p: Parser<A>, f: (value: A) => B): Parser<B> {
	return (s) => {
		const r = p(s);
		return r.ok ? { ...r, value: f(r.value) } : r;
	};
}

export const as = <A, B>(p: Parser<A>, value: B): Parser<B> => map(p, () => value);

/** p *> q */
export const right = <A, B>(p: Parser<A>, q: Parser<B>): Parser<B> => bind(p, () => q);
/** p <* q */
export const left = <A, B>(p: Parser<A>, q: Parser<B>): Parser<A> =>
	bind(p, (a) => map(q, () => a));

export function seq<T extends unknown[]>(...parsers: { [K in keyof T]: Parser<T[K]> }): Parser<T> {
	const go = (i: number, acc: unknown[]): Parser<T> =>
		i === parsers.length ? pure(acc as T) : bind(parsers[i], (v) => go(i + 1, [...acc, v]));
	return go(0, []);
}

export function alt<T>(...parsers: Parser<T>[]): Parser<T> {
	return parsers.reduceRight((q, p) => alt2(p, q));
}

function alt2<T>(p: Parser<T>, q: Parser<T>): Parser<T> {
	return (s) => {
		const r = p(s);
		if (r.ok || r.consumed) return r;
		const r2 = q(s);
		if (r2.consumed) return r2;
		return { ...r2, error: mergeError(r.error, r2.error) };
	};
}

/** Parsec's `try`: a consumed failure becomes an empty one, so `<|>` may try the next branch. */
export function attempt<T>(p: Parser<T>): Parser<T> {
	return (s) => {
		const r = p(s);
		return !r.ok && r.consumed ? { ok: false, consumed: false, error: r.error } : r;
	};
}

export function lookAhead<T>(p: Parser<T>): Parser<T> {
	return (s) => {
		const r = p(s);
		return r.ok
			? { ok: true, consumed: false, value: r.value, state: s, error: unknownError(s.pos) }
			: r;
	};
}

/** `p <?> name` */
export function label<T>(p: Parser<T>, name: string): Parser<T> {
	return (s) => {
		const r = p(s);
		if (r.consumed) return r;
		if (r.ok && isUnknown(r.error)) return r;
		return { ...r, error: setMessage({ kind: Expect, text: name }, r.error) };
	};
}

export function satisfy(predicate: (ch: string) => boolean): Parser<string> {
	return (s) => {
		if (s.index >= s.chars.length)
			return {
				ok: false,
				consumed: false,
				error: { pos: s.pos, messages: [{ kind: SysUnExpect, text: '' }] }
			};
		const ch = s.chars[s.index];
		if (!predicate(ch))
			return {
				ok: false,
				consumed: false,
				error: { pos: s.pos, messages: [{ kind: SysUnExpect, text: showString(ch) }] }
			};
		const pos = nextPos(s.pos, ch);
		return {
			ok: true,
			consumed: true,
			value: ch,
			state: { chars: s.chars, index: s.index + 1, pos },
			error: unknownError(pos)
		};
	};
}

export const char = (c: string): Parser<string> =>
	label(
		satisfy((ch) => ch === c),
		showString(c)
	);

/** Parsec 3's `string` (tokens): errors at the start position, consumed after a partial match. */
export function string(text: string): Parser<string> {
	const want = Array.from(text);
	return (s) => {
		const fail = (consumed: boolean, found: string | undefined): Reply<string> => ({
			ok: false,
			consumed,
			error: {
				pos: s.pos,
				messages: [
					{ kind: Expect, text: showString(text) },
					{ kind: SysUnExpect, text: found === undefined ? '' : showString(found) }
				]
			}
		});
		let pos = s.pos;
		for (let i = 0; i < want.length; i++) {
			const ch = s.chars[s.index + i];
			if (ch === undefined) return fail(i > 0, undefined);
			if (ch !== want[i]) return fail(i > 0, ch);
			pos = nextPos(pos, ch);
		}
		const state = { chars: s.chars, index: s.index + want.length, pos };
		return { ok: true, consumed: want.length > 0, value: text, state, error: unknownError(pos) };
	};
}

export function many<T>(p: Parser<T>): Parser<T[]> {
	return (s) => {
		const values: T[] = [];
		let state = s;
		let consumed = false;
		for (;;) {
			const r = p(state);
			if (!r.ok) {
				if (r.consumed) return r;
				return { ok: true, consumed, value: values, state, error: r.error };
			}
			if (!r.consumed)
				throw new Error('many: combinator applied to a parser that accepts an empty string');
			values.push(r.value);
			state = r.state;
			consumed = true;
		}
	};
}

export const many1 = <T>(p: Parser<T>): Parser<T[]> =>
	bind(p, (x) => map(many(p), (xs) => [x, ...xs]));

export const sepBy1 = <T, S>(p: Parser<T>, sep: Parser<S>): Parser<T[]> =>
	bind(p, (x) => map(many(right(sep, p)), (xs) => [x, ...xs]));

export const sepBy = <T, S>(p: Parser<T>, sep: Parser<S>): Parser<T[]> =>
	alt(sepBy1(p, sep), pure([] as T[]));

export const option = <T>(fallback: T, p: Parser<T>): Parser<T> => alt(p, pure(fallback));

export const optionMaybe = <T>(p: Parser<T>): Parser<T | null> =>
	option<T | null>(
		null,
		map(p, (v): T | null => v)
	);

export const between = <A, B, T>(open: Parser<A>, close: Parser<B>, p: Parser<T>): Parser<T> =>
	right(open, left(p, close));

export function unexpected(text: string): Parser<never> {
	return (s) => ({
		ok: false,
		consumed: false,
		error: { pos: s.pos, messages: [{ kind: UnExpect, text }] }
	});
}

export const guard = (condition: boolean): Parser<void> => (condition ? pure(undefined) : zero);

/** notFollowedBy, where `show` renders what was found (Haskell's show of its type). */
export function notFollowedBy<T>(p: Parser<T>, show: (value: T) => string): Parser<void> {
	return attempt(
		alt<void>(
			bind(attempt(p), (c) => unexpected(show(c))),
			pure(undefined)
		)
	);
}

export const anyChar = satisfy(() => true);

/** Parsec's anyToken: consumes one character but, unlike satisfy, keeps the position. */
const anyToken: Parser<string> = (s) => {
	if (s.index >= s.chars.length)
		return {
			ok: false,
			consumed: false,
			error: { pos: s.pos, messages: [{ kind: SysUnExpect, text: '' }] }
		};
	return {
		ok: true,
		consumed: true,
		value: s.chars[s.index],
		state: { chars: s.chars, index: s.index + 1, pos: s.pos },
		error: unknownError(s.pos)
	};
};

export const eof: Parser<void> = label(notFollowedBy(anyToken, showChar), 'end of input');
export const oneOf = (chars: string) => satisfy((ch) => chars.includes(ch));
export const noneOf = (chars: string) => satisfy((ch) => !chars.includes(ch));
const isLetter = (ch: string) =>
	(ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch > '\u007f' && /^\p{L}$/u.test(ch));
export const letter = label(satisfy(isLetter), 'letter');
export const digit = label(
	satisfy((ch) => ch >= '0' && ch <= '9'),
	'digit'
);
export const alphaNum = label(
	satisfy((ch) => /^[\p{L}\p{N}]$/u.test(ch)),
	'letter or digit'
);
export const spaces = label(
	map(many(satisfy((ch) => /^\s$/u.test(ch))), () => undefined),
	'white space'
);

export const choice = <T>(parsers: Parser<T>[]): Parser<T> =>
	parsers.length === 0 ? zero : alt(...parsers);

/** Defers building a recursive parser until it runs. */
export function lazy<T>(build: () => Parser<T>): Parser<T> {
	let built: Parser<T> | null = null;
	return (s) => (built ??= build())(s);
}

// ---- running and reporting ----------------------------------------------------------------

export type ParseFailure = { message: string; details: string };

/** Parsec's showErrorMessages with the English words PostgREST passes. */
export function showErrorMessages(messages: Message[]): string {
	if (messages.length === 0) return 'unknown parse error';
	const sorted = [...messages].sort((a, b) => a.kind - b.kind);
	const group = (kind: MessageKind) => sorted.filter((m) => m.kind === kind);
	const clean = (texts: string[]) => [...new Set(texts.filter((t) => t !== ''))];
	const commasOr = (items: string[]) =>
		items.length <= 1
			? (items[0] ?? '')
			: `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
	const showMany = (prefix: string, msgs: Message[]) => {
		const items = clean(msgs.map((m) => m.text));
		if (items.length === 0) return '';
		return prefix === '' ? commasOr(items) : `${prefix} ${commasOr(items)}`;
	};
	const sys = group(SysUnExpect);
	const un = group(UnExpect);
	let showSys = '';
	if (un.length === 0 && sys.length > 0)
		showSys = sys[0].text === '' ? 'unexpected end of input' : `unexpected ${sys[0].text}`;
	return clean([
		showSys,
		showMany('unexpected', un),
		showMany('expecting', group(Expect)),
		showMany('', group(Msg))
	])
		.map((line) => `\n${line}`)
		.join('');
}

/** P.parse with a source name; failures formatted as PostgREST's mapError does. */
export function runParser<T>(
	p: Parser<T>,
	sourceName: string,
	input: string
): { ok: true; value: T } | { ok: false; failure: ParseFailure } {
	const r = p({ chars: Array.from(input), index: 0, pos: { line: 1, column: 1 } });
	if (r.ok) return { ok: true, value: r.value };
	const { line, column } = r.error.pos;
	return {
		ok: false,
		failure: {
			message: `"${sourceName}" (line ${line}, column ${column})`,
			details: showErrorMessages(r.error.messages).replaceAll('\n', ' ').trim()
		}
	};
}
