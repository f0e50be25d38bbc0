-- Séances de coaching : nées de l'acceptation d'une demande ; annulées, terminées puis notées
-- par des RPC. Un coach (comme un membre) ne peut pas avoir deux séances au même moment.

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.coaching_session_status as enum ('planned', 'completed', 'cancelled');
comment on type public.coaching_session_status is
  'État d''une séance : planned (planifiée), completed (terminée), cancelled (annulée).';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.coaching_sessions (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references public.coaching_requests (id) on delete cascade,
  member_id uuid not null references public.profiles (id) on delete cascade,
  coach_id uuid not null references public.coaches (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status public.coaching_session_status not null default 'planned',
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by uuid references public.profiles (id) on delete set null,
  cancellation_reason text,
  member_rating smallint,
  member_comment text,
  rated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint coaching_sessions_request_id_unique unique (request_id),
  constraint coaching_sessions_ends_after_start check (ends_at > starts_at),
  constraint coaching_sessions_member_is_not_coach check (member_id <> coach_id),
  constraint coaching_sessions_completed_at_matches_status check ((status = 'completed') = (completed_at is not null)),
  constraint coaching_sessions_cancelled_at_matches_status check ((status = 'cancelled') = (cancelled_at is not null)),
  constraint coaching_sessions_cancellation_reason_length check (char_length(cancellation_reason) <= 1000),
  constraint coaching_sessions_rating_range check (member_rating between 1 and 5),
  constraint coaching_sessions_rating_only_when_completed check (member_rating is null or status = 'completed'),
  constraint coaching_sessions_rated_at_matches_rating check ((member_rating is null) = (rated_at is null)),
  constraint coaching_sessions_comment_comes_with_rating check (member_comment is null or member_rating is not null),
  constraint coaching_sessions_member_comment_length check (char_length(member_comment) <= 2000),
  -- Pas de double réservation : deux séances non annulées d'un même coach (ou d'un même membre)
  -- ne se chevauchent pas. Postgres l'assure même pour deux acceptations simultanées.
  constraint coaching_sessions_coach_not_double_booked exclude using gist (
    coach_id with =, tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status <> 'cancelled'),
  constraint coaching_sessions_member_not_double_booked exclude using gist (
    member_id with =, tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status <> 'cancelled')
);
comment on table public.coaching_sessions is
  'Séances de coaching (entité « Sessions_Coaching ») : séance planifiée entre un membre et un coach.';
comment on column public.coaching_sessions.request_id is 'Demande acceptée dont la séance est issue.';
comment on column public.coaching_sessions.starts_at is 'Début prévu (date + heure de la séance).';
comment on column public.coaching_sessions.ends_at is 'Fin prévue.';
comment on column public.coaching_sessions.completed_at is 'Date à laquelle le coach a indiqué que la séance a eu lieu.';
comment on column public.coaching_sessions.cancelled_by is 'Participant qui a annulé la séance.';
comment on column public.coaching_sessions.cancellation_reason is 'Motif d''annulation, facultatif.';
comment on column public.coaching_sessions.member_rating is 'Note donnée par le membre (1 à 5), une fois la séance terminée.';
comment on column public.coaching_sessions.member_comment is 'Avis du membre accompagnant sa note.';
comment on column public.coaching_sessions.rated_at is 'Date de la notation.';

-- ============================================================================================
-- Index
-- ============================================================================================
create index coaching_sessions_member_id_starts_at_idx on public.coaching_sessions (member_id, starts_at desc);
create index coaching_sessions_coach_id_starts_at_idx on public.coaching_sessions (coach_id, starts_at desc);
create index coaching_sessions_cancelled_by_idx on public.coaching_sessions (cancelled_by);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger set_timestamps
  before insert or update on public.coaching_sessions
  for each row execute function private.set_timestamps();

-- Annulation, fin et notation sont annoncées à l'autre participant (aux deux quand la
-- plateforme agit seule, par exemple depuis le webhook vidéo).
create or replace function private.notify_coaching_session()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  link text := '/coaching-sessions/' || new.id;
  moment text := private.format_datetime_fr(new.starts_at);
