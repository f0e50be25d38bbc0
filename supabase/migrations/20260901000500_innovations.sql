-- Innovations : produits, services et procédés mis en avant par une entreprise.

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.innovation_kind as enum ('product', 'service', 'process');
comment on type public.innovation_kind is 'Nature d''une innovation : produit, service ou procédé.';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.innovations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  title text not null,
  description text,
  kind public.innovation_kind not null,
  published_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint innovations_title_length check (char_length(btrim(title)) between 1 and 160),
  constraint innovations_description_length check (char_length(description) <= 5000)
);
comment on table public.innovations is 'Innovations (entité « Innovations ») : réalisations présentées par une entreprise.';
comment on column public.innovations.kind is 'Type d''innovation : product (produit), service, process (procédé).';
comment on column public.innovations.published_at is 'Date de publication de l''innovation.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index innovations_company_id_published_at_idx on public.innovations (company_id, published_at desc);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.innovations
  for each row execute function private.protect_columns('id', 'company_id', 'created_at');

create trigger set_timestamps
  before insert or update on public.innovations
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.innovations enable row level security;

create policy "signed-in users read every innovation"
  on public.innovations for select to authenticated
  using (true);

create policy "company owners publish innovations of their companies"
  on public.innovations for insert to authenticated
  with check (private.owns_company(company_id));

create policy "company owners update innovations of their companies"
  on public.innovations for update to authenticated
  using (private.owns_company(company_id))
  with check (private.owns_company(company_id));

create policy "company owners delete innovations of their companies"
  on public.innovations for delete to authenticated
  using (private.owns_company(company_id));

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.innovations to authenticated;
grant select, insert, update, delete on public.innovations to service_role;
