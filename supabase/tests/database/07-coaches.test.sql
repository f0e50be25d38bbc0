-- Coaches, expertise domains and coach domains: the coach edits their own offer; domains are
-- reference data written by administrators only; the directory shows ratings and domains.
begin;
select plan(15);

select tests.create_supabase_user('coach', metadata => '{"first_name": "Sophie", "role": "coach"}');
select tests.create_supabase_user('other-coach', metadata => '{"first_name": "Marc", "role": "coach"}');
select tests.create_supabase_user('member', metadata => '{"first_name": "Camille"}');

select tests.authenticate_as_service_role();
select lives_ok(
  $$ insert into public.expertise_domains (id, slug, name) values
     ('30000000-0000-4000-8000-00000000f001', 'test-finance', 'Finance (test)'),
     ('30000000-0000-4000-8000-00000000f002', 'test-pitch', 'Pitch (test)') $$,
  'administrators (service role) write expertise domains');

-- ============================================================================================
-- The coach
-- ============================================================================================
select tests.authenticate_as('coach');
select lives_ok(
  $$ update public.coaches set bio = 'Quinze ans d''incubateur', hourly_rate = 90,
     weekly_availability = '[{"weekday": 1, "start": "09:00", "end": "12:00"}, {"weekday": 7, "start": "10:00", "end": "24:00"}]'
     where id = tests.get_supabase_uid('coach') $$,
  'coaches update their own bio, rate and weekly availability');
select throws_ok(
  $$ update public.coaches set hourly_rate = -1 where id = tests.get_supabase_uid('coach') $$,
  '23514', null, 'an hourly rate cannot be negative');
select throws_ok(
  $$ update public.coaches set weekly_availability = '[{"weekday": 8, "start": "09:00", "end": "12:00"}]'
     where id = tests.get_supabase_uid('coach') $$,
  '23514', null, 'a weekday is between 1 (Monday) and 7 (Sunday)');
select throws_ok(
  $$ update public.coaches set weekly_availability = '[{"weekday": 1, "start": "12:00", "end": "09:00"}]'
     where id = tests.get_supabase_uid('coach') $$,
  '23514', null, 'an availability slot ends after it starts');
select throws_ok(
  $$ update public.coaches set weekly_availability = '[{"weekday": 1, "start": "9h", "end": "12:00", "note": "x"}]'
     where id = tests.get_supabase_uid('coach') $$,
  '23514', null, 'an availability slot has exactly weekday, start and end, as HH:MM');
select throws_ok(
  $$ update public.coaches set rating_average = 5 where id = tests.get_supabase_uid('coach') $$,
  '42501', 'Modification refusée : le champ « rating_average » ne peut pas être changé.',
  'coaches cannot set their own rating');
select lives_ok(
  $$ insert into public.coach_domains (coach_id, domain_id)
     values (tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000f001'),
            (tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000f002') $$,
  'coaches add domains to their own offer');
select throws_ok(
  $$ insert into public.coach_domains (coach_id, domain_id)
     values (tests.get_supabase_uid('other-coach'), '30000000-0000-4000-8000-00000000f001') $$,
  '42501', 'new row violates row-level security policy for table "coach_domains"',
  'coaches cannot change another coach''s offer');
select throws_ok(
  $$ insert into public.expertise_domains (slug, name) values ('hack', 'Piratage') $$,
  '42501', 'permission denied for table expertise_domains',
  'coaches cannot create expertise domains');
select lives_ok(
  $$ delete from public.coach_domains where coach_id = tests.get_supabase_uid('coach')
       and domain_id = '30000000-0000-4000-8000-00000000f002' $$,
  'coaches remove domains from their own offer');

-- ============================================================================================
-- A member
-- ============================================================================================
select tests.authenticate_as('member');
select results_eq(
  $$ select first_name, hourly_rate, domain_slugs from public.coach_directory where id = tests.get_supabase_uid('coach') $$,
  $$ values ('Sophie', 90.00::numeric(10, 2), array['test-finance']) $$,
  'the coach directory shows each coach with their rate and domains');
update public.coaches set hourly_rate = 0 where id = tests.get_supabase_uid('coach');
select is((select hourly_rate from public.coaches where id = tests.get_supabase_uid('coach')), 90.00::numeric(10, 2),
  'members cannot change a coach''s offer');
select throws_ok(
  $$ delete from public.expertise_domains where id = '30000000-0000-4000-8000-00000000f001' $$,
  '42501', 'permission denied for table expertise_domains',
  'members cannot delete expertise domains');
select throws_ok(
  $$ insert into public.coaches (id) values (tests.get_supabase_uid('member')) $$,
  '42501', 'permission denied for table coaches',
  'members cannot make themselves coaches');

select * from finish();
rollback;
