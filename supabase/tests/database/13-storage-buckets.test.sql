-- Storage: the three buckets and the policies on storage.objects, checked the way the Storage
-- server does (writes and reads on storage.objects with the user's role and claims).
begin;
select plan(16);

select tests.create_supabase_user('owner', metadata => '{"first_name": "Julien", "role": "company"}');
select tests.create_supabase_user('member', metadata => '{"first_name": "Camille"}');

select results_eq(
  $$ select id, public, file_size_limit from storage.buckets where id in ('documents', 'event-images', 'avatars') order by id $$,
  $$ values ('avatars', true, 2097152::bigint), ('documents', false, 10485760::bigint), ('event-images', true, 5242880::bigint) $$,
  'documents is private (10 MiB), event-images and avatars are public-read (5 and 2 MiB)');
select is((select allowed_mime_types from storage.buckets where id = 'avatars'), array['image/jpeg', 'image/png', 'image/webp'],
  'avatars accept JPEG, PNG and WebP images only');
select ok((select 'application/pdf' = any (allowed_mime_types) from storage.buckets where id = 'documents'),
  'documents accept PDF files');

select tests.authenticate_as_service_role();
insert into public.companies (id, owner_id, name) values
  ('20000000-0000-4000-8000-00000000ab01', tests.get_supabase_uid('owner'), 'Atelier Test');

-- ============================================================================================
-- documents
-- ============================================================================================
select tests.authenticate_as('member');
select lives_ok(
  $$ insert into storage.objects (bucket_id, name, owner_id)
     values ('documents', tests.get_supabase_uid('member') || '/business-plan.pdf', tests.get_supabase_uid('member')) $$,
  'users upload files to their own documents folder');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('documents', tests.get_supabase_uid('owner') || '/intrus.pdf') $$,
  '42501', 'new row violates row-level security policy for table "objects"',
  'users cannot upload into someone else''s documents folder');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('documents', 'sans-dossier.pdf') $$,
  '42501', 'new row violates row-level security policy for table "objects"',
  'a document must be in a folder named after its owner');

select tests.authenticate_as('owner');
select is((select count(*)::integer from storage.objects where bucket_id = 'documents' and name like tests.get_supabase_uid('member') || '/%'), 0,
  'other users cannot see (or list, or download) someone''s documents');
select set_config('storage.allow_delete_query', 'true', true);
delete from storage.objects where bucket_id = 'documents' and name = tests.get_supabase_uid('member') || '/business-plan.pdf';

select tests.authenticate_as('member');
select is((select count(*)::integer from storage.objects where bucket_id = 'documents'), 1,
  'other users cannot delete someone''s documents, while the owner still sees them');
select lives_ok(
  $$ update storage.objects set metadata = '{"size": 10}' where bucket_id = 'documents' and name = tests.get_supabase_uid('member') || '/business-plan.pdf' $$,
  'users replace files in their own documents folder');
select set_config('storage.allow_delete_query', 'true', true);
delete from storage.objects where bucket_id = 'documents' and name = tests.get_supabase_uid('member') || '/business-plan.pdf';
select is((select count(*)::integer from storage.objects where bucket_id = 'documents'), 0,
  'users delete files from their own documents folder');

-- ============================================================================================
-- event-images
-- ============================================================================================
select tests.authenticate_as('owner');
select lives_ok(
  $$ insert into storage.objects (bucket_id, name) values ('event-images', '20000000-0000-4000-8000-00000000ab01/affiche.png') $$,
  'company owners upload images into their company''s folder');

select tests.authenticate_as('member');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('event-images', '20000000-0000-4000-8000-00000000ab01/tag.png') $$,
  '42501', 'new row violates row-level security policy for table "objects"',
  'other users cannot upload event images for a company they do not own');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('event-images', 'pas-un-uuid/tag.png') $$,
  '42501', 'new row violates row-level security policy for table "objects"',
  'an event image folder must be a company id');
select is((select count(*)::integer from storage.objects where bucket_id = 'event-images'), 0,
  'other users cannot list a company''s event images (public URLs need no listing)');

-- ============================================================================================
-- avatars
-- ============================================================================================
select lives_ok(
  $$ insert into storage.objects (bucket_id, name) values ('avatars', tests.get_supabase_uid('member') || '/avatar.webp') $$,
  'users upload their own avatar');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name) values ('avatars', tests.get_supabase_uid('owner') || '/avatar.webp') $$,
  '42501', 'new row violates row-level security policy for table "objects"',
  'users cannot replace someone else''s avatar');

select * from finish();
rollback;
