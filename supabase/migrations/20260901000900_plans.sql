-- Planifications : agenda privé de chaque utilisateur, avec un rappel facultatif qui devient
-- une notification à l'heure dite (voir la migration « reminders »).

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.plans (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  title text not null,
  description text,
  location text,
  starts_at timestamptz not null,
  duration_minutes integer not null default 60,
  reminder_minutes_before integer,
  reminder_at timestamptz,
  reminded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint plans_title_length check (char_length(btrim(title)) between 1 and 160),
  constraint plans_description_length check (char_length(description) <= 2000),
  constraint plans_location_length check (char_length(location) <= 200),
  constraint plans_duration_range check (duration_minutes between 1 and 1440),
  constraint plans_reminder_range check (reminder_minutes_before between 0 and 10080)
);
comment on table public.plans is
  'Planifications (entité « Planifications_Utilisateurs ») : agenda privé d''un utilisateur.';
comment on column public.plans.starts_at is 'Date et heure prévues (date + heure de la planification).';
comment on column public.plans.duration_minutes is 'Durée en minutes.';
comment on column public.plans.reminder_minutes_before is
  'Rappel souhaité, en minutes avant le début (null : pas de rappel).';
comment on column public.plans.reminder_at is
  'Moment du rappel, calculé (starts_at - reminder_minutes_before) par déclencheur.';
comment on column public.plans.reminded_at is
  'Moment où le rappel a été envoyé ; remis à null quand l''heure ou le rappel changent.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index plans_owner_id_starts_at_idx on public.plans (owner_id, starts_at);
-- Les rappels à envoyer, pour private.dispatch_due_reminders().
create index plans_due_reminders_idx on public.plans (reminder_at)
  where reminded_at is null and reminder_at is not null;

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.plans
  for each row execute function private.protect_columns('id', 'owner_id', 'reminded_at', 'created_at');

create trigger set_timestamps
  before insert or update on public.plans
  for each row execute function private.set_timestamps();

create or replace function private.compute_plan_reminder()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.reminder_at := case
    when new.reminder_minutes_before is null then null
    else new.starts_at - make_interval(mins => new.reminder_minutes_before)
  end;
  if tg_op = 'INSERT' and current_user in ('anon', 'authenticated') then
    new.reminded_at := null;
  elsif tg_op = 'UPDATE' and new.reminder_at is distinct from old.reminder_at then
    new.reminded_at := null;
  end if;
  return new;
end;
$$;
comment on function private.compute_plan_reminder() is
  'Déclencheur before insert/update : calcule reminder_at et réarme le rappel quand il change.';

-- Nommé pour passer après guard_protected_columns (ordre alphabétique des déclencheurs).
create trigger set_reminder_at
  before insert or update on public.plans
  for each row execute function private.compute_plan_reminder();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.plans enable row level security;

create policy "users read their own plans"
  on public.plans for select to authenticated
  using ((select auth.uid()) = owner_id);

create policy "users add plans to their own agenda"
  on public.plans for insert to authenticated
  with check ((select auth.uid()) = owner_id);

create policy "users update their own plans"
  on public.plans for update to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);

create policy "users delete their own plans"
  on public.plans for delete to authenticated
  using ((select auth.uid()) = owner_id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.plans to authenticated;
grant select, insert, update, delete on public.plans to service_role;
