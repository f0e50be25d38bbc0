-- Contacts : carnet d'adresses privé de chaque utilisateur.

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  first_name text not null default '',
  last_name text not null,
  email text,
  phone text,
  company_name text,
  position text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint contacts_first_name_length check (char_length(first_name) <= 80),
  constraint contacts_last_name_length check (char_length(btrim(last_name)) between 1 and 80),
  constraint contacts_email_is_email check (
    email is null or (email ~* '^[^\s@]+@[^\s@]+\.[^\s@]+$' and char_length(email) <= 254)
  ),
  constraint contacts_phone_format check (phone is null or phone ~ '^\+?[0-9 ().-]{6,20}$'),
  constraint contacts_company_name_length check (char_length(company_name) <= 120),
  constraint contacts_position_length check (char_length(position) <= 120),
  constraint contacts_notes_length check (char_length(notes) <= 2000)
);
comment on table public.contacts is
  'Contacts (entité « Contacts_Utilisateurs ») : carnet d''adresses privé d''un utilisateur.';
comment on column public.contacts.owner_id is 'Utilisateur à qui appartient ce contact (seul à le voir).';
comment on column public.contacts.company_name is 'Entreprise du contact (texte libre).';
comment on column public.contacts.position is 'Fonction du contact.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index contacts_owner_id_last_name_idx on public.contacts (owner_id, last_name, first_name);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.contacts
  for each row execute function private.protect_columns('id', 'owner_id', 'created_at');

create trigger set_timestamps
  before insert or update on public.contacts
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.contacts enable row level security;

create policy "users read their own contacts"
  on public.contacts for select to authenticated
  using ((select auth.uid()) = owner_id);

create policy "users add contacts to their own address book"
  on public.contacts for insert to authenticated
  with check ((select auth.uid()) = owner_id);

create policy "users update their own contacts"
  on public.contacts for update to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);

create policy "users delete their own contacts"
  on public.contacts for delete to authenticated
  using ((select auth.uid()) = owner_id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.contacts to authenticated;
grant select, insert, update, delete on public.contacts to service_role;
