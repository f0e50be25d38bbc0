-- Entreprises : vitrine d'une entreprise, possédée par un profil de rôle « company ».

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.companies (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  name text not null,
  description text,
  sector text,
  website text,
  email text,
  phone text,
  city text,
  founded_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint companies_name_length check (char_length(btrim(name)) between 1 and 120),
  constraint companies_description_length check (char_length(description) <= 5000),
  constraint companies_sector_length check (char_length(sector) <= 80),
  constraint companies_website_is_url check (
    website is null or (website ~* '^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$' and char_length(website) <= 2048)
  ),
  constraint companies_email_is_email check (
    email is null or (email ~* '^[^\s@]+@[^\s@]+\.[^\s@]+$' and char_length(email) <= 254)
  ),
  constraint companies_phone_format check (phone is null or phone ~ '^\+?[0-9 ().-]{6,20}$'),
  constraint companies_city_length check (char_length(city) <= 120),
  constraint companies_founded_on_not_in_future check (founded_on is null or founded_on <= current_date)
);
comment on table public.companies is
  'Entreprises (entité « Entreprises ») : présentation publique d''une entreprise du réseau.';
comment on column public.companies.owner_id is 'Profil (rôle company) qui gère la fiche de l''entreprise.';
comment on column public.companies.sector is 'Secteur d''activité.';
comment on column public.companies.founded_on is 'Date de création de l''entreprise.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index companies_owner_id_idx on public.companies (owner_id);
create index companies_name_idx on public.companies (name);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.companies
  for each row execute function private.protect_columns('id', 'owner_id', 'created_at');

create trigger set_timestamps
  before insert or update on public.companies
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- Fonctions privées utilisées par les politiques
-- ============================================================================================
create or replace function private.owns_company(company_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.companies c
    where c.id = owns_company.company_id and c.owner_id = (select auth.uid())
  )
$$;
comment on function private.owns_company(uuid) is
  'Vrai quand l''utilisateur connecté possède l''entreprise donnée.';

-- Même question pour un dossier de Storage (<id de l'entreprise>/<fichier>) : un nom de dossier
-- qui n'est pas un uuid ne désigne aucune entreprise.
create or replace function private.owns_company_folder(folder text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if folder is null or folder !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return private.owns_company(folder::uuid);
end;
$$;
comment on function private.owns_company_folder(text) is
  'Vrai quand le dossier Storage donné est l''identifiant d''une entreprise de l''utilisateur connecté.';

grant execute on function private.owns_company(uuid) to authenticated, service_role;
grant execute on function private.owns_company_folder(text) to authenticated, service_role;

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.companies enable row level security;

create policy "signed-in users read every company"
  on public.companies for select to authenticated
  using (true);

create policy "company accounts create companies they own"
  on public.companies for insert to authenticated
  with check (
    (select auth.uid()) = owner_id
    and (select private.current_user_has_role('company'))
  );

create policy "owners update their companies"
  on public.companies for update to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);

create policy "owners delete their companies"
  on public.companies for delete to authenticated
  using ((select auth.uid()) = owner_id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.companies to authenticated;
grant select, insert, update, delete on public.companies to service_role;
