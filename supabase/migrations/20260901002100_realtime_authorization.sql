-- Realtime : qui peut rejoindre quel canal privé (RLS sur realtime.messages).
--   user:<uuid>                   boîte de réception de l'utilisateur (diffusions de la base)
--   video:<uuid séance vidéo>     participants et état de la salle ; présence dans la salle
--   conversation:<uuidA>:<uuidB>  paire triée : indicateur « en train d'écrire » entre deux personnes
--   online                        présence : qui est connecté

-- ============================================================================================
-- Fonctions privées utilisées par les politiques
-- ============================================================================================
create or replace function private.is_video_topic_party(topic text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  video_id text := substr(topic, char_length('video:') + 1);
begin
  if topic is null or left(topic, 6) <> 'video:'
    or video_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return private.is_video_session_party(video_id::uuid);
end;
$$;
comment on function private.is_video_topic_party(text) is
  'Vrai quand le sujet est video:<id> d''une séance vidéo de l''utilisateur connecté.';

-- conversation:<a>:<b> avec a < b (uuid en minuscules) et l'utilisateur connecté parmi a et b.
create or replace function private.is_conversation_topic_member(topic text)
returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce(
    topic ~ '^conversation:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    and split_part(topic, ':', 2) < split_part(topic, ':', 3)
    and (select auth.uid())::text in (split_part(topic, ':', 2), split_part(topic, ':', 3)),
    false)
$$;
comment on function private.is_conversation_topic_member(text) is
  'Vrai quand le sujet est conversation:<a>:<b> (paire triée) et que l''utilisateur connecté en fait partie.';

grant execute on function private.is_video_topic_party(text) to authenticated;
grant execute on function private.is_conversation_topic_member(text) to authenticated;

-- ============================================================================================
-- Politiques sur realtime.messages
-- ============================================================================================
create policy "users receive the broadcasts of their own inbox"
  on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) = 'user:' || (select auth.uid())::text
  );

create policy "session parties join the channel of their video sessions"
  on realtime.messages for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select private.is_video_topic_party(realtime.topic()))
  );

create policy "session parties share presence and signals in their video sessions"
  on realtime.messages for insert to authenticated
  with check (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select private.is_video_topic_party(realtime.topic()))
  );

create policy "the two users of a conversation receive its typing signals"
  on realtime.messages for select to authenticated
  using (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select private.is_conversation_topic_member(realtime.topic()))
  );

create policy "the two users of a conversation send typing signals"
  on realtime.messages for insert to authenticated
  with check (
    realtime.messages.extension in ('broadcast', 'presence')
    and (select private.is_conversation_topic_member(realtime.topic()))
  );

create policy "signed-in users see who is online"
  on realtime.messages for select to authenticated
  using (realtime.messages.extension = 'presence' and (select realtime.topic()) = 'online');

create policy "signed-in users share their online presence"
  on realtime.messages for insert to authenticated
  with check (realtime.messages.extension = 'presence' and (select realtime.topic()) = 'online');