begin
  if new.status is distinct from old.status and new.status = 'cancelled' then
    if new.cancelled_by is distinct from new.member_id then
      perform private.notify(new.member_id, 'coaching_session_cancelled', 'Séance annulée',
        format('%s a annulé la séance du %s.%s',
               coalesce(private.display_name(new.cancelled_by), 'La plateforme'), moment,
               coalesce(' Motif : ' || new.cancellation_reason, '')),
        link, new.cancelled_at);
    end if;
    if new.cancelled_by is distinct from new.coach_id then
      perform private.notify(new.coach_id, 'coaching_session_cancelled', 'Séance annulée',
        format('%s a annulé la séance du %s.%s',
               coalesce(private.display_name(new.cancelled_by), 'La plateforme'), moment,
               coalesce(' Motif : ' || new.cancellation_reason, '')),
        link, new.cancelled_at);
    end if;
  elsif new.status is distinct from old.status and new.status = 'completed' then
    if actor is distinct from new.member_id then
      perform private.notify(new.member_id, 'coaching_session_completed', 'Séance terminée : donnez votre avis',
        format('Votre séance du %s avec %s est terminée. Notez-la pour aider la communauté.',
               moment, private.display_name(new.coach_id)),
        link, new.completed_at);
    end if;
    if actor is distinct from new.coach_id then
      perform private.notify(new.coach_id, 'coaching_session_completed', 'Séance terminée',
        format('Votre séance du %s avec %s est terminée.', moment, private.display_name(new.member_id)),
        link, new.completed_at);
    end if;
  elsif new.member_rating is not null and old.member_rating is null then
    perform private.notify(new.coach_id, 'coaching_session_rated', 'Nouvelle note reçue',
      format('%s a noté la séance du %s : %s/5.', private.display_name(new.member_id), moment, new.member_rating),
      link, new.rated_at);
  end if;
  return null;
end;
$$;
comment on function private.notify_coaching_session() is
  'Déclencheur after update sur coaching_sessions : notifie annulation, fin et notation.';

create trigger notify_parties
  after update of status, member_rating on public.coaching_sessions
  for each row execute function private.notify_coaching_session();

-- La note moyenne de l'annuaire des coachs suit les notes des séances.
create or replace function private.refresh_coach_rating()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  coach uuid := case when tg_op = 'DELETE' then old.coach_id else new.coach_id end;
begin
  update public.coaches c
  set rating_average = stats.average, rating_count = stats.total
  from (
    select round(avg(s.member_rating), 2) as average, count(s.member_rating)::integer as total
    from public.coaching_sessions s
    where s.coach_id = coach and s.member_rating is not null
  ) stats
  where c.id = coach;
  return null;
end;
$$;
comment on function private.refresh_coach_rating() is
  'Déclencheur after insert/update/delete sur coaching_sessions : recalcule la note moyenne du coach.';

create trigger refresh_coach_rating
  after insert or delete or update of member_rating on public.coaching_sessions
  for each row execute function private.refresh_coach_rating();

-- ============================================================================================
-- Fonctions privées utilisées par les politiques
-- ============================================================================================
create or replace function private.is_coaching_session_party(session_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.coaching_sessions s
    where s.id = is_coaching_session_party.session_id
      and (select auth.uid()) in (s.member_id, s.coach_id)
  )
$$;
comment on function private.is_coaching_session_party(uuid) is
  'Vrai quand l''utilisateur connecté est le membre ou le coach de la séance donnée.';
grant execute on function private.is_coaching_session_party(uuid) to authenticated, service_role;

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
-- Aucune écriture directe : tout passe par les RPC ci-dessous.
alter table public.coaching_sessions enable row level security;

create policy "members and coaches read their own sessions"
  on public.coaching_sessions for select to authenticated
  using ((select auth.uid()) in (member_id, coach_id));

-- ============================================================================================
-- RPC
-- ============================================================================================
-- Réponse du coach. Accepter crée la séance (et, par déclencheur, sa séance vidéo) dans la même
-- transaction ; un créneau déjà pris est refusé (23P01) sans rien laisser derrière.
create or replace function private.answer_coaching_request(
  request_id uuid,
  accept boolean,
  comment text default null
)
returns public.coaching_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  request public.coaching_requests;
  violated text;
