// Calling functions through /rest/v1/rpc as PostgREST v14 does: named arguments from a JSON body
// or from the query string, defaults, variadic arguments, a single unnamed json or text
// parameter, overloads chosen by argument names, scalar / set / table / composite / void
// results with filters, ordering and embedding, read-only GET, and the PGRST202 lookup error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestStack } from './rest-stack.ts';
import type { RestStack } from './rest-stack.ts';

let stack: RestStack;

beforeAll(async () => {
	stack = await startRestStack();
});
afterAll(async () => {
	await stack?.close();
});

describe('arguments', () => {
	it('passes named arguments from the JSON body', async () => {
		const { data, error, status } = await stack.anon.rpc('add', { a: 2, b: 40 });
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(data).toBe(42);
	});

	it('passes arguments from the query string on GET and HEAD', async () => {
		const { data } = await stack.anon.rpc('add', { a: 1, b: 2 }, { get: true });
		expect(data).toBe(3);
		const head = await stack.anon.rpc('add', { a: 1, b: 2 }, { head: true });
		expect(head.status).toBe(200);
		expect(head.data).toBeNull();
	});

	it('leaves out arguments that have a default', async () => {
		expect((await stack.anon.rpc('hello')).data).toBe('Hello, world');
		expect((await stack.anon.rpc('hello', { name: 'Ada' })).data).toBe('Hello, Ada');
	});

	it('collects repeated query parameters of a variadic argument', async () => {
		const res = await stack.raw('/rpc/sum_all?numbers=1&numbers=2&numbers=4');
		expect(res.json()).toBe(7);
		const { data } = await stack.anon.rpc('sum_all', { numbers: [5, 6] });
		expect(data).toBe(11);
	});

	it('gives the whole body to a single unnamed json or text parameter', async () => {
		const { data } = await stack.anon.rpc('echo_json', { any: ['thing', 1] } as never);
		expect(data).toEqual({ any: ['thing', 1] });
		const text = await stack.raw('/rpc/echo_text', {
			method: 'POST',
			headers: { 'Content-Type': 'text/plain' },
			body: 'bonjour'
		});
		expect(text.json()).toBe('BONJOUR');
	});

	it('chooses an overload by the argument names', async () => {
		expect((await stack.anon.rpc('pick', { a: 1 })).data).toBe('one argument');
		expect((await stack.anon.rpc('pick', { a: 1, b: 2 })).data).toBe('two arguments');
	});

	it('reports a function it cannot find with PGRST202 and a suggestion', async () => {
		const { error, status } = await stack.anon.rpc('helo' as never);
		expect(status).toBe(404);
		expect(error).toEqual({
			code: 'PGRST202',
			details:
				'Searched for the function public.helo without parameters or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
			hint: 'Perhaps you meant to call the function public.hello',
			message: 'Could not find the function public.helo without parameters in the schema cache'
		});
		const wrongArgs = await stack.anon.rpc('add', { a: 1, c: 2 } as never);
		expect(wrongArgs.error).toMatchObject({
			code: 'PGRST202',
			message: 'Could not find the function public.add(a, c) in the schema cache',
			hint: 'Perhaps you meant to call the function public.add(a, b)'
		});
	});

	it('does not see functions of schemas that are not exposed', async () => {
		const { error, status } = await stack.service.rpc('secret' as never);
		expect(status).toBe(404);
		expect(error?.code).toBe('PGRST202');
	});
});

