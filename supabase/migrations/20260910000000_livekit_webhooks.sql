-- Webhooks LiveKit : chaque événement (room_started, room_finished, participant_joined,
-- participant_left…) est appliqué une seule fois aux séances vidéo et à leurs participants.
-- LiveKit renvoie un webhook qui n'a pas reçu de réponse 2xx : l'identifiant de l'événement est
-- noté dans la même transaction que son effet, un événement rejoué ne change donc rien.
-- Appelé par le serveur de l'application avec le rôle de service, après vérification de la
-- signature du webhook.

-- ============================================================================================
-- Tables
-- ============================================================================================
-- Dans le schéma private : seule la fonction ci-dessous la lit et l'écrit, l'API ne l'expose pas.
create table private.livekit_webhook_events (
  id text primary key,
  event text not null,
  room_name text not null,
  participant_identity text,
  occurred_at timestamptz not null,
  video_session_id uuid references public.video_sessions (id) on delete cascade,
  outcome text not null default 'applied',
  received_at timestamptz not null default now(),
  constraint livekit_webhook_events_id_length check (char_length(id) between 1 and 200),
  constraint livekit_webhook_events_outcome check (outcome in ('applied', 'ignored'))
);
comment on table private.livekit_webhook_events is
  'Journal des webhooks LiveKit déjà traités : garantit qu''un événement rejoué ne s''applique '
  'qu''une fois. Écrit uniquement par private.apply_livekit_event.';
comment on column private.livekit_webhook_events.id is 'Identifiant de l''événement LiveKit (EV_…).';
comment on column private.livekit_webhook_events.event is
  'Type d''événement LiveKit (room_started, participant_joined…).';
comment on column private.livekit_webhook_events.participant_identity is
  'Identité LiveKit du participant (= id du profil), pour les événements de participant.';
comment on column private.livekit_webhook_events.occurred_at is
  'Heure de l''événement selon LiveKit (createdAt), reportée sur les dates réelles.';
comment on column private.livekit_webhook_events.outcome is
  'applied (effet appliqué) ou ignored (salle inconnue, événement non suivi, arrivé trop tard).';

-- ============================================================================================
-- Index
-- ============================================================================================
create index livekit_webhook_events_video_session_id_idx
  on private.livekit_webhook_events (video_session_id);

-- ============================================================================================
-- RLS
-- ============================================================================================
-- Aucune politique : aucun rôle de l'API n'y accède directement.
alter table private.livekit_webhook_events enable row level security;

-- ============================================================================================
-- RPC
-- ============================================================================================
-- Applique un événement LiveKit. Les dates réelles viennent de l'heure de l'événement ; un
-- événement plus ancien que l'état déjà enregistré (webhooks arrivés dans le désordre) est
-- ignoré plutôt que de faire reculer l'état.
create or replace function private.apply_livekit_event(
  event_id text,
  event text,
  room_name text,
  participant_identity text default null,
  occurred_at timestamptz default null
)
returns table (
  outcome text,
  video_session_id uuid,
  video_session_status public.video_session_status
)
language plpgsql
security definer
set search_path = ''
as $$
declare
  happened_at timestamptz := coalesce(apply_livekit_event.occurred_at, now());
  target public.video_sessions;
  participant_profile uuid;
  changed integer := 0;
