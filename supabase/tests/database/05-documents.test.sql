-- Documents: metadata of private files; the Storage key lives in the owner's folder, is ASCII,
-- and the original (French) name is kept for display.
begin;
select plan(9);

select tests.create_supabase_user('owner');
select tests.create_supabase_user('other');

select tests.authenticate_as('owner');
select lives_ok(
  format($$ insert into public.documents (id, owner_id, name, storage_path, mime_type, size_bytes, uploaded_at)
     values ('50000000-0000-4000-8000-00000000d001', %L, 'Étude de marché – Croix-Rousse.pdf',
             %L, 'application/pdf', 2048, '2020-01-01') $$,
     tests.get_supabase_uid('owner'), tests.get_supabase_uid('owner') || '/9a3b6c11-etude-de-marche.pdf'),
  'users register documents they own, under an ASCII key, keeping the French file name');
select ok((select uploaded_at > now() - interval '1 minute' from public.documents where id = '50000000-0000-4000-8000-00000000d001'),
  'the upload date is set by the database, not by the client');
select throws_ok(
  format($$ insert into public.documents (owner_id, name, storage_path, mime_type, size_bytes)
     values (%L, 'Été.pdf', %L, 'application/pdf', 10) $$,
     tests.get_supabase_uid('owner'), tests.get_supabase_uid('owner') || '/été.pdf'),
  '23514', null, 'a Storage key with accents is refused');
select throws_ok(
  format($$ insert into public.documents (owner_id, name, storage_path, mime_type, size_bytes)
     values (%L, 'x.pdf', %L, 'application/pdf', 10) $$,
     tests.get_supabase_uid('owner'), tests.get_supabase_uid('other') || '/x.pdf'),
  '23514', null, 'a document must be stored in its owner''s folder');
select throws_ok(
  format($$ insert into public.documents (owner_id, name, storage_path, mime_type, size_bytes)
     values (%L, 'gros.pdf', %L, 'application/pdf', 20000000) $$,
     tests.get_supabase_uid('owner'), tests.get_supabase_uid('owner') || '/gros.pdf'),
  '23514', null, 'a document is at most 10 MiB, like its bucket');
select lives_ok(
  $$ update public.documents set name = 'Étude de marché (v2).pdf' where id = '50000000-0000-4000-8000-00000000d001' $$,
  'users rename their own documents');
select throws_ok(
  $$ update public.documents set size_bytes = 1 where id = '50000000-0000-4000-8000-00000000d001' $$,
  '42501', 'Modification refusée : le champ « size_bytes » ne peut pas être changé.',
  'users cannot rewrite what the file is');

select tests.authenticate_as('other');
select is((select count(*)::integer from public.documents), 0, 'another user sees none of them');
delete from public.documents where id = '50000000-0000-4000-8000-00000000d001';
select tests.authenticate_as('owner');
select is((select count(*)::integer from public.documents), 1, 'another user cannot delete them');

select * from finish();
rollback;