begin
  if caller is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into request from public.coaching_requests r
  where r.id = answer_coaching_request.request_id
  for update;
  if not found or request.coach_id <> caller then
    raise exception 'Cette demande de coaching est introuvable ou ne vous est pas adressée.'
      using errcode = '42501';
  end if;
  if answer_coaching_request.accept is null then
    raise exception 'Indiquez si vous acceptez ou refusez la demande.' using errcode = '22023';
  end if;
  if char_length(answer_coaching_request.comment) > 2000 then
    raise exception 'Le commentaire ne doit pas dépasser 2000 caractères.' using errcode = '22023';
  end if;
  if request.status <> 'pending' then
    raise exception 'Cette demande a déjà reçu une réponse.' using errcode = 'PT409';
  end if;

  if answer_coaching_request.accept then
    if request.desired_at <= now() then
      raise exception 'La date souhaitée est passée : cette demande ne peut plus être acceptée.'
        using errcode = 'PT409';
    end if;
    begin
      insert into public.coaching_sessions (request_id, member_id, coach_id, starts_at, ends_at)
      values (request.id, request.member_id, request.coach_id, request.desired_at,
              request.desired_at + make_interval(mins => request.duration_minutes));
    exception when exclusion_violation then
      get stacked diagnostics violated = constraint_name;
      if violated = 'coaching_sessions_member_not_double_booked' then
        raise exception 'Ce créneau n''est pas disponible : le membre a déjà une séance à ce moment-là.'
          using errcode = '23P01';
      end if;
      raise exception 'Ce créneau n''est pas disponible : vous avez déjà une séance à ce moment-là.'
        using errcode = '23P01';
    end;
  end if;

  update public.coaching_requests r
  set status = case when answer_coaching_request.accept then 'accepted' else 'declined' end::public.coaching_request_status,
      responded_at = now(),
      coach_comment = nullif(btrim(answer_coaching_request.comment), '')
  where r.id = request.id
  returning * into request;
  return request;
end;
$$;
comment on function private.answer_coaching_request(uuid, boolean, text) is
  'Réponse du coach connecté à une demande (voir public.answer_coaching_request).';

create or replace function private.cancel_coaching_session(session_id uuid, reason text default null)
returns public.coaching_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.coaching_sessions;
begin
  if caller is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into target from public.coaching_sessions s
  where s.id = cancel_coaching_session.session_id
  for update;
  if not found or caller not in (target.member_id, target.coach_id) then
    raise exception 'Cette séance est introuvable ou ne vous concerne pas.' using errcode = '42501';
  end if;
  if char_length(cancel_coaching_session.reason) > 1000 then
    raise exception 'Le motif ne doit pas dépasser 1000 caractères.' using errcode = '22023';
  end if;
  if target.status <> 'planned' then
    raise exception 'Seule une séance planifiée peut être annulée.' using errcode = 'PT409';
  end if;
  if target.starts_at <= now() then
    raise exception 'Une séance déjà commencée ne peut plus être annulée.' using errcode = 'PT409';
  end if;
  update public.coaching_sessions s
  set status = 'cancelled', cancelled_at = now(), cancelled_by = caller,
      cancellation_reason = nullif(btrim(cancel_coaching_session.reason), '')
  where s.id = target.id
  returning * into target;
  return target;
end;
$$;
comment on function private.cancel_coaching_session(uuid, text) is
  'Annulation d''une séance par un de ses participants (voir public.cancel_coaching_session).';

create or replace function private.complete_coaching_session(session_id uuid)
returns public.coaching_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.coaching_sessions;
begin
  if caller is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into target from public.coaching_sessions s
  where s.id = complete_coaching_session.session_id
  for update;
  if not found or caller not in (target.member_id, target.coach_id) then
    raise exception 'Cette séance est introuvable ou ne vous concerne pas.' using errcode = '42501';
  end if;
  if caller <> target.coach_id then
    raise exception 'Seul le coach peut indiquer que la séance a eu lieu.' using errcode = '42501';
  end if;
  if target.status <> 'planned' then
    raise exception 'Seule une séance planifiée peut être marquée comme terminée.' using errcode = 'PT409';
  end if;
  if target.starts_at > now() then
    raise exception 'La séance n''a pas encore commencé.' using errcode = 'PT409';
  end if;
  update public.coaching_sessions s
  set status = 'completed', completed_at = now()
  where s.id = target.id
  returning * into target;
  return target;
end;
$$;
comment on function private.complete_coaching_session(uuid) is
  'Fin d''une séance indiquée par son coach (voir public.complete_coaching_session).';

