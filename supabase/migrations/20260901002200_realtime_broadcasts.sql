-- Broadcast from Database : les changements qui concernent un utilisateur sont diffusés sur son
-- canal privé user:<uuid>, ceux d'une salle vidéo sur video:<uuid>. Les fonctions sont security
-- definer : realtime.send n'écrit que pour un rôle autorisé et tait ses erreurs.
--
--   user:<uuid>   message_created, message_read, notification_created, notification_updated,
--                 coaching_request_changed, coaching_session_changed
--   video:<uuid>  video_session_changed, participant_changed
-- Charge utile (realtime.broadcast_changes) : {record, old_record, operation, table, schema}.

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create or replace function private.broadcast_message_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  event text := case when tg_op = 'INSERT' then 'message_created' else 'message_read' end;
begin
  if tg_op = 'UPDATE' and new.read_at is not distinct from old.read_at then
    return null;
  end if;
  perform realtime.broadcast_changes('user:' || new.recipient_id, event, tg_op, tg_table_name, tg_table_schema, new, old);
  perform realtime.broadcast_changes('user:' || new.sender_id, event, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
comment on function private.broadcast_message_change() is
  'Diffuse message_created / message_read sur user:<expéditeur> et user:<destinataire>.';

create trigger broadcast_change
  after insert or update of read_at on public.messages
  for each row execute function private.broadcast_message_change();

create or replace function private.broadcast_notification_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.broadcast_changes(
    'user:' || new.user_id,
    case when tg_op = 'INSERT' then 'notification_created' else 'notification_updated' end,
    tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
comment on function private.broadcast_notification_change() is
  'Diffuse notification_created / notification_updated sur user:<destinataire>.';

create trigger broadcast_change
  after insert or update of seen_at on public.notifications
  for each row execute function private.broadcast_notification_change();

-- Demandes et séances : même événement pour les deux parties, quel que soit le changement.
create or replace function private.broadcast_coaching_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  event text := case tg_table_name
    when 'coaching_requests' then 'coaching_request_changed'
    else 'coaching_session_changed'
  end;
begin
  perform realtime.broadcast_changes('user:' || new.member_id, event, tg_op, tg_table_name, tg_table_schema, new, old);
  perform realtime.broadcast_changes('user:' || new.coach_id, event, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
comment on function private.broadcast_coaching_change() is
  'Diffuse coaching_request_changed / coaching_session_changed sur user:<membre> et user:<coach>.';

create trigger broadcast_change
  after insert or update on public.coaching_requests
  for each row execute function private.broadcast_coaching_change();

create trigger broadcast_change
  after insert or update on public.coaching_sessions
  for each row execute function private.broadcast_coaching_change();

create or replace function private.broadcast_video_session_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.broadcast_changes('video:' || new.id, 'video_session_changed', tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
comment on function private.broadcast_video_session_change() is
  'Diffuse video_session_changed sur video:<séance vidéo>.';

create trigger broadcast_change
  after update on public.video_sessions
  for each row execute function private.broadcast_video_session_change();

create or replace function private.broadcast_participant_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  changed public.video_participants := case when tg_op = 'DELETE' then old else new end;
begin
  perform realtime.broadcast_changes(
    'video:' || changed.video_session_id, 'participant_changed', tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
comment on function private.broadcast_participant_change() is
  'Diffuse participant_changed sur video:<séance vidéo>.';

create trigger broadcast_change
  after insert or update or delete on public.video_participants
  for each row execute function private.broadcast_participant_change();
