-- Plan reminders: due reminders become notifications exactly once; the job is scheduled every
-- minute with pg_cron (or the local stack's stand-in with the same interface).
begin;
select plan(6);

select tests.create_supabase_user('owner');

select ok(exists (select 1 from cron.job where jobname = 'dispatch-due-reminders'
                  and schedule = '* * * * *' and command = 'select private.dispatch_due_reminders()'),
  'the dispatcher is scheduled every minute');

-- Start from a clean slate: reminders of the seed are not this test's business.
update public.plans set reminded_at = now() where reminded_at is null and reminder_at is not null;

insert into public.plans (owner_id, title, starts_at, duration_minutes, reminder_minutes_before, location) values
  (tests.get_supabase_uid('owner'), 'Banque', now() + interval '10 minutes', 60, 15, 'Lyon 4e'),
  (tests.get_supabase_uid('owner'), 'Plus tard', now() + interval '3 days', 60, 15, null),
  (tests.get_supabase_uid('owner'), 'Sans rappel', now() + interval '5 minutes', 60, null, null);

select is(private.dispatch_due_reminders(), 1, 'a due reminder is dispatched');
select is(private.dispatch_due_reminders(), 0, 'and only once');
select results_eq(
  $$ select kind::text, title, body like 'Prévu le %. Lieu : Lyon 4e.', link like '/plans/%'
     from public.notifications where user_id = tests.get_supabase_uid('owner') and kind = 'plan_reminder' $$,
  $$ values ('plan_reminder', 'Rappel : Banque', true, true) $$,
  'the reminder becomes a notification for the plan''s owner, linking to the plan');
select is((select count(*)::integer from public.plans where owner_id = tests.get_supabase_uid('owner') and reminded_at is not null), 1,
  'the dispatched plan is marked as reminded');

select tests.authenticate_as('owner');
select throws_ok($$ select private.dispatch_due_reminders() $$, '42501', 'permission denied for function dispatch_due_reminders',
  'users cannot run the dispatcher');

select * from finish();
rollback;
