-- Documents : métadonnées des fichiers privés d'un utilisateur ; le fichier lui-même est dans
-- le bucket privé « documents » sous <id du propriétaire>/<clé ASCII>.

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.documents (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  name text not null,
  storage_path text not null,
  mime_type text not null,
  size_bytes bigint not null,
  description text,
  uploaded_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint documents_storage_path_unique unique (storage_path),
  constraint documents_name_length check (char_length(btrim(name)) between 1 and 255),
  constraint documents_storage_path_in_owner_folder check (
    split_part(storage_path, '/', 1) = owner_id::text
    and char_length(split_part(storage_path, '/', 2)) > 0
  ),
  -- Les clés d'objets Supabase Storage sont en ASCII : le nom d'origine reste dans « name ».
  constraint documents_storage_path_is_ascii_key check (
    storage_path ~ '^[A-Za-z0-9/!._*''() &$@=;:+,?-]+$' and char_length(storage_path) <= 1024
  ),
  constraint documents_mime_type_format check (mime_type ~ '^[a-z]+/[A-Za-z0-9.+-]+$'),
  constraint documents_size_within_bucket_limit check (size_bytes between 0 and 10485760),
  constraint documents_description_length check (char_length(description) <= 1000)
);
comment on table public.documents is
  'Documents (entité « Documents_Utilisateurs ») : fichiers privés d''un utilisateur, stockés dans '
  'le bucket « documents ».';
comment on column public.documents.name is 'Nom d''origine du fichier, affiché tel quel (accents compris).';
comment on column public.documents.storage_path is
  'Clé de l''objet dans le bucket « documents » : <id du propriétaire>/<clé ASCII sûre>.';
comment on column public.documents.mime_type is 'Type du document (type MIME).';
comment on column public.documents.size_bytes is 'Taille du fichier en octets (10 Mio au plus).';
comment on column public.documents.uploaded_at is 'Date de dépôt du document.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index documents_owner_id_uploaded_at_idx on public.documents (owner_id, uploaded_at desc);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.documents
  for each row execute function private.protect_columns(
    'id', 'owner_id', 'storage_path', 'mime_type', 'size_bytes', 'uploaded_at');

create trigger set_timestamps
  before insert or update on public.documents
  for each row execute function private.set_timestamps('uploaded_at');

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.documents enable row level security;

create policy "users read their own documents"
  on public.documents for select to authenticated
  using ((select auth.uid()) = owner_id);

create policy "users register documents they own"
  on public.documents for insert to authenticated
  with check ((select auth.uid()) = owner_id);

create policy "users rename their own documents"
  on public.documents for update to authenticated
  using ((select auth.uid()) = owner_id)
  with check ((select auth.uid()) = owner_id);

create policy "users delete their own documents"
  on public.documents for delete to authenticated
  using ((select auth.uid()) = owner_id);

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update, delete on public.documents to authenticated;
grant select, insert, update, delete on public.documents to service_role;
