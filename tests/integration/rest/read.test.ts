// Reading through /rest/v1 with supabase-js as PostgREST v14 answers it: the select grammar
// (columns, aliases, casts, JSON paths), resource embedding of every cardinality with hints,
// inner joins, spreads and counts, filters of every operator with logic trees, ordering,
// pagination and counts, db-max-rows, and the media types of the response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestStack } from './rest-stack.ts';
import type { RestStack } from './rest-stack.ts';

let stack: RestStack;
const books = () => stack.anon.from('books');
const ids = (data: unknown) => (data as { id: number }[]).map((r) => r.id);

beforeAll(async () => {
	stack = await startRestStack();
});
afterAll(async () => {
	await stack?.close();
});

describe('select', () => {
	it('returns the chosen columns, renamed by aliases and converted by casts', async () => {
		const { data, error } = await books()
			.select('id, name:title, price::text, pages::bigint')
			.eq('id', 1);
		expect(error).toBeNull();
		expect(data).toEqual([{ id: 1, name: 'A Wizard of Earthsea', price: '9.99', pages: 183 }]);
	});

	it('renders values the way Postgres renders JSON: numerics, dates, arrays, enums, ranges', async () => {
		const { data } = await books()
			.select('price, published, tags, format, availability, metadata')
			.eq('id', 1)
			.single();
		expect(data).toEqual({
			price: 9.99,
			published: '1968-11-01',
			tags: ['fantasy', 'classic'],
			format: 'paperback',
			availability: '[1,10)',
			metadata: { series: { name: 'Earthsea', number: 1 }, awards: ['Lewis Carroll Shelf'] }
		});
	});

	it('follows JSON paths with -> and ->>, naming the column after the last key unless aliased', async () => {
		const { data } = await books()
			.select('id, metadata->series->>name, number:metadata->series->number, metadata->awards->0')
			.in('id', [1, 2])
			.order('id');
		expect(data).toEqual([
			{ id: 1, name: 'Earthsea', number: 1, awards: 'Lewis Carroll Shelf' },
			{ id: 2, name: 'Hainish', number: 4, awards: null }
		]);
	});

	it('refuses an unknown column with the Postgres error and a 400', async () => {
		const { error, status } = await books().select('id, nope');
		expect(status).toBe(400);
		expect(error).toMatchObject({ code: '42703', message: 'column books.nope does not exist' });
	});

	it('refuses top-level aggregates, which Supabase keeps disabled', async () => {
		const { error, status } = await books().select('count()');
		expect(status).toBe(400);
		expect(error).toEqual({
			code: 'PGRST123',
			details: null,
			hint: null,
			message: 'Use of aggregate functions is not allowed'
		});
	});
});

