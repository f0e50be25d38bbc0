-- Participants : présence du coach et du membre dans la salle vidéo, écrite par le serveur à
-- partir des webhooks LiveKit (rôle de service).

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.video_participant_status as enum ('waiting', 'connected', 'disconnected');
comment on type public.video_participant_status is
  'État d''un participant : waiting (en salle d''attente), connected (connecté), disconnected (parti).';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.video_participants (
  id uuid primary key default gen_random_uuid(),
  video_session_id uuid not null references public.video_sessions (id) on delete cascade,
  profile_id uuid not null references public.profiles (id) on delete cascade,
  status public.video_participant_status not null default 'waiting',
  joined_at timestamptz,
  left_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint video_participants_one_per_profile unique (video_session_id, profile_id),
  constraint video_participants_left_after_joined check (left_at is null or joined_at is null or left_at >= joined_at)
);
comment on table public.video_participants is
  'Participants (entité « Participant ») : présence d''un profil dans une séance vidéo.';
comment on column public.video_participants.status is 'État de connexion, mis à jour par les webhooks LiveKit.';
comment on column public.video_participants.joined_at is 'Dernière connexion à la salle.';
comment on column public.video_participants.left_at is 'Dernier départ de la salle.';

-- ============================================================================================
-- Index
-- ============================================================================================
-- video_session_id est couvert par la contrainte d'unicité.
create index video_participants_profile_id_idx on public.video_participants (profile_id);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger set_timestamps
  before insert or update on public.video_participants
  for each row execute function private.set_timestamps();

-- Seuls les deux participants de la séance entrent dans sa salle ; les dates d'arrivée et de
-- départ suivent l'état.
create or replace function private.check_video_participant()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not exists (
    select 1
    from public.video_sessions v
    join public.coaching_sessions s on s.id = v.coaching_session_id
    where v.id = new.video_session_id and new.profile_id in (s.member_id, s.coach_id)
  ) then
    raise exception 'Seuls le coach et le membre de la séance peuvent participer à cette séance vidéo.'
      using errcode = '42501';
  end if;
  -- Une date fournie par le serveur (heure de l'événement LiveKit) l'emporte sur now().
  if new.status = 'connected' and (tg_op = 'INSERT' or old.status <> 'connected') then
    if tg_op = 'INSERT' or new.joined_at is not distinct from old.joined_at then
      new.joined_at := coalesce(case when tg_op = 'INSERT' then new.joined_at end, now());
    end if;
    new.left_at := null;
  elsif new.status = 'disconnected' and (tg_op = 'INSERT' or old.status <> 'disconnected') then
    if tg_op = 'INSERT' or new.left_at is not distinct from old.left_at then
      new.left_at := coalesce(case when tg_op = 'INSERT' then new.left_at end, now());
    end if;
  end if;
  return new;
end;
$$;
comment on function private.check_video_participant() is
  'Déclencheur before insert/update sur video_participants : réservé aux participants, dates à jour.';

create trigger check_participant
  before insert or update on public.video_participants
  for each row execute function private.check_video_participant();

-- La première connexion ouvre la séance vidéo (live, started_at).
create or replace function private.start_video_session_on_join()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'connected' then
    update public.video_sessions v
    set status = 'live', started_at = coalesce(v.started_at, new.joined_at, now())
    where v.id = new.video_session_id and v.status = 'scheduled';
  end if;
  return null;
end;
$$;
comment on function private.start_video_session_on_join() is
  'Déclencheur after insert/update sur video_participants : passe la séance vidéo en direct.';

create trigger start_video_session
  after insert or update of status on public.video_participants
  for each row execute function private.start_video_session_on_join();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
alter table public.video_participants enable row level security;

create policy "members and coaches read the participants of their video sessions"
  on public.video_participants for select to authenticated
  using (private.is_video_session_party(video_session_id));

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select on public.video_participants to authenticated;
grant select, insert, update, delete on public.video_participants to service_role;
