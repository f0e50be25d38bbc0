-- Rappels de planification : les rappels échus deviennent des notifications, une seule fois,
-- même quand plusieurs exécutions se chevauchent. Planifié chaque minute avec pg_cron.

-- ============================================================================================
-- Fonctions privées
-- ============================================================================================
-- FOR UPDATE SKIP LOCKED : deux exécutions simultanées se partagent les rappels sans jamais
-- prendre le même ; reminded_at marque le rappel comme envoyé dans la même transaction.
create or replace function private.dispatch_due_reminders(batch_size integer default 500)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  dispatched integer;
begin
  with due as (
    select p.id
    from public.plans p
    where p.reminded_at is null
      and p.reminder_at is not null
      and p.reminder_at <= now()
    order by p.reminder_at
    limit dispatch_due_reminders.batch_size
    for update skip locked
  ),
  marked as (
    update public.plans p
    set reminded_at = now()
    from due
    where p.id = due.id
    returning p.id, p.owner_id, p.title, p.starts_at, p.location
  )
  insert into public.notifications (user_id, kind, title, body, link)
  select
    marked.owner_id,
    'plan_reminder',
    left('Rappel : ' || marked.title, 160),
    format('%s le %s.%s',
           case when marked.starts_at > now() then 'Prévu' else 'Commencé' end,
           private.format_datetime_fr(marked.starts_at),
           coalesce(' Lieu : ' || marked.location || '.', '')),
    '/plans/' || marked.id
  from marked;
  get diagnostics dispatched = row_count;
  return dispatched;
end;
$$;
comment on function private.dispatch_due_reminders(integer) is
  'Envoie les rappels de planification échus (une notification chacun, une seule fois) ; renvoie '
  'leur nombre. Appelée chaque minute par pg_cron (ou par le planificateur de la pile locale).';

-- ============================================================================================
-- Planification
-- ============================================================================================
-- pg_cron existe sur Supabase (hébergé et `supabase start`) ; la pile locale sans Docker fournit
-- un remplaçant de même interface (schéma cron). Sans l'un ni l'autre, rien n'est planifié.
do $$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
  end if;
  if exists (
    select 1 from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'cron' and p.proname = 'schedule'
  ) then
    perform cron.schedule('dispatch-due-reminders', '* * * * *', 'select private.dispatch_due_reminders()');
  else
    raise notice 'pg_cron indisponible : private.dispatch_due_reminders() n''est pas planifiée.';
  end if;
end;
$$;