begin
  if coalesce(btrim(apply_livekit_event.event_id), '') = '' then
    raise exception 'L''identifiant de l''événement LiveKit est obligatoire.' using errcode = '22023';
  end if;
  if coalesce(btrim(apply_livekit_event.room_name), '') = '' then
    raise exception 'Le nom de la salle LiveKit est obligatoire.' using errcode = '22023';
  end if;

  insert into private.livekit_webhook_events (id, event, room_name, participant_identity, occurred_at)
  values (apply_livekit_event.event_id, apply_livekit_event.event, apply_livekit_event.room_name,
          apply_livekit_event.participant_identity, happened_at)
  on conflict (id) do nothing;
  if not found then
    -- Déjà traité : rien ne change, on rappelle seulement l'état courant.
    return query
      select 'duplicate'::text, v.id, v.status
      from public.video_sessions v
      where v.room_name = apply_livekit_event.room_name;
    if not found then
      return query select 'duplicate'::text, null::uuid, null::public.video_session_status;
    end if;
    return;
  end if;

  select * into target from public.video_sessions v
  where v.room_name = apply_livekit_event.room_name
  for update;
  if not found then
    update private.livekit_webhook_events e set outcome = 'ignored'
    where e.id = apply_livekit_event.event_id;
    return query select 'ignored'::text, null::uuid, null::public.video_session_status;
    return;
  end if;
  update private.livekit_webhook_events e set video_session_id = target.id
  where e.id = apply_livekit_event.event_id;

  if apply_livekit_event.participant_identity ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    participant_profile := apply_livekit_event.participant_identity::uuid;
  end if;

  case apply_livekit_event.event
    when 'room_started' then
      update public.video_sessions v
      set status = 'live', started_at = coalesce(v.started_at, happened_at)
      where v.id = target.id and v.status = 'scheduled';
      get diagnostics changed = row_count;

    when 'room_finished' then
      update public.video_participants p
      set status = 'disconnected', left_at = greatest(happened_at, p.joined_at)
      where p.video_session_id = target.id and p.status <> 'disconnected';
      update public.video_sessions v
      set status = 'ended',
          ended_at = greatest(happened_at, v.started_at)
      where v.id = target.id and v.status <> 'ended';
      get diagnostics changed = row_count;

    when 'participant_joined' then
      if participant_profile is not null and exists (
        select 1 from public.coaching_sessions s
        where s.id = target.coaching_session_id and participant_profile in (s.member_id, s.coach_id)
      ) then
        insert into public.video_participants as p (video_session_id, profile_id, status, joined_at)
        values (target.id, participant_profile, 'connected', happened_at)
        on conflict on constraint video_participants_one_per_profile do update
        set status = 'connected', joined_at = excluded.joined_at
        where p.status <> 'connected'
          and coalesce(p.left_at, p.joined_at, '-infinity'::timestamptz) <= excluded.joined_at;
        get diagnostics changed = row_count;
      end if;

    when 'participant_left', 'participant_connection_aborted' then
      if participant_profile is not null then
        update public.video_participants p
        set status = 'disconnected', left_at = happened_at
        where p.video_session_id = target.id and p.profile_id = participant_profile
          and p.status <> 'disconnected'
          and coalesce(p.joined_at, '-infinity'::timestamptz) <= happened_at;
        get diagnostics changed = row_count;
      end if;

    else
      -- Pistes, enregistrements… : la plateforme ne suit que la salle et ses participants.
      changed := 0;
  end case;

  if changed = 0 then
    update private.livekit_webhook_events e set outcome = 'ignored'
    where e.id = apply_livekit_event.event_id;
  end if;
  return query
    select case when changed > 0 then 'applied' else 'ignored' end, v.id, v.status
    from public.video_sessions v
    where v.id = target.id;
end;
$$;
comment on function private.apply_livekit_event(text, text, text, text, timestamptz) is
  'Applique une seule fois un webhook LiveKit (voir public.apply_livekit_event).';

-- Point d'entrée de l'API, réservé au rôle de service (le serveur de l'application).
create or replace function public.apply_livekit_event(
  event_id text,
  event text,
  room_name text,
  participant_identity text default null,
  occurred_at timestamptz default null
)
returns table (
  outcome text,
  video_session_id uuid,
  video_session_status public.video_session_status
)
language sql
security invoker
set search_path = ''
as $$
  select * from private.apply_livekit_event(
    apply_livekit_event.event_id, apply_livekit_event.event, apply_livekit_event.room_name,
    apply_livekit_event.participant_identity, apply_livekit_event.occurred_at)
$$;
comment on function public.apply_livekit_event(text, text, text, text, timestamptz) is
  'Webhook LiveKit vérifié → séance vidéo (live, ended, dates réelles) et participants '
  '(connected, disconnected, dates). Idempotent : outcome vaut applied, ignored ou duplicate. '
  'Rôle de service uniquement. Erreurs : 22023 identifiant ou salle manquants.';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant execute on function private.apply_livekit_event(text, text, text, text, timestamptz) to service_role;
grant execute on function public.apply_livekit_event(text, text, text, text, timestamptz) to service_role;
