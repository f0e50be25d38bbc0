-- Domaines d'expertise : données de référence, écrites par les administrateurs seulement
-- (tableau de bord ou rôle de service).

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.expertise_domains (
  id uuid primary key default gen_random_uuid(),
  slug text not null,
  name text not null,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint expertise_domains_slug_unique unique (slug),
  constraint expertise_domains_name_unique unique (name),
  constraint expertise_domains_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 60),
  constraint expertise_domains_name_length check (char_length(btrim(name)) between 1 and 80),
  constraint expertise_domains_description_length check (char_length(description) <= 1000)
);
comment on table public.expertise_domains is
  'Domaines d''expertise (entité « Domaines_Expertise ») : liste de référence des domaines de coaching.';
comment on column public.expertise_domains.slug is 'Identifiant lisible et stable, utilisé dans les adresses.';

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger set_timestamps
  before insert or update on public.expertise_domains
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
-- Aucune politique d'écriture : seul le rôle de service (qui contourne la RLS) les modifie.
alter table public.expertise_domains enable row level security;

create policy "signed-in users read every expertise domain"
  on public.expertise_domains for select to authenticated
  using (true);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select on public.expertise_domains to authenticated;
grant select, insert, update, delete on public.expertise_domains to service_role;
