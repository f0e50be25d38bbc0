-- Notifications : créées par les déclencheurs et le code serveur, jamais par un autre
-- utilisateur ; chaque utilisateur lit, marque comme vues et supprime les siennes.

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.notification_kind as enum (
  'coaching_request_received',
  'coaching_request_accepted',
  'coaching_request_declined',
  'coaching_session_cancelled',
  'coaching_session_completed',
  'coaching_session_rated',
  'message_received',
  'plan_reminder',
  'system'
);
comment on type public.notification_kind is 'Nature d''une notification (sert à choisir l''icône et le libellé).';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind public.notification_kind not null,
  title text not null,
  body text not null default '',
  link text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  seen_at timestamptz,
  constraint notifications_title_length check (char_length(btrim(title)) between 1 and 160),
  constraint notifications_body_length check (char_length(body) <= 1000),
  constraint notifications_link_is_app_path check (
    link is null or (left(link, 1) = '/' and left(link, 2) <> '//' and char_length(link) <= 500)
  )
);
comment on table public.notifications is
  'Notifications (entité « Notifications ») : messages adressés à un utilisateur par la plateforme.';
comment on column public.notifications.user_id is 'Destinataire de la notification.';
comment on column public.notifications.kind is 'Nature de l''événement notifié.';
comment on column public.notifications.link is
  'Chemin de l''application vers l''objet concerné, par exemple /coaching-sessions/<id>.';
comment on column public.notifications.seen_at is 'Date à laquelle l''utilisateur l''a vue (null : non vue).';

-- ============================================================================================
-- Index
-- ============================================================================================
create index notifications_user_id_created_at_idx on public.notifications (user_id, created_at desc);
create index notifications_unseen_idx on public.notifications (user_id) where seen_at is null;

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger guard_protected_columns
  before update on public.notifications
  for each row execute function private.protect_columns(
    'id', 'user_id', 'kind', 'title', 'body', 'link', 'created_at');

create trigger set_timestamps
  before insert or update on public.notifications
  for each row execute function private.set_timestamps();

-- ============================================================================================
-- Fonctions privées
-- ============================================================================================
-- Point d'entrée unique des déclencheurs qui notifient (demandes, séances, messages, rappels).
create or replace function private.notify(
  user_id uuid,
  kind public.notification_kind,
  title text,
  body text default '',
  link text default null,
  created_at timestamptz default now()
)
returns uuid
language sql
security definer
set search_path = ''
as $$
  insert into public.notifications (user_id, kind, title, body, link, created_at)
  values (notify.user_id, notify.kind, left(notify.title, 160), left(coalesce(notify.body, ''), 1000),
          notify.link, coalesce(notify.created_at, now()))
  returning id
$$;
comment on function private.notify(uuid, public.notification_kind, text, text, text, timestamptz) is
  'Crée une notification pour un utilisateur (appelée par les déclencheurs).';

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.notifications enable row level security;

create policy "users read their own notifications"
  on public.notifications for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "users mark their own notifications as seen"
  on public.notifications for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "users delete their own notifications"
  on public.notifications for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ============================================================================================
-- RPC
-- ============================================================================================
-- Marque comme vues les notifications données (toutes celles de l'utilisateur quand la liste est
-- absente). Sous RLS : ne touche que les notifications de l'appelant. Renvoie leur nombre.
create or replace function public.mark_notifications_seen(notification_ids uuid[] default null)
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
  update public.notifications n
  set seen_at = now()
  where n.user_id = (select auth.uid())
    and n.seen_at is null
    and (mark_notifications_seen.notification_ids is null
         or n.id = any (mark_notifications_seen.notification_ids));
  get diagnostics marked = row_count;
  return marked;
end;
$$;
comment on function public.mark_notifications_seen(uuid[]) is
  'Marque comme vues les notifications données, ou toutes celles de l''utilisateur connecté.';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select, update, delete on public.notifications to authenticated;
grant select, insert, update, delete on public.notifications to service_role;
grant execute on function public.mark_notifications_seen(uuid[]) to authenticated;
