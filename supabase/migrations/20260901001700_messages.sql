-- Messages : messagerie privée entre deux utilisateurs ; seul le destinataire marque un
-- message comme lu.

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  sender_id uuid not null references public.profiles (id) on delete cascade,
  recipient_id uuid not null references public.profiles (id) on delete cascade,
  body text not null,
  sent_at timestamptz not null default now(),
  read_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint messages_not_to_self check (sender_id <> recipient_id),
  constraint messages_body_length check (char_length(btrim(body)) between 1 and 4000)
);
comment on table public.messages is 'Messages (entité « Messages ») : message privé d''un utilisateur à un autre.';
comment on column public.messages.sender_id is 'Expéditeur.';
comment on column public.messages.recipient_id is 'Destinataire (seul à pouvoir marquer le message comme lu).';
comment on column public.messages.sent_at is 'Date d''envoi.';
comment on column public.messages.read_at is 'Date de lecture par le destinataire (null : non lu).';

-- ============================================================================================
-- Index
-- ============================================================================================
-- Une conversation se lit dans les deux sens : (A → B) et (B → A), du plus récent au plus ancien.
create index messages_sender_id_recipient_id_sent_at_idx on public.messages (sender_id, recipient_id, sent_at desc);
create index messages_recipient_id_sender_id_sent_at_idx on public.messages (recipient_id, sender_id, sent_at desc);
create index messages_unread_idx on public.messages (recipient_id, sender_id) where read_at is null;

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.messages
  for each row execute function private.protect_columns('id', 'sender_id', 'recipient_id', 'body', 'sent_at');

create trigger set_timestamps
  before insert or update on public.messages
  for each row execute function private.set_timestamps('sent_at');

create or replace function private.notify_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.notify(
    new.recipient_id,
    'message_received',
    'Nouveau message de ' || private.display_name(new.sender_id),
    case when char_length(new.body) > 140 then left(new.body, 139) || '…' else new.body end,
    '/messages/' || new.sender_id,
    new.sent_at);
  return null;
end;
$$;
comment on function private.notify_message() is
  'Déclencheur after insert sur messages : notifie le destinataire.';

create trigger notify_recipient
  after insert on public.messages
  for each row execute function private.notify_message();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.messages enable row level security;

create policy "senders and recipients read their messages"
  on public.messages for select to authenticated
  using ((select auth.uid()) in (sender_id, recipient_id));

create policy "users send messages in their own name"
  on public.messages for insert to authenticated
  with check ((select auth.uid()) = sender_id);

create policy "recipients mark their messages as read"
  on public.messages for update to authenticated
  using ((select auth.uid()) = recipient_id)
  with check ((select auth.uid()) = recipient_id);

-- ============================================================================================
-- Vues
-- ============================================================================================
-- Une ligne par (utilisateur, interlocuteur) : dernier message et nombre de messages non lus.
-- security_invoker : la RLS de messages s'applique, chacun ne voit que ses conversations.
-- Filtrer sur profile_id (= l'utilisateur connecté) utilise les index de messages.
create view public.conversations
with (security_invoker = true)
as
select distinct on (t.profile_id, t.counterpart_id)
  t.profile_id,
  t.counterpart_id,
  t.id as last_message_id,
  t.sender_id as last_message_sender_id,
  t.body as last_message_body,
  t.sent_at as last_message_at,
  (
    select count(*)::integer
    from public.messages u
    where u.recipient_id = t.profile_id and u.sender_id = t.counterpart_id and u.read_at is null
  ) as unread_count
from (
  select m.sender_id as profile_id, m.recipient_id as counterpart_id, m.id, m.sender_id, m.body, m.sent_at
  from public.messages m
  union all
  select m.recipient_id, m.sender_id, m.id, m.sender_id, m.body, m.sent_at
  from public.messages m
) t
order by t.profile_id, t.counterpart_id, t.sent_at desc;
comment on view public.conversations is
  'Conversations : pour chaque utilisateur et interlocuteur, le dernier message et le nombre de non-lus.';
comment on column public.conversations.profile_id is 'Utilisateur dont c''est la conversation (filtrer sur soi-même).';
comment on column public.conversations.counterpart_id is 'Interlocuteur.';
comment on column public.conversations.unread_count is 'Messages de l''interlocuteur pas encore lus.';

-- ============================================================================================
-- RPC
-- ============================================================================================
-- Marque comme lus les messages reçus d'un interlocuteur. Sous RLS (security invoker) : seul le
-- destinataire peut le faire. Renvoie le nombre de messages marqués.
create or replace function public.mark_conversation_read(counterpart_id uuid)
returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  marked integer;
begin
  if (select auth.uid()) is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  if mark_conversation_read.counterpart_id is null then
    raise exception 'Indiquez l''interlocuteur de la conversation.' using errcode = '22023';
  end if;
  update public.messages m
  set read_at = now()
  where m.recipient_id = (select auth.uid())
    and m.sender_id = mark_conversation_read.counterpart_id
    and m.read_at is null;
  get diagnostics marked = row_count;
  return marked;
end;
$$;
comment on function public.mark_conversation_read(uuid) is
  'Marque comme lus les messages reçus de l''interlocuteur donné ; renvoie leur nombre. Erreurs : '
  '42501 non connecté ; 22023 interlocuteur absent.';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, insert, update on public.messages to authenticated;
grant select, insert, update, delete on public.messages to service_role;
grant select on public.conversations to authenticated, service_role;
grant execute on function public.mark_conversation_read(uuid) to authenticated;