describe('embedding', () => {
	it('embeds a many-to-one relationship as an object and one-to-many as an array', async () => {
		const { data, error } = await books()
			.select('title, authors(name), reviews(stars)')
			.eq('id', 1);
		expect(error).toBeNull();
		expect(data).toEqual([
			{
				title: 'A Wizard of Earthsea',
				authors: { name: 'Ursula K. Le Guin' },
				reviews: [{ stars: 5 }, { stars: 4 }]
			}
		]);
	});

	it('embeds one-to-one relationships as objects from both sides', async () => {
		const { data } = await stack.anon
			.from('authors')
			.select('name, author_profiles(bio)')
			.in('id', [1, 3])
			.order('id');
		expect(data).toEqual([
			{ name: 'Ursula K. Le Guin', author_profiles: { bio: 'Science fiction and fantasy.' } },
			{ name: 'Marguerite Yourcenar', author_profiles: null }
		]);
	});

	it('embeds many-to-many relationships through their junction table', async () => {
		const { data } = await books().select('id, categories(name)').eq('id', 5);
		expect(data).toEqual([{ id: 5, categories: [{ name: 'Literary' }, { name: 'History' }] }]);
	});

	it('embeds nested resources and renames embeds with aliases', async () => {
		const { data } = await stack.anon
			.from('authors')
			.select('name, works:books(title, shelf:categories(name))')
			.eq('id', 3);
		expect(data).toEqual([
			{
				name: 'Marguerite Yourcenar',
				works: [{ title: 'Memoirs of Hadrian', shelf: [{ name: 'Literary' }, { name: 'History' }] }]
			}
		]);
	});

	it('asks for a hint when two foreign keys relate the same tables (PGRST201, HTTP 300)', async () => {
		const res = await stack.raw('/books?select=id,publishers(name)');
		expect(res.status).toBe(300);
		expect(res.json()).toEqual({
			code: 'PGRST201',
			details: [
				{
					cardinality: 'many-to-one',
					embedding: 'books with publishers',
					relationship: 'books_publisher_id_fkey using books(publisher_id) and publishers(id)'
				},
				{
					cardinality: 'many-to-one',
					embedding: 'books with publishers',
					relationship:
						'books_reprint_publisher_id_fkey using books(reprint_publisher_id) and publishers(id)'
				}
			],
			hint: "Try changing 'publishers' to one of the following: 'publishers!books_publisher_id_fkey', 'publishers!books_reprint_publisher_id_fkey'. Find the desired relationship in the 'details' key.",
			message:
				"Could not embed because more than one relationship was found for 'books' and 'publishers'"
		});
	});

	it('disambiguates with a constraint or a column hint', async () => {
		const { data } = await books()
			.select(
				'id, first:publishers!books_publisher_id_fkey(name), reprint:publishers!reprint_publisher_id(name)'
			)
			.eq('id', 3);
		expect(data).toEqual([{ id: 3, first: { name: 'Einaudi' }, reprint: { name: 'Gallimard' } }]);
	});

	it('reports an unknown embed with PGRST200 and suggests a close name', async () => {
		const { error, status } = await books().select('id, author(name)');
		expect(status).toBe(400);
		expect(error).toEqual({
			code: 'PGRST200',
			details:
				"Searched for a foreign key relationship between 'books' and 'author' in the schema 'public', but no matches were found.",
			hint: "Perhaps you meant 'authors' instead of 'author'.",
			message: "Could not find a relationship between 'books' and 'author' in the schema cache"
		});
	});

	it('embeds a self-referencing table: the column name gives the parent, the table name the children', async () => {
		const { data } = await stack.anon
			.from('employees')
			.select('name, manager:manager_id(name), reports:employees(name)')
			.eq('id', 2);
		expect(data).toEqual([{ name: 'Grace', manager: { name: 'Ada' }, reports: [{ name: 'Ken' }] }]);
	});

	it('filters, orders and limits inside an embed without removing parents', async () => {
		const { data } = await stack.anon
			.from('authors')
			.select('name, books(title)')
			.in('id', [1, 2])
			.gt('books.pages', 200)
			.order('pages', { referencedTable: 'books', ascending: false })
			.limit(1, { referencedTable: 'books' })
			.order('id');
		expect(data).toEqual([
			{ name: 'Ursula K. Le Guin', books: [{ title: 'The Left Hand of Darkness' }] },
			{ name: 'Italo Calvino', books: [{ title: "If on a winter's night a traveler" }] }
		]);
	});

	it('keeps only parents with a matching child with !inner', async () => {
		const { data } = await stack.anon
			.from('authors')
			.select('name, books!inner(title)')
			.like('books.title', '*Cities*');
		expect(data).toEqual([{ name: 'Italo Calvino', books: [{ title: 'Invisible Cities' }] }]);
	});

	it('filters parents on the presence of an embed with is null / not is null', async () => {
		const withBig = await stack.anon
			.from('authors')
			.select('id, books()')
			.gt('books.pages', 300)
			.not('books', 'is', null)
			.order('id');
		expect(withBig.data).toEqual([{ id: 1 }, { id: 3 }]);
		const without = await stack.anon.from('authors').select('id, books(id)').is('books', null);
		expect(ids(without.data)).toEqual([4]);
	});

	it('applies or= inside an embed', async () => {
		const { data } = await stack.anon
			.from('authors')
			.select('id, books(id)')
			.or('pages.gt.300,title.like.*Wizard*', { referencedTable: 'books' })
			.in('id', [1, 2])
			.order('id');
		expect(data).toEqual([
			{ id: 1, books: [{ id: 1 }, { id: 2 }] },
			{ id: 2, books: [] }
		]);
	});

	it('spreads a to-one embed into the parent and a to-many embed into arrays', async () => {
		const toOne = await books().select('id, ...authors(author:name)').in('id', [1, 3]).order('id');
		expect(toOne.data).toEqual([
			{ id: 1, author: 'Ursula K. Le Guin' },
			{ id: 3, author: 'Italo Calvino' }
		]);
		const toMany = await stack.anon.from('authors').select('name, ...books(title)').eq('id', 1);
		expect(toMany.data).toEqual([
			{ name: 'Ursula K. Le Guin', title: ['A Wizard of Earthsea', 'The Left Hand of Darkness'] }
		]);
	});

	it('counts embedded rows with rel(count)', async () => {
		const { data } = await stack.anon.from('authors').select('id, books(count)').order('id');
		expect(data).toEqual([
			{ id: 1, books: [{ count: 2 }] },
			{ id: 2, books: [{ count: 2 }] },
			{ id: 3, books: [{ count: 1 }] },
			{ id: 4, books: [{ count: 0 }] }
		]);
	});

	it('orders parents by a column of a to-one embed, and refuses it for a to-many one', async () => {
		const { data } = await books()
			.select('id, authors(name)')
			.not('author_id', 'is', null)
			.order('authors(name)', { ascending: false })
			.order('id')
			.limit(2);
		expect(ids(data)).toEqual([1, 2]);
		const refused = await stack.raw('/authors?select=id,books(id)&order=books(id)');
		expect(refused.status).toBe(400);
		expect(refused.json()).toEqual({
			code: 'PGRST118',
			details: "'authors' and 'books' do not form a many-to-one or one-to-one relationship",
			hint: null,
			message: "A related order on 'books' is not possible"
		});
	});

	it('embeds from a view through the foreign keys of its base table', async () => {
		const { data, error } = await stack.anon
			.from('book_summaries')
			.select('title, authors(name)')
			.eq('id', 3);
		expect(error).toBeNull();
		expect(data).toEqual([{ title: 'Invisible Cities', authors: { name: 'Italo Calvino' } }]);
	});

	it('embeds through a computed relationship function', async () => {
		const { data } = await books().select('id, first_author(name)').eq('id', 3);
		expect(data).toEqual([{ id: 3, first_author: { name: 'Italo Calvino' } }]);
	});

	it('refuses a filter on something that is not embedded (PGRST108)', async () => {
		const { error, status } = await books().select('id').eq('authors.name', 'x');
		expect(status).toBe(400);
		expect(error).toEqual({
			code: 'PGRST108',
			details: null,
			hint: "Verify that 'authors' is included in the 'select' query parameter.",
			message: "'authors' is not an embedded resource in this request"
		});
	});
});

