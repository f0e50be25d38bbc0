-- Stockage : bucket privé « documents » (un dossier par utilisateur), buckets publics en lecture
-- « event-images » (un dossier par entreprise, écrit par son propriétaire) et « avatars » (un
-- dossier par utilisateur). Déclarés aussi dans config.toml [storage.buckets.*].

-- ============================================================================================
-- Buckets
-- ============================================================================================
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('documents', 'documents', false, 10485760, array[
    'application/pdf',
    'image/png',
    'image/jpeg',
    'image/webp',
    'text/plain',
    'text/csv',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation'
  ]),
  ('event-images', 'event-images', true, 5242880, array['image/jpeg', 'image/png', 'image/webp']),
  ('avatars', 'avatars', true, 2097152, array['image/jpeg', 'image/png', 'image/webp'])
on conflict (id) do update
set public = excluded.public,
    file_size_limit = excluded.file_size_limit,
    allowed_mime_types = excluded.allowed_mime_types;

-- ============================================================================================
-- Politiques sur storage.objects
-- ============================================================================================
-- La lecture publique des buckets publics passe par /object/public sans politique : les
-- politiques select ci-dessous ne servent qu'aux propriétaires (remplacement, suppression,
-- liste), personne d'autre ne peut lister les fichiers.

-- documents : <id de l'utilisateur>/<clé>
create policy "users read files in their own documents folder"
  on storage.objects for select to authenticated
  using (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "users upload files to their own documents folder"
  on storage.objects for insert to authenticated
  with check (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "users replace files in their own documents folder"
  on storage.objects for update to authenticated
  using (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "users delete files from their own documents folder"
  on storage.objects for delete to authenticated
  using (bucket_id = 'documents' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- event-images : <id de l'entreprise>/<clé>
create policy "company owners read images of their companies' events"
  on storage.objects for select to authenticated
  using (bucket_id = 'event-images' and private.owns_company_folder((storage.foldername(name))[1]));

create policy "company owners upload images for their companies' events"
  on storage.objects for insert to authenticated
  with check (bucket_id = 'event-images' and private.owns_company_folder((storage.foldername(name))[1]));

create policy "company owners replace images of their companies' events"
  on storage.objects for update to authenticated
  using (bucket_id = 'event-images' and private.owns_company_folder((storage.foldername(name))[1]))
  with check (bucket_id = 'event-images' and private.owns_company_folder((storage.foldername(name))[1]));

create policy "company owners delete images of their companies' events"
  on storage.objects for delete to authenticated
  using (bucket_id = 'event-images' and private.owns_company_folder((storage.foldername(name))[1]));

-- avatars : <id de l'utilisateur>/<clé>
create policy "users read files in their own avatar folder"
  on storage.objects for select to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "users upload their own avatar"
  on storage.objects for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "users replace their own avatar"
  on storage.objects for update to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "users delete their own avatar"
  on storage.objects for delete to authenticated
  using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);
