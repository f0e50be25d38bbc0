import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { connectDb, inRollback } from '../support/database.ts';
import { target } from '../support/target.ts';

// The database must look like a Supabase database to migrations and to the official CLI. This
// checks the local stack's bootstrap, so it only runs when the target is a local stack.
describe.runIf(target.local)('the bootstrapped database', () => {
	let db: pg.Client;
	beforeAll(async () => {
		db = await connectDb();
	});
	afterAll(async () => {
		await db.end();
	});

	it('has the Supabase roles with their attributes', async () => {
		const { rows } = await db.query<{
			rolname: string;
			rolsuper: boolean;
			rolcanlogin: boolean;
			rolbypassrls: boolean;
			rolinherit: boolean;
		}>(
			`select rolname, rolsuper, rolcanlogin, rolbypassrls, rolinherit from pg_roles
			 where rolname in ('postgres','anon','authenticated','service_role','authenticator','supabase_admin',
			   'supabase_auth_admin','supabase_storage_admin','supabase_realtime_admin') order by rolname`
		);
		const byName = Object.fromEntries(rows.map((row) => [row.rolname, row]));
		expect(Object.keys(byName)).toHaveLength(9);
		expect(byName.postgres).toMatchObject({
			rolsuper: false,
			rolcanlogin: true,
			rolbypassrls: true
		});
		expect(byName.supabase_admin.rolsuper).toBe(true);
		expect(byName.anon).toMatchObject({ rolcanlogin: false, rolbypassrls: false });
		expect(byName.service_role.rolbypassrls).toBe(true);
		expect(byName.authenticator).toMatchObject({ rolcanlogin: true, rolinherit: false });
	});

	it('lets authenticator switch to each API role', async () => {
		const { rows } = await db.query(
			`select r.rolname from pg_auth_members m join pg_roles r on r.oid = m.roleid
			 join pg_roles u on u.oid = m.member where u.rolname = 'authenticator' order by 1`
		);
		expect(rows.map((row) => row.rolname)).toEqual(['anon', 'authenticated', 'service_role']);
	});

	it('has the auth, storage, realtime and extensions schemas with their owners', async () => {
		const { rows } = await db.query(
			`select c.relnamespace::regnamespace::text as schema, c.relname, pg_get_userbyid(c.relowner) as owner
			 from pg_class c where (c.relnamespace::regnamespace::text, c.relname) in
			 (('auth','users'),('auth','identities'),('auth','sessions'),('auth','refresh_tokens'),
			  ('storage','buckets'),('storage','objects'),('realtime','messages')) order by 1, 2`
		);
		expect(rows).toEqual([
			{ schema: 'auth', relname: 'identities', owner: 'supabase_auth_admin' },
			{ schema: 'auth', relname: 'refresh_tokens', owner: 'supabase_auth_admin' },
			{ schema: 'auth', relname: 'sessions', owner: 'supabase_auth_admin' },
			{ schema: 'auth', relname: 'users', owner: 'supabase_auth_admin' },
			{ schema: 'realtime', relname: 'messages', owner: 'supabase_realtime_admin' },
			{ schema: 'storage', relname: 'buckets', owner: 'supabase_storage_admin' },
			{ schema: 'storage', relname: 'objects', owner: 'supabase_storage_admin' }
		]);
		const ext = await db.query(
			`select extname, extnamespace::regnamespace::text as schema from pg_extension
			 where extname in ('pgcrypto','uuid-ossp') order by 1`
		);
		expect(ext.rows).toEqual([
			{ extname: 'pgcrypto', schema: 'extensions' },
			{ extname: 'uuid-ossp', schema: 'extensions' }
		]);
	});

	it('gives auth.users the columns GoTrue writes', async () => {
		const { rows } = await db.query(
			`select column_name from information_schema.columns where table_schema = 'auth' and table_name = 'users'`
		);
		const columns = rows.map((row) => row.column_name);
		for (const column of [
			'instance_id',
			'id',
			'aud',
			'role',
			'email',
			'encrypted_password',
			'email_confirmed_at',
			'confirmation_token',
			'recovery_token',
			'email_change_token_new',
			'email_change',
			'last_sign_in_at',
			'raw_app_meta_data',
			'raw_user_meta_data',
			'phone',
			'confirmed_at',
			'banned_until',
			'is_sso_user',
			'deleted_at',
			'is_anonymous'
		]) {
			expect(columns).toContain(column);
		}
	});

	it('returns the request claims from auth.uid(), auth.role(), auth.email() and auth.jwt()', async () => {
		const sub = '6f1c1c3e-3c5b-4d6e-9a1f-2b3c4d5e6f70';
		const claims = { sub, role: 'authenticated', email: 'alice@example.fr' };
		await inRollback(db, async () => {
			await db.query(
				`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`,
				[JSON.stringify(claims)]
			);
			const { rows } = await db.query(
				'select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() as jwt, current_user'
			);
			expect(rows[0]).toEqual({
				uid: sub,
				role: 'authenticated',
				email: 'alice@example.fr',
				jwt: claims,
				current_user: 'authenticated'
			});
		});
	});

	it('prefers request.jwt.claim.sub over the claims object, like Storage and Realtime set it', async () => {
		await inRollback(db, async () => {
			await db.query(
				`select set_config('request.jwt.claim.sub', '00000000-0000-0000-0000-000000000001', true),
				        set_config('request.jwt.claims', '{"sub":"00000000-0000-0000-0000-000000000002"}', true)`
			);
			const { rows } = await db.query('select auth.uid()::text as uid');
			expect(rows[0].uid).toBe('00000000-0000-0000-0000-000000000001');
		});
	});

	it('splits object names with storage.foldername(), filename() and extension()', async () => {
		const { rows } = await db.query(
			`select storage.foldername('u1/docs/cv.final.pdf') as folders,
			        storage.filename('u1/docs/cv.final.pdf') as file,
			        storage.extension('u1/docs/cv.final.pdf') as ext,
			        (storage.foldername('u1/cv.pdf'))[1] as top`
		);
		expect(rows[0]).toEqual({
			folders: ['u1', 'docs'],
			file: 'cv.final.pdf',
			ext: 'pdf',
			top: 'u1'
		});
	});

	it('refuses plain SQL deletes on storage.objects, as Supabase does', async () => {
		await expect(
			inRollback(db, () => db.query('delete from storage.objects where false'))
		).rejects.toMatchObject({
			code: '42501',
			message: 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
		});
	});

	it('stores realtime.send() in the partition of the day, with the id added to the payload', async () => {
		await inRollback(db, async () => {
			await db.query(`select realtime.send('{"hello":"monde"}', 'greeting', 'user:test', true)`);
			const { rows } = await db.query(
				`select topic, event, private, extension, payload, tableoid::regclass::text as partition
				 from realtime.messages where topic = 'user:test'`
			);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				topic: 'user:test',
				event: 'greeting',
				private: true,
				extension: 'broadcast'
			});
			expect(rows[0].payload.hello).toBe('monde');
			expect(rows[0].payload.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(rows[0].partition).toMatch(/^realtime\.messages_\d{4}_\d{2}_\d{2}$/);
		});
	});

	it('has the empty supabase_realtime publication owned by postgres', async () => {
		const { rows } = await db.query(
			`select pg_get_userbyid(pubowner) as owner, (select count(*)::int from pg_publication_tables t where t.pubname = p.pubname) as tables
			 from pg_publication p where pubname = 'supabase_realtime'`
		);
		expect(rows).toEqual([{ owner: 'postgres', tables: 0 }]);
	});

	it('lets postgres write policies on storage.objects but not create tables in storage', async () => {
		const owner = await connectDb(target.dbUrl, 'postgres');
		try {
			await inRollback(owner, async () => {
				await owner.query(
					`create policy "test policy" on storage.objects for select to authenticated using (bucket_id = 'x')`
				);
				await owner.query('savepoint s');
				await expect(owner.query('create table storage.intruder (id int)')).rejects.toMatchObject({
					code: '42501',
					message: 'permission denied for schema storage'
				});
				await owner.query('rollback to savepoint s');
				await expect(
					owner.query('alter table storage.objects add column intruder int')
				).rejects.toMatchObject({
					code: '42501'
				});
			});
		} finally {
			await owner.end();
		}
	});
});
