-- Notifications: only their user reads, marks seen or deletes them; nobody writes one for
-- someone else.
begin;
select plan(9);

select tests.create_supabase_user('alice');
select tests.create_supabase_user('bob');

select tests.authenticate_as_service_role();
insert into public.notifications (id, user_id, kind, title, body, link) values
  ('80000000-0000-4000-8000-00000000e001', tests.get_supabase_uid('alice'), 'system', 'Bienvenue', '', '/account'),
  ('80000000-0000-4000-8000-00000000e002', tests.get_supabase_uid('alice'), 'system', 'Deuxième', '', null);
select throws_ok(
  $$ insert into public.notifications (user_id, kind, title, link) values (tests.get_supabase_uid('alice'), 'system', 'x', 'https://evil.example') $$,
  '23514', null, 'a notification link is a path of the application');

select tests.authenticate_as('bob');
select is((select count(*)::integer from public.notifications), 0, 'users see only their own notifications');
select throws_ok(
  $$ insert into public.notifications (user_id, kind, title) values (tests.get_supabase_uid('alice'), 'system', 'Faux') $$,
  '42501', 'permission denied for table notifications',
  'users cannot write notifications, for anyone');
select is(public.mark_notifications_seen(array['80000000-0000-4000-8000-00000000e001'::uuid]), 0,
  'users cannot mark someone else''s notifications seen');

select tests.authenticate_as('alice');
select throws_ok(
  $$ update public.notifications set title = 'Modifié' where id = '80000000-0000-4000-8000-00000000e001' $$,
  '42501', 'Modification refusée : le champ « title » ne peut pas être changé.',
  'users cannot rewrite a notification');
select is(public.mark_notifications_seen(array['80000000-0000-4000-8000-00000000e001'::uuid]), 1,
  'users mark one of their notifications seen');
select is(public.mark_notifications_seen(), 1, 'users mark all the rest seen');
select lives_ok(
  $$ delete from public.notifications where id = '80000000-0000-4000-8000-00000000e002' $$,
  'users delete their own notifications');
select is((select count(*)::integer from public.notifications), 1, 'the deleted one is gone');

select * from finish();
rollback;
