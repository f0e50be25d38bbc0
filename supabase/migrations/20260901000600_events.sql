-- Événements : rencontres organisées par une entreprise, avec une image facultative dans le
-- bucket public « event-images ».

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.events (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  title text not null,
  description text,
  starts_at timestamptz not null,
  ends_at timestamptz,
  location text not null,
  image_path text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_title_length check (char_length(btrim(title)) between 1 and 160),
  constraint events_description_length check (char_length(description) <= 5000),
  constraint events_location_length check (char_length(btrim(location)) between 1 and 200),
  constraint events_ends_after_start check (ends_at is null or ends_at > starts_at),
  constraint events_image_in_company_folder check (
    image_path is null or split_part(image_path, '/', 1) = company_id::text
  )
);
comment on table public.events is 'Événements (entité « Événements ») : événements organisés par une entreprise.';
comment on column public.events.starts_at is 'Date et heure de début (date + heure de l''événement).';
comment on column public.events.ends_at is 'Date et heure de fin, facultative.';
comment on column public.events.location is 'Lieu (adresse, ville ou « En ligne »).';
comment on column public.events.image_path is
  'Clé de l''image dans le bucket public « event-images » : <id de l''entreprise>/<fichier>.';
comment on column public.events.created_at is 'Date de création de l''événement sur la plateforme.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index events_company_id_starts_at_idx on public.events (company_id, starts_at);
create index events_starts_at_idx on public.events (starts_at);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.events
  for each row execute function private.protect_columns('id', 'company_id', 'created_at');

create trigger set_timestamps
  before insert or update on public.events
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.events enable row level security;

create policy "signed-in users read every event"
  on public.events for select to authenticated
  using (true);

create policy "company owners create events of their companies"
  on public.events for insert to authenticated
  with check (private.owns_company(company_id));

create policy "company owners update events of their companies"
  on public.events for update to authenticated
  using (private.owns_company(company_id))
  with check (private.owns_company(company_id));

create policy "company owners delete events of their companies"
  on public.events for delete to authenticated
  using (private.owns_company(company_id));

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.events to authenticated;
grant select, insert, update, delete on public.events to service_role;
