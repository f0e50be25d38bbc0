-- Coachs : fiche de coaching de chaque profil de rôle « coach » (présentation, tarif,
-- disponibilités hebdomadaires, note moyenne).

-- ============================================================================================
-- Fonctions privées utilisées par les contraintes
-- ============================================================================================
-- Disponibilités : tableau de créneaux {"weekday": 1..7 (lundi = 1), "start": "HH:MM",
-- "end": "HH:MM"} avec start < end ; rien d'autre.
create or replace function private.is_valid_weekly_availability(availability jsonb)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  slot jsonb;
begin
  if availability is null or jsonb_typeof(availability) <> 'array' or jsonb_array_length(availability) > 100 then
    return false;
  end if;
  for slot in select value from jsonb_array_elements(availability) loop
    if jsonb_typeof(slot) <> 'object'
      or (select count(*) from jsonb_object_keys(slot)) <> 3
      or jsonb_typeof(slot -> 'weekday') is distinct from 'number'
      or jsonb_typeof(slot -> 'start') is distinct from 'string'
      or jsonb_typeof(slot -> 'end') is distinct from 'string'
    then
      return false;
    end if;
    if (slot ->> 'weekday') !~ '^[1-7]$'
      or (slot ->> 'start') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
      or (slot ->> 'end') !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
      or (slot ->> 'start') >= (slot ->> 'end')
    then
      return false;
    end if;
  end loop;
  return true;
end;
$$;
comment on function private.is_valid_weekly_availability(jsonb) is
  'Vrai pour un tableau de créneaux {"weekday": 1..7, "start": "HH:MM", "end": "HH:MM"} avec start < end.';
grant execute on function private.is_valid_weekly_availability(jsonb) to authenticated, service_role;

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.coaches (
  id uuid primary key references public.profiles (id) on delete cascade,
  bio text,
  hourly_rate numeric(10, 2) not null default 0,
  weekly_availability jsonb not null default '[]'::jsonb,
  linkedin_url text,
  rating_average numeric(3, 2),
  rating_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint coaches_bio_length check (char_length(bio) <= 5000),
  constraint coaches_hourly_rate_not_negative check (hourly_rate >= 0 and hourly_rate <= 100000),
  constraint coaches_weekly_availability_valid check (
    private.is_valid_weekly_availability(weekly_availability)
  ),
  constraint coaches_linkedin_url_is_linkedin check (
    linkedin_url is null
    or (linkedin_url ~* '^https://([a-z]{2,3}\.)?linkedin\.com/\S+$' and char_length(linkedin_url) <= 2048)
  ),
  constraint coaches_rating_average_range check (rating_average between 1 and 5),
  constraint coaches_rating_count_not_negative check (rating_count >= 0)
);
comment on table public.coaches is
  'Coachs (entité « Coachs ») : fiche de coaching d''un profil de rôle coach (même identifiant).';
comment on column public.coaches.hourly_rate is 'Tarif horaire en euros (0 ou plus).';
comment on column public.coaches.weekly_availability is
  'Disponibilités hebdomadaires : [{"weekday": 1..7 (lundi = 1), "start": "HH:MM", "end": "HH:MM"}].';
comment on column public.coaches.rating_average is
  'Note moyenne (1 à 5) des séances notées, tenue à jour par déclencheur.';
comment on column public.coaches.rating_count is 'Nombre de séances notées, tenu à jour par déclencheur.';

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.coaches
  for each row execute function private.protect_columns('id', 'rating_average', 'rating_count', 'created_at');

create trigger set_timestamps
  before insert or update on public.coaches
  for each row execute function private.set_timestamps();

-- Chaque profil coach a sa fiche, dès l'inscription ou dès qu'un administrateur lui donne ce rôle.
create or replace function private.create_coach_for_coach_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.role = 'coach' then
    insert into public.coaches (id) values (new.id) on conflict (id) do nothing;
  end if;
  return new;
end;
$$;
comment on function private.create_coach_for_coach_profile() is
  'Déclencheur after insert/update of role sur profiles : crée la fiche coach d''un profil coach.';

create trigger create_coach_row
  after insert or update of role on public.profiles
  for each row execute function private.create_coach_for_coach_profile();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.coaches enable row level security;

create policy "signed-in users read every coach"
  on public.coaches for select to authenticated
  using (true);

create policy "coaches update their own coach profile"
  on public.coaches for update to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, update on public.coaches to authenticated;
grant select, insert, update, delete on public.coaches to service_role;
