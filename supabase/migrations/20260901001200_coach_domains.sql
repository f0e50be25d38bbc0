-- Coachs-Domaines : les domaines d'expertise proposés par chaque coach, gérés par le coach.

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.coach_domains (
  coach_id uuid not null references public.coaches (id) on delete cascade,
  domain_id uuid not null references public.expertise_domains (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (coach_id, domain_id)
);
comment on table public.coach_domains is
  'Coachs-Domaines (entité « Coachs_Domaines ») : domaines d''expertise proposés par un coach.';

-- ============================================================================================
-- Index
-- ============================================================================================
-- coach_id est couvert par la clé primaire.
create index coach_domains_domain_id_idx on public.coach_domains (domain_id);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger set_timestamps
  before insert or update on public.coach_domains
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.coach_domains enable row level security;

create policy "signed-in users read every coach domain"
  on public.coach_domains for select to authenticated
  using (true);

create policy "coaches add domains to their own offer"
  on public.coach_domains for insert to authenticated
  with check ((select auth.uid()) = coach_id);

create policy "coaches remove domains from their own offer"
  on public.coach_domains for delete to authenticated
  using ((select auth.uid()) = coach_id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, delete on public.coach_domains to authenticated;
grant select, insert, update, delete on public.coach_domains to service_role;