create or replace function private.rate_coaching_session(session_id uuid, rating integer, comment text default null)
returns public.coaching_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.coaching_sessions;
begin
  if caller is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select * into target from public.coaching_sessions s
  where s.id = rate_coaching_session.session_id
  for update;
  if not found or caller not in (target.member_id, target.coach_id) then
    raise exception 'Cette séance est introuvable ou ne vous concerne pas.' using errcode = '42501';
  end if;
  if caller <> target.member_id then
    raise exception 'Seul le membre qui a suivi la séance peut la noter.' using errcode = '42501';
  end if;
  if rate_coaching_session.rating is null or rate_coaching_session.rating not between 1 and 5 then
    raise exception 'La note doit être un nombre entier entre 1 et 5.' using errcode = '22023';
  end if;
  if char_length(rate_coaching_session.comment) > 2000 then
    raise exception 'Le commentaire ne doit pas dépasser 2000 caractères.' using errcode = '22023';
  end if;
  if target.status <> 'completed' then
    raise exception 'La séance doit être terminée pour être notée.' using errcode = 'PT409';
  end if;
  if target.member_rating is not null then
    raise exception 'Vous avez déjà noté cette séance.' using errcode = 'PT409';
  end if;
  update public.coaching_sessions s
  set member_rating = rate_coaching_session.rating,
      member_comment = nullif(btrim(rate_coaching_session.comment), ''),
      rated_at = now()
  where s.id = target.id
  returning * into target;
  return target;
end;
$$;
comment on function private.rate_coaching_session(uuid, integer, text) is
  'Notation d''une séance terminée par son membre (voir public.rate_coaching_session).';

-- Points d'entrée de l'API : security invoker, ils délèguent aux fonctions privées ci-dessus
-- (le schéma private n'est pas exposé par l'API REST).
create or replace function public.answer_coaching_request(request_id uuid, accept boolean, comment text default null)
returns public.coaching_requests
language sql
security invoker
set search_path = ''
as $$
  select * from private.answer_coaching_request(
    answer_coaching_request.request_id, answer_coaching_request.accept, answer_coaching_request.comment)
$$;
comment on function public.answer_coaching_request(uuid, boolean, text) is
  'Le coach accepte (crée la séance et sa séance vidéo) ou refuse une demande en attente. Erreurs : '
  '42501 pas le coach de la demande ; 22023 réponse absente, commentaire trop long ; PT409 déjà '
  'répondue, date passée ; 23P01 créneau déjà pris.';

create or replace function public.cancel_coaching_session(session_id uuid, reason text default null)
returns public.coaching_sessions
language sql
security invoker
set search_path = ''
as $$
  select * from private.cancel_coaching_session(cancel_coaching_session.session_id, cancel_coaching_session.reason)
$$;
comment on function public.cancel_coaching_session(uuid, text) is
  'Un participant annule une séance planifiée qui n''a pas commencé. Erreurs : 42501 pas un '
  'participant ; 22023 motif trop long ; PT409 séance non planifiée ou déjà commencée.';

create or replace function public.complete_coaching_session(session_id uuid)
returns public.coaching_sessions
language sql
security invoker
set search_path = ''
as $$
  select * from private.complete_coaching_session(complete_coaching_session.session_id)
$$;
comment on function public.complete_coaching_session(uuid) is
  'Le coach indique qu''une séance commencée a eu lieu. Erreurs : 42501 pas le coach ; PT409 séance '
  'non planifiée ou pas encore commencée.';

create or replace function public.rate_coaching_session(session_id uuid, rating integer, comment text default null)
returns public.coaching_sessions
language sql
security invoker
set search_path = ''
as $$
  select * from private.rate_coaching_session(
    rate_coaching_session.session_id, rate_coaching_session.rating, rate_coaching_session.comment)
$$;
comment on function public.rate_coaching_session(uuid, integer, text) is
  'Le membre note (1 à 5) une séance terminée, une seule fois. Erreurs : 42501 pas le membre ; '
  '22023 note hors 1–5, commentaire trop long ; PT409 séance non terminée ou déjà notée.';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select on public.coaching_sessions to authenticated;
grant select, insert, update, delete on public.coaching_sessions to service_role;
grant execute on function private.answer_coaching_request(uuid, boolean, text) to authenticated;
grant execute on function private.cancel_coaching_session(uuid, text) to authenticated;
grant execute on function private.complete_coaching_session(uuid) to authenticated;
grant execute on function private.rate_coaching_session(uuid, integer, text) to authenticated;
grant execute on function public.answer_coaching_request(uuid, boolean, text) to authenticated;
grant execute on function public.cancel_coaching_session(uuid, text) to authenticated;
grant execute on function public.complete_coaching_session(uuid) to authenticated;
grant execute on function public.rate_coaching_session(uuid, integer, text) to authenticated;
