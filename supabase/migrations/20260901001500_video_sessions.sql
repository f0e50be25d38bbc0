-- Séances vidéo : une salle LiveKit par séance de coaching, créée avec elle ; son état suit la
-- séance et les webhooks LiveKit (écrits par le serveur avec le rôle de service).

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.video_session_status as enum ('scheduled', 'live', 'ended');
comment on type public.video_session_status is
  'État d''une séance vidéo : scheduled (prévue), live (en cours), ended (terminée).';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.video_sessions (
  id uuid primary key default gen_random_uuid(),
  coaching_session_id uuid not null references public.coaching_sessions (id) on delete cascade,
  room_name text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  started_at timestamptz,
  ended_at timestamptz,
  status public.video_session_status not null default 'scheduled',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint video_sessions_coaching_session_id_unique unique (coaching_session_id),
  constraint video_sessions_room_name_unique unique (room_name),
  constraint video_sessions_room_name_format check (room_name ~ '^[a-z0-9][a-z0-9-]{0,127}$'),
  constraint video_sessions_ends_after_start check (ends_at > starts_at),
  constraint video_sessions_ended_after_started check (ended_at is null or started_at is null or ended_at >= started_at)
);
comment on table public.video_sessions is
  'Séances vidéo (entité « SessionVidéo ») : salle LiveKit d''une séance de coaching. Le « lien » '
  'est la page de l''application /coaching-sessions/<id de la séance>/video.';
comment on column public.video_sessions.room_name is 'Nom unique de la salle LiveKit.';
comment on column public.video_sessions.starts_at is 'Début prévu (celui de la séance de coaching).';
comment on column public.video_sessions.ends_at is 'Fin prévue.';
comment on column public.video_sessions.started_at is 'Début réel : première connexion d''un participant.';
comment on column public.video_sessions.ended_at is 'Fin réelle (webhook LiveKit room_finished).';

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger set_timestamps
  before insert or update on public.video_sessions
  for each row execute function private.set_timestamps();

-- La séance vidéo naît avec la séance de coaching (même transaction) et en suit l'horaire ; une
-- séance annulée ou terminée ferme sa salle.
create or replace function private.sync_video_session()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into public.video_sessions (coaching_session_id, room_name, starts_at, ends_at, status)
    values (new.id, 'coaching-' || new.id, new.starts_at, new.ends_at,
            case when new.status = 'planned' then 'scheduled' else 'ended' end::public.video_session_status);
  else
    update public.video_sessions v
    set starts_at = new.starts_at,
        ends_at = new.ends_at,
        status = case when new.status = 'planned' then v.status else 'ended' end::public.video_session_status
    where v.coaching_session_id = new.id
      and (v.starts_at, v.ends_at, v.status)
          is distinct from (new.starts_at, new.ends_at,
                            case when new.status = 'planned' then v.status else 'ended' end::public.video_session_status);
  end if;
  return null;
end;
$$;
comment on function private.sync_video_session() is
  'Déclencheur after insert/update sur coaching_sessions : crée et tient à jour la séance vidéo.';

create trigger sync_video_session
  after insert or update of starts_at, ends_at, status on public.coaching_sessions
  for each row execute function private.sync_video_session();

-- ============================================================================================
-- Fonctions privées utilisées par les politiques
-- ============================================================================================
create or replace function private.is_video_session_party(video_session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.video_sessions v
    join public.coaching_sessions s on s.id = v.coaching_session_id
    where v.id = is_video_session_party.video_session_id
      and (select auth.uid()) in (s.member_id, s.coach_id)
  )
$$;
comment on function private.is_video_session_party(uuid) is
  'Vrai quand l''utilisateur connecté est le membre ou le coach de la séance vidéo donnée.';
grant execute on function private.is_video_session_party(uuid) to authenticated, service_role;

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
-- Écritures : déclencheurs et serveur (rôle de service, webhooks LiveKit) seulement.
alter table public.video_sessions enable row level security;

create policy "members and coaches read the video sessions of their sessions"
  on public.video_sessions for select to authenticated
  using (private.is_coaching_session_party(coaching_session_id));

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select on public.video_sessions to authenticated;
grant select, insert, update, delete on public.video_sessions to service_role;
