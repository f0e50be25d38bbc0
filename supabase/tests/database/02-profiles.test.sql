-- Profiles: created with the Auth account, readable by signed-in users, editable by their
-- owner except for the role, ids and dates.
begin;
select plan(16);

select tests.create_supabase_user('member', 'member@test.example',
  metadata => '{"first_name": "Camille", "last_name": "Martin"}');
select tests.create_supabase_user('other', 'other@test.example',
  metadata => '{"first_name": "Inès", "last_name": "Bernard", "role": "member"}');
select tests.create_supabase_user('coach', 'coach@test.example',
  metadata => '{"first_name": "Sophie", "last_name": "Lefèvre", "role": "coach"}');
select tests.create_supabase_user('escalation', 'escalation@test.example',
  metadata => '{"first_name": "Eve", "role": "admin"}');
select tests.create_supabase_user('nameless', 'jean.dupont@test.example');

-- ============================================================================================
-- Creation from auth.users
-- ============================================================================================
select results_eq(
  $$ select first_name, last_name, role::text from public.profiles where id = tests.get_supabase_uid('member') $$,
  $$ values ('Camille', 'Martin', 'member') $$,
  'a new Auth user gets a profile with the names given at sign-up, as a member by default');

select is((select role::text from public.profiles where id = tests.get_supabase_uid('escalation')), 'member',
  'a role the application does not know (admin) becomes member');

select is((select first_name from public.profiles where id = tests.get_supabase_uid('nameless')), 'jean.dupont',
  'without a first name, the profile is named after the e-mail address');

select ok(exists (select 1 from public.coaches where id = tests.get_supabase_uid('coach')),
  'a coach profile gets its coaches row');

update auth.users set last_sign_in_at = '2026-01-02 03:04:05+00' where id = tests.get_supabase_uid('member');
select is((select last_sign_in_at from public.profiles where id = tests.get_supabase_uid('member')),
  '2026-01-02 03:04:05+00'::timestamptz,
  'the last sign-in date is copied from auth.users');

-- ============================================================================================
-- Anonymous
-- ============================================================================================
select tests.clear_authentication();
select throws_ok($$ select * from public.profiles $$, '42501', 'permission denied for table profiles',
  'anonymous visitors cannot read profiles');

-- ============================================================================================
-- A signed-in member
-- ============================================================================================
select tests.authenticate_as('member');

select ok((select count(*) from public.profiles) >= 5, 'signed-in users read every profile');

select lives_ok(
  $$ update public.profiles set first_name = 'Camille-Anne', headline = 'Libraire', bio = 'Bonjour'
     where id = tests.get_supabase_uid('member') $$,
  'users update their own names, headline and bio');

select is((select first_name from public.profiles where id = tests.get_supabase_uid('member')), 'Camille-Anne',
  'the update is stored');

select throws_ok(
  $$ update public.profiles set role = 'coach' where id = tests.get_supabase_uid('member') $$,
  '42501', 'Modification refusée : le champ « role » ne peut pas être changé.',
  'users cannot change their own role');

select throws_ok(
  $$ update public.profiles set created_at = now() - interval '1 year' where id = tests.get_supabase_uid('member') $$,
  '42501', 'Modification refusée : le champ « created_at » ne peut pas être changé.',
  'users cannot backdate their sign-up');

select throws_ok(
  $$ update public.profiles set avatar_path = 'someone-else/avatar.png' where id = tests.get_supabase_uid('member') $$,
  '23514', null,
  'an avatar must live in the user''s own folder');

update public.profiles set first_name = 'Pirate' where id = tests.get_supabase_uid('other');
select is((select first_name from public.profiles where id = tests.get_supabase_uid('other')), 'Inès',
  'users cannot update another user''s profile');

select throws_ok(
  $$ insert into public.profiles (id, first_name) values (gen_random_uuid(), 'Fantôme') $$,
  '42501', 'permission denied for table profiles',
  'users cannot create profiles by hand');

select throws_ok(
  $$ delete from public.profiles where id = tests.get_supabase_uid('member') $$,
  '42501', 'permission denied for table profiles',
  'users cannot delete profiles');

-- ============================================================================================
-- The service role (administrators)
-- ============================================================================================
select tests.authenticate_as_service_role();
select lives_ok(
  $$ update public.profiles set role = 'company' where id = tests.get_supabase_uid('other') $$,
  'administrators (service role) may change a role');

select * from finish();
rollback;