describe('results', () => {
	it('returns a set of rows that can be filtered, ordered, limited and embedded', async () => {
		const { data, error } = await stack.anon
			.rpc('books_by', { writer: 2 })
			.select('id, title, authors(name)')
			.gt('pages', 100)
			.order('id', { ascending: false })
			.limit(1);
		expect(error).toBeNull();
		expect(data).toEqual([
			{ id: 4, title: "If on a winter's night a traveler", authors: { name: 'Italo Calvino' } }
		]);
	});

	it('returns TABLE results as rows and filters them on their columns', async () => {
		const { data } = await stack.anon.rpc('author_book_counts').gte('books', 2);
		expect(data).toEqual([
			{ author_id: 1, books: 2 },
			{ author_id: 2, books: 2 }
		]);
	});

	it('returns a set of scalars as a JSON array, with Content-Range', async () => {
		const res = await stack.raw('/rpc/book_titles?limit=2');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-range')).toBe('0-1/*');
		expect(res.json()).toEqual(['A Wizard of Earthsea', 'The Left Hand of Darkness']);
	});

	it('returns one composite as an object', async () => {
		const { data } = await stack.anon.rpc('first_book').select('id, title');
		expect(data).toEqual({ id: 1, title: 'A Wizard of Earthsea' });
	});

	it('answers 204 with no body for a void function', async () => {
		const res = await stack.raw('/rpc/forget', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}'
		});
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
	});

	it('counts the rows of a set-returning call', async () => {
		const { count, status } = await stack.anon
			.rpc('book_titles', {}, { count: 'exact' })
			.range(0, 1);
		expect(status).toBe(206);
		expect(count).toBe(6);
	});

	it('runs a volatile function on POST and writes', async () => {
		const member = stack.member();
		const { data, error } = await member.client.rpc('add_author', {
			name: 'Octavia E. Butler',
			country: 'US'
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ name: 'Octavia E. Butler', country: 'US' });
		const { data: found } = await stack.anon
			.from('authors')
			.select('country')
			.eq('name', 'Octavia E. Butler');
		expect(found).toEqual([{ country: 'US' }]);
	});

	it('runs GET calls read-only: a volatile function that writes fails with 25006 / 405', async () => {
		const res = await stack.raw(`/rpc/add_author?name=Nobody`, { token: stack.member().token });
		expect(res.status).toBe(405);
		expect(res.json()).toEqual({
			code: '25006',
			details: null,
			hint: null,
			message: 'cannot execute INSERT in a read-only transaction'
		});
	});

	it('runs a POST to a stable function in a read-only transaction', async () => {
		const { data } = await stack.anon.rpc('who_am_i');
		expect(data).toMatchObject({ read_only: 'on', method: 'POST', path: '/rpc/who_am_i' });
	});

	it('refuses methods other than GET, HEAD and POST on /rpc with PGRST101', async () => {
		const res = await stack.raw('/rpc/add', { method: 'PATCH' });
		expect(res.status).toBe(405);
		expect(res.json()).toEqual({
			code: 'PGRST101',
			details: null,
			hint: null,
			message: 'Cannot use the PATCH method on RPC'
		});
	});

	it('refuses a single result with max-affected under handling=strict (PGRST128)', async () => {
		const res = await stack.raw('/rpc/hello', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Prefer: 'handling=strict, max-affected=1' },
			body: '{}'
		});
		expect(res.status).toBe(400);
		expect(res.json()).toMatchObject({ code: 'PGRST128' });
	});
});

describe('errors raised in functions', () => {
	it('turns RAISE with SQLSTATE PTxyz into HTTP xyz with the message as reason phrase', async () => {
		const res = await stack.raw('/rpc/payment_required', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}'
		});
		expect(res.status).toBe(402);
		expect(res.json()).toEqual({
			code: 'PT402',
			details: 'Le quota est atteint.',
			hint: "Passez à l'offre supérieure.",
			message: 'Paiement requis'
		});
	});

	it('answers a plain RAISE EXCEPTION (P0001) with 400', async () => {
		const { error, status } = await stack.anon.rpc('plain_raise');
		expect(status).toBe(400);
		expect(error).toEqual({
			code: 'P0001',
			details: null,
			hint: 'Essayez autre chose.',
			message: 'Ceci est refusé.'
		});
	});

	it("gives full control of the response to RAISE SQLSTATE 'PGRST'", async () => {
		const res = await stack.raw('/rpc/full_control', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{}'
		});
		expect(res.status).toBe(402);
		expect(res.headers.get('x-powered-by')).toBe('Nerd Rage');
		expect(res.json()).toEqual({
			code: '123',
			details: 'Quota exceeded',
			hint: 'Upgrade your plan',
			message: 'Payment Required'
		});
	});

	it('lets a function set the status and headers through response.status / response.headers', async () => {
		const res = await stack.raw('/rpc/with_response_headers');
		expect(res.status).toBe(202);
		expect(res.headers.get('x-custom')).toBe('yes');
		expect(res.headers.get('cache-control')).toBe('no-cache');
		expect(res.json()).toBe('ok');
	});
});
