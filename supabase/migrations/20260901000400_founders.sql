-- Fondateurs : les personnes qui ont créé une entreprise, gérés par le propriétaire de la fiche.

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.founders (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  first_name text not null,
  last_name text not null,
  position text,
  bio text,
  email text,
  linkedin_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint founders_first_name_length check (char_length(btrim(first_name)) between 1 and 80),
  constraint founders_last_name_length check (char_length(btrim(last_name)) between 1 and 80),
  constraint founders_position_length check (char_length(position) <= 120),
  constraint founders_bio_length check (char_length(bio) <= 2000),
  constraint founders_email_is_email check (
    email is null or (email ~* '^[^\s@]+@[^\s@]+\.[^\s@]+$' and char_length(email) <= 254)
  ),
  constraint founders_linkedin_url_is_linkedin check (
    linkedin_url is null
    or (linkedin_url ~* '^https://([a-z]{2,3}\.)?linkedin\.com/\S+$' and char_length(linkedin_url) <= 2048)
  )
);
comment on table public.founders is 'Fondateurs (entité « Fondateurs ») : fondateurs et fondatrices d''une entreprise.';
comment on column public.founders.position is 'Fonction dans l''entreprise (par exemple « CEO »).';
comment on column public.founders.linkedin_url is 'Profil LinkedIn (facultatif), adresse https://…linkedin.com/…';

-- ============================================================================================
-- Index
-- ============================================================================================
create index founders_company_id_idx on public.founders (company_id);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.founders
  for each row execute function private.protect_columns('id', 'company_id', 'created_at');

create trigger set_timestamps
  before insert or update on public.founders
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.founders enable row level security;

create policy "signed-in users read every founder"
  on public.founders for select to authenticated
  using (true);

create policy "company owners add founders to their companies"
  on public.founders for insert to authenticated
  with check (private.owns_company(company_id));

create policy "company owners update founders of their companies"
  on public.founders for update to authenticated
  using (private.owns_company(company_id))
  with check (private.owns_company(company_id));

create policy "company owners delete founders of their companies"
  on public.founders for delete to authenticated
  using (private.owns_company(company_id));

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.founders to authenticated;
grant select, insert, update, delete on public.founders to service_role;