describe('filters', () => {
	const cases: [string, string, number[]][] = [
		['eq', 'id=eq.2', [2]],
		['neq', 'author_id=neq.1', [3, 4, 5]],
		['gt / lte', 'pages=gt.200&pages=lte.304', [2, 4]],
		['like with * as %', 'title=like.*of*', [1, 2, 5]],
		['ilike', 'title=ilike.*CITIES', [3]],
		['match', 'title=match.^A', [1]],
		['imatch', 'title=imatch.^the', [2]],
		['in with quoted values', 'title=in.("Invisible Cities","Memoirs of Hadrian")', [3, 5]],
		['not.in', 'id=not.in.(1,2,3,4,5)', [6]],
		['is.null', 'price=is.null', [4, 6]],
		['is.not_null', 'published=is.not_null&pages=lt.200', [1, 3]],
		['is.true', 'in_stock=is.true', [1, 2, 5]],
		['is.unknown', 'in_stock=is.unknown', [4, 6]],
		['isdistinct', 'in_stock=isdistinct.true', [3, 4, 6]],
		['cs on arrays', 'tags=cs.{classic}', [1, 2]],
		['cd on arrays', 'tags=cd.{fiction,metafiction}', [3, 4, 6]],
		['ov on arrays', 'tags=ov.{historical,fantasy}', [1, 5]],
		['sl on ranges', 'availability=sl.[30,40)', [1, 2, 3, 5]],
		['sr on ranges', 'availability=sr.[1,5)', [2, 3, 5]],
		['nxr on ranges', 'availability=nxr.[9,12)', [1]],
		['nxl on ranges', 'availability=nxl.[19,25)', [5]],
		['adj on ranges', 'availability=adj.[30,40)', [5]],
		['fts on a text column', 'summary=fts.wizard', [1]],
		['fts with a language on a tsvector', 'summary_tsv=fts(english).emperors', [5]],
		['plfts', 'summary=plfts(english).true names', [1]],
		['phfts', 'summary=phfts.imaginary cities', [3]],
		['wfts', 'summary=wfts(english).reader -wizard', [4]],
		['eq(any)', 'id=eq(any).{1,3}', [1, 3]],
		['like(all)', 'title=like(all).{*a*,*i*}', [1, 4, 5, 6]],
		['ilike(any)', 'title=ilike(any).{*wizard*,*hadrian*}', [1, 5]],
		['not.', 'pages=not.gt.200', [1, 3]],
		['JSON path ->>', 'metadata->series->>name=eq.Hainish', [2]],
		['JSON path -> compared as jsonb', 'metadata->series->number=eq.1', [1]],
		['or', 'or=(pages.gt.340,title.eq.Invisible Cities)', [3, 5]],
		['nested and inside or', 'or=(id.eq.1,and(pages.gt.200,in_stock.is.false))', [1]],
		['not.or', 'not.or=(pages.gt.200,pages.is.null)', [1, 3]],
		['and with a negated operator inside', 'and=(pages.gt.100,title.not.like.*a*)', [3]],
		['in inside or', 'or=(id.in.(1,2),tags.cs.{historical})', [1, 2, 5]]
	];
	for (const [name, query, expected] of cases) {
		it(`${name} selects the rows PostgREST selects (${query})`, async () => {
			const res = await stack.raw(
				`/books?select=id&order=id&${encodeURI(query).replaceAll('+', '%2B')}`
			);
			expect(res.status, res.text).toBe(200);
			expect(ids(res.json())).toEqual(expected);
		});
	}

	it('filters with every supabase-js helper the way their query strings say', async () => {
		const { data } = await books()
			.select('id')
			.gte('pages', 150)
			.lt('pages', 300)
			.ilike('title', '%i%')
			.not('price', 'is', null)
			.containedBy('tags', ['fiction', 'fantasy', 'classic'])
			.order('id');
		expect(ids(data)).toEqual([1, 3]);
		const fts = await books()
			.select('id')
			.textSearch('summary', 'true names', { type: 'plain', config: 'english' });
		expect(ids(fts.data)).toEqual([1]);
		const match = await books().select('id').match({ author_id: 2, format: 'ebook' });
		expect(ids(match.data)).toEqual([4]);
	});

	it('refuses a malformed filter with PGRST100 and the parser position', async () => {
		const res = await stack.raw('/books?id=eqq.1');
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({
			code: 'PGRST100',
			details: 'unexpected "q" expecting operator (eq, gt, ...)',
			hint: null,
			message: '"failed to parse filter (eqq.1)" (line 1, column 3)'
		});
		const value = await stack.raw('/books?id=1');
		expect(value.json()).toMatchObject({
			code: 'PGRST100',
			details: 'unexpected "1" expecting "not" or operator (eq, gt, ...)'
		});
	});

	it('refuses a value of the wrong type with Postgres 22P02 and a 400', async () => {
		const { error, status } = await books().select('id').eq('id', 'abc');
		expect(status).toBe(400);
		expect(error).toMatchObject({
			code: '22P02',
			message: 'invalid input syntax for type bigint: "abc"'
		});
	});
});

