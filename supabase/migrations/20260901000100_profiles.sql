-- Utilisateurs : auth.users (e-mail, mot de passe) + public.profiles (nom, rôle, dates).

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.user_role as enum ('member', 'company', 'coach');
comment on type public.user_role is
  'Rôle d''un utilisateur : member (Utilisateur), company (Entreprise), coach (Coach).';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  first_name text not null,
  last_name text not null default '',
  role public.user_role not null default 'member',
  headline text,
  bio text,
  avatar_path text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  constraint profiles_first_name_length check (char_length(btrim(first_name)) between 1 and 80),
  constraint profiles_last_name_length check (char_length(last_name) <= 80),
  constraint profiles_headline_length check (char_length(headline) <= 120),
  constraint profiles_bio_length check (char_length(bio) <= 2000),
  constraint profiles_avatar_in_own_folder check (
    avatar_path is null or split_part(avatar_path, '/', 1) = id::text
  )
);
comment on table public.profiles is
  'Utilisateurs (entité « Utilisateurs ») : profil public de chaque compte Auth. L''e-mail et le '
  'mot de passe restent dans auth.users.';
comment on column public.profiles.id is 'Identifiant du compte Auth (auth.users.id).';
comment on column public.profiles.role is
  'Rôle choisi à l''inscription ; l''utilisateur ne peut pas le changer lui-même.';
comment on column public.profiles.headline is 'Accroche courte affichée dans l''annuaire.';
comment on column public.profiles.avatar_path is
  'Clé de l''avatar dans le bucket public « avatars » : <id du profil>/<fichier>.';
comment on column public.profiles.created_at is 'Date d''inscription.';
comment on column public.profiles.last_sign_in_at is
  'Date de dernière connexion, recopiée depuis auth.users par déclencheur.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index profiles_role_idx on public.profiles (role);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.profiles
  for each row execute function private.protect_columns('id', 'role', 'created_at', 'last_sign_in_at');

create trigger set_timestamps
  before insert or update on public.profiles
  for each row execute function private.set_timestamps();

-- Un profil naît avec son compte Auth, à partir des métadonnées données à l'inscription
-- (first_name, last_name, role). Un rôle inconnu devient member : personne ne s'attribue de
-- rôle que l'application ne connaît pas.
create or replace function private.create_profile_for_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  metadata jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  requested_role text := metadata ->> 'role';
begin
  insert into public.profiles (id, first_name, last_name, role, created_at, last_sign_in_at)
  values (
    new.id,
    left(coalesce(
      nullif(btrim(metadata ->> 'first_name'), ''),
      nullif(btrim(metadata ->> 'given_name'), ''),
      nullif(split_part(coalesce(new.email, ''), '@', 1), ''),
      'Membre'), 80),
    left(coalesce(
      nullif(btrim(metadata ->> 'last_name'), ''),
      nullif(btrim(metadata ->> 'family_name'), ''),
      ''), 80),
    case
      when requested_role in ('member', 'company', 'coach') then requested_role::public.user_role
      else 'member'::public.user_role
    end,
    coalesce(new.created_at, now()),
    new.last_sign_in_at
  )
  on conflict (id) do nothing;
  return new;
end;
$$;
comment on function private.create_profile_for_new_user() is
  'Déclencheur after insert sur auth.users : crée le profil (prénom, nom, rôle member par défaut).';

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.create_profile_for_new_user();

create or replace function private.sync_last_sign_in()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles
  set last_sign_in_at = new.last_sign_in_at
  where id = new.id;
  return new;
end;
$$;
comment on function private.sync_last_sign_in() is
  'Déclencheur after update sur auth.users : recopie la date de dernière connexion dans le profil.';

create trigger on_auth_user_signed_in
  after update of last_sign_in_at on auth.users
  for each row
  when (new.last_sign_in_at is distinct from old.last_sign_in_at)
  execute function private.sync_last_sign_in();

-- ============================================================================================
-- Fonctions privées utilisées par les politiques
-- ============================================================================================
-- Nom affiché d'un profil (« Prénom Nom »), pour les textes des notifications.
create or replace function private.display_name(profile_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce(nullif(btrim(p.first_name || ' ' || p.last_name), ''), 'Un membre')
  from public.profiles p
  where p.id = display_name.profile_id
$$;
comment on function private.display_name(uuid) is 'Prénom et nom d''un profil, pour les notifications.';

create or replace function private.current_user_has_role(expected public.user_role)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles
    where id = (select auth.uid()) and role = expected
  )
$$;
comment on function private.current_user_has_role(public.user_role) is
  'Vrai quand l''utilisateur connecté a le rôle donné.';
grant execute on function private.current_user_has_role(public.user_role) to authenticated, service_role;

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.profiles enable row level security;

create policy "signed-in users read every profile"
  on public.profiles for select to authenticated
  using (true);

create policy "users update their own profile"
  on public.profiles for update to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, update on public.profiles to authenticated;
grant select, insert, update, delete on public.profiles to service_role;
