-- Plans: a private agenda; the reminder time is computed and re-armed when the plan moves.
begin;
select plan(8);

select tests.create_supabase_user('owner');
select tests.create_supabase_user('other');

select tests.authenticate_as('owner');
select lives_ok(
  $$ insert into public.plans (id, owner_id, title, starts_at, duration_minutes, reminder_minutes_before, reminded_at)
     values ('50000000-0000-4000-8000-00000000e001', tests.get_supabase_uid('owner'), 'Banque',
             '2030-01-10 10:00+01', 60, 30, now()) $$,
  'users add plans to their own agenda');
select results_eq(
  $$ select reminder_at, reminded_at from public.plans where id = '50000000-0000-4000-8000-00000000e001' $$,
  $$ values ('2030-01-10 09:30+01'::timestamptz, null::timestamptz) $$,
  'the reminder time is starts_at minus the reminder, and a client cannot mark it as sent');
select throws_ok(
  $$ update public.plans set reminded_at = now() where id = '50000000-0000-4000-8000-00000000e001' $$,
  '42501', 'Modification refusée : le champ « reminded_at » ne peut pas être changé.',
  'users cannot silence a reminder by marking it sent');
select throws_ok(
  $$ insert into public.plans (owner_id, title, starts_at, duration_minutes) values (tests.get_supabase_uid('owner'), 'x', now(), 0) $$,
  '23514', null, 'a plan lasts at least one minute');

select tests.authenticate_as_service_role();
update public.plans set reminded_at = now() where id = '50000000-0000-4000-8000-00000000e001';
select tests.authenticate_as('owner');
update public.plans set starts_at = '2030-01-11 10:00+01' where id = '50000000-0000-4000-8000-00000000e001';
select results_eq(
  $$ select reminder_at, reminded_at from public.plans where id = '50000000-0000-4000-8000-00000000e001' $$,
  $$ values ('2030-01-11 09:30+01'::timestamptz, null::timestamptz) $$,
  'moving a plan moves its reminder and re-arms it');
update public.plans set reminder_minutes_before = null where id = '50000000-0000-4000-8000-00000000e001';
select is((select reminder_at from public.plans where id = '50000000-0000-4000-8000-00000000e001'), null,
  'removing the reminder clears its time');

select tests.authenticate_as('other');
select is((select count(*)::integer from public.plans), 0, 'another user sees none of them');
update public.plans set title = 'Piraté' where id = '50000000-0000-4000-8000-00000000e001';
select tests.authenticate_as('owner');
select is((select title from public.plans where id = '50000000-0000-4000-8000-00000000e001'), 'Banque',
  'another user cannot change them');

select * from finish();
rollback;