describe('order, pagination and counts', () => {
	it('orders by several columns with nullsfirst / nullslast', async () => {
		const { data } = await books()
			.select('id')
			.order('price', { ascending: false, nullsFirst: false });
		expect(ids(data)).toEqual([5, 2, 3, 1, 4, 6]);
		const nullsFirst = await stack.raw('/books?select=id&order=price.asc.nullsfirst,id.desc');
		expect(ids(nullsFirst.json())).toEqual([6, 4, 1, 3, 2, 5]);
	});

	it('orders by a JSON path', async () => {
		const res = await stack.raw(
			'/books?select=id&order=metadata->series->number.desc.nullslast,id&limit=3'
		);
		expect(ids(res.json())).toEqual([2, 1, 3]);
	});

	it('pages with limit/offset and reports the range in Content-Range', async () => {
		const res = await stack.raw('/books?select=id&order=id&limit=2&offset=1');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-range')).toBe('1-2/*');
		expect(ids(res.json())).toEqual([2, 3]);
	});

	it('answers 206 with the exact total when a count is asked for a partial page', async () => {
		const { data, count, status } = await books()
			.select('id', { count: 'exact' })
			.order('id')
			.range(0, 1);
		expect(status).toBe(206);
		expect(count).toBe(6);
		expect(ids(data)).toEqual([1, 2]);
		const res = await stack.raw('/books?select=id', {
			headers: { Prefer: 'count=exact', Range: '2-3' }
		});
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe('2-3/6');
		expect(res.headers.get('preference-applied')).toBe('count=exact');
	});

	it('answers 200 with the total when the whole set fits, and */0 when nothing matches', async () => {
		const all = await stack.raw('/books?select=id&author_id=eq.1', {
			headers: { Prefer: 'count=exact' }
		});
		expect(all.status).toBe(200);
		expect(all.headers.get('content-range')).toBe('0-1/2');
		const none = await stack.raw('/books?select=id&id=eq.999', {
			headers: { Prefer: 'count=exact' }
		});
		expect(none.headers.get('content-range')).toBe('*/0');
		expect(none.json()).toEqual([]);
	});

	it('gives planned and estimated counts from the planner', async () => {
		const planned = await books().select('id', { count: 'planned', head: true });
		expect(planned.status).toBeLessThan(300);
		expect(typeof planned.count).toBe('number');
		const estimated = await books().select('id', { count: 'estimated', head: true });
		expect(estimated.count).toBe(6);
	});

	it('refuses an offset past the end of a counted set with 416 PGRST103', async () => {
		const res = await stack.raw('/books?select=id&offset=10', {
			headers: { Prefer: 'count=exact' }
		});
		expect(res.status).toBe(416);
		expect(res.headers.get('content-range')).toBe('*/6');
		expect(res.json()).toEqual({
			code: 'PGRST103',
			details: 'An offset of 10 was requested, but there are only 6 rows.',
			hint: null,
			message: 'Requested range not satisfiable'
		});
	});

	it('refuses a negative limit and an inverted Range header', async () => {
		const negative = await stack.raw('/books?limit=-1');
		expect(negative.status).toBe(416);
		expect(negative.json()).toMatchObject({
			details: 'Limit should be greater than or equal to zero.'
		});
		const inverted = await stack.raw('/books', { headers: { Range: '3-1' } });
		expect(inverted.status).toBe(416);
		expect(inverted.json()).toMatchObject({
			details:
				'The lower boundary must be lower than or equal to the upper boundary in the Range header.'
		});
	});

	it('returns an empty page for limit=0', async () => {
		const res = await stack.raw('/books?select=id&limit=0');
		expect(res.status).toBe(200);
		expect(res.json()).toEqual([]);
	});

	it('caps every read at db-max-rows ([api] max_rows = 50), and the range says so', async () => {
		const rows = Array.from({ length: 60 }, (_, i) => ({ sku: `cap-${i}`, name: `Item ${i}` }));
		const inserted = await stack.service.from('items').insert(rows);
		expect(inserted.error).toBeNull();
		const res = await stack.raw('/items?select=sku&sku=like.cap-*', {
			headers: { Prefer: 'count=exact' }
		});
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe('0-49/60');
		expect((res.json() as unknown[]).length).toBe(50);
		await stack.service.from('items').delete().like('sku', 'cap-%');
	});
});

