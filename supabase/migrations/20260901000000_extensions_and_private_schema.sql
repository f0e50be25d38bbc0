-- Socle commun : privilèges par défaut, extensions, schéma privé et fonctions de déclencheurs
-- partagées par toutes les tables (horodatage, colonnes protégées).

-- ============================================================================================
-- Privilèges par défaut
-- ============================================================================================
-- Aucune fonction créée par les migrations n'est exécutable par tout le monde : chaque fonction
-- appelable par l'API est accordée explicitement, une par une.
alter default privileges for role postgres revoke execute on functions from public;
alter default privileges for role postgres in schema public
  revoke execute on functions from anon, authenticated, service_role;

-- ============================================================================================
-- Extensions
-- ============================================================================================
-- btree_gist : contraintes d'exclusion mêlant égalité (coach) et chevauchement de créneaux.
create extension if not exists btree_gist with schema extensions;

-- ============================================================================================
-- Schéma privé (non exposé par l'API)
-- ============================================================================================
create schema if not exists private;
comment on schema private is
  'Fonctions internes de la plateforme : aides des politiques RLS, déclencheurs, traitements '
  'planifiés. Non exposé par l''API REST.';
revoke all on schema private from public;
-- Les politiques RLS et les contraintes CHECK appellent ces fonctions avec les droits de
-- l'utilisateur connecté : il lui faut l'usage du schéma, et l'exécution fonction par fonction.
grant usage on schema private to authenticated, service_role;

-- ============================================================================================
-- Fonctions de déclencheurs partagées
-- ============================================================================================

-- Horodatage : la colonne de création (nommée par l'argument du déclencheur, created_at par
-- défaut) vaut now() pour les écritures des clients, et updated_at suit chaque modification.
create or replace function private.set_timestamps()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  created_column text := coalesce(tg_argv[0], 'created_at');
begin
  if tg_op = 'INSERT' then
    if current_user in ('anon', 'authenticated') or (to_jsonb(new) ->> created_column) is null then
      new := jsonb_populate_record(new, jsonb_build_object(created_column, now()));
    end if;
    new := jsonb_populate_record(
      new, jsonb_build_object('updated_at', to_jsonb(new) -> created_column));
  else
    new := jsonb_populate_record(new, jsonb_build_object('updated_at', now()));
  end if;
  return new;
end;
$$;
comment on function private.set_timestamps() is
  'Déclencheur before insert/update : date de création imposée pour les clients, updated_at à jour.';

-- Colonnes protégées : les clients de l'API ne peuvent pas changer les colonnes nommées en
-- arguments (identifiants, propriétaires, rôle, dates gérées par la plateforme). Les fonctions
-- security definer (RPC) et le rôle de service le peuvent.
create or replace function private.protect_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  old_row jsonb;
  new_row jsonb;
  column_name text;
begin
  -- Seuls les clients de l'API (anon, authenticated) sont limités ; les fonctions security
  -- definer s'exécutent en tant que leur propriétaire.
  if current_user not in ('anon', 'authenticated') then
    return new;
  end if;
  old_row := to_jsonb(old);
  new_row := to_jsonb(new);
  foreach column_name in array tg_argv loop
    if (old_row -> column_name) is distinct from (new_row -> column_name) then
      raise exception 'Modification refusée : le champ « % » ne peut pas être changé.', column_name
        using errcode = '42501',
              hint = 'Cette valeur est gérée par la plateforme.';
    end if;
  end loop;
  return new;
end;
$$;
comment on function private.protect_columns() is
  'Déclencheur before update : refuse (42501) toute modification des colonnes passées en argument '
  'par un client de l''API.';

-- Date lisible en français, à l'heure de Paris, pour les textes des notifications.
create or replace function private.format_datetime_fr(moment timestamptz)
returns text
language sql
stable
set search_path = ''
as $$
  select to_char(moment at time zone 'Europe/Paris', 'DD/MM/YYYY "à" HH24"h"MI')
$$;
comment on function private.format_datetime_fr(timestamptz) is
  'Date et heure de Paris au format « 12/09/2026 à 14h30 » (textes des notifications).';