describe('media types', () => {
	it('returns one object for vnd.pgrst.object+json and refuses 0 or several rows with PGRST116', async () => {
		const one = await books().select('id, title').eq('id', 3).single();
		expect(one.data).toEqual({ id: 3, title: 'Invisible Cities' });
		const many = await stack.raw('/books?select=id', {
			headers: { Accept: 'application/vnd.pgrst.object+json' }
		});
		expect(many.status).toBe(406);
		expect(many.json()).toEqual({
			code: 'PGRST116',
			details: 'The result contains 6 rows',
			hint: null,
			message: 'Cannot coerce the result to a single JSON object'
		});
		const none = await books().select('id').eq('id', 999).single();
		expect(none.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 0 rows' });
		const maybe = await books().select('id').eq('id', 999).maybeSingle();
		expect(maybe).toMatchObject({ data: null, error: null });
	});

	it('answers CSV with a header line and quoted text', async () => {
		const { data, error } = await books()
			.select('id, title, price')
			.in('id', [1, 4])
			.order('id')
			.csv();
		expect(error).toBeNull();
		expect(data).toBe(
			'id,title,price\n1,"A Wizard of Earthsea",9.99\n4,"If on a winter\'s night a traveler",'
		);
	});

	it('strips null fields for nulls=stripped', async () => {
		const { data } = await books()
			.select('id, price, in_stock')
			.in('id', [4, 5])
			.order('id')
			.stripNulls();
		expect(data).toEqual([{ id: 4 }, { id: 5, price: 14.0, in_stock: true }]);
	});

	it('refuses media types it cannot produce with 406 PGRST107', async () => {
		const res = await stack.raw('/books', { headers: { Accept: 'text/html' } });
		expect(res.status).toBe(406);
		expect(res.json()).toEqual({
			code: 'PGRST107',
			details: null,
			hint: null,
			message: 'None of these media types are available: text/html'
		});
		const plan = await stack.raw('/books', {
			headers: { Accept: 'application/vnd.pgrst.plan+json; for="application/json"' }
		});
		expect(plan.status).toBe(406);
	});

	it('answers GeoJSON requests as Postgres does without PostGIS: ST_AsGeoJSON is missing', async () => {
		const { error, status } = await books().select('id').eq('id', 1).geojson();
		expect(status).toBe(404);
		expect(error).toMatchObject({
			code: '42883',
			message: 'function st_asgeojson(record) does not exist'
		});
	});

	it('answers HEAD like GET without a body', async () => {
		const { data, count, status } = await books().select('*', { count: 'exact', head: true });
		expect(status).toBe(200);
		expect(data).toBeNull();
		expect(count).toBe(6);
		const res = await stack.raw('/books?id=eq.1', { method: 'HEAD' });
		expect(res.status).toBe(200);
		expect(res.text).toBe('');
		expect(res.headers.get('content-range')).toBe('0-0/*');
	});

	it('sends the headers PostgREST sends on a read', async () => {
		const res = await stack.raw('/books?select=id&id=eq.1&order=id');
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.headers.get('content-profile')).toBe('public');
		expect(res.headers.get('content-location')).toBe('/books?id=eq.1&order=id&select=id');
		expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.text)));
	});
});
