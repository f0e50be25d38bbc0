-- Demandes de coaching : un membre demande une séance à un coach, dans un de ses domaines ;
-- le coach accepte (la séance et sa salle vidéo sont créées) ou refuse avec un commentaire.

-- ============================================================================================
-- Types
-- ============================================================================================
create type public.coaching_request_status as enum ('pending', 'accepted', 'declined');
comment on type public.coaching_request_status is
  'État d''une demande de coaching : pending (en attente), accepted (acceptée), declined (refusée).';

-- ============================================================================================
-- Tables
-- ============================================================================================
create table public.coaching_requests (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null references public.profiles (id) on delete cascade,
  coach_id uuid not null references public.coaches (id) on delete cascade,
  domain_id uuid not null references public.expertise_domains (id) on delete restrict,
  desired_at timestamptz not null,
  duration_minutes integer not null default 60,
  message text,
  status public.coaching_request_status not null default 'pending',
  responded_at timestamptz,
  coach_comment text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint coaching_requests_member_is_not_coach check (member_id <> coach_id),
  constraint coaching_requests_duration_range check (duration_minutes between 15 and 480),
  constraint coaching_requests_message_length check (char_length(message) <= 2000),
  constraint coaching_requests_coach_comment_length check (char_length(coach_comment) <= 2000),
  constraint coaching_requests_responded_when_answered check ((status = 'pending') = (responded_at is null))
);
comment on table public.coaching_requests is
  'Demandes de coaching (entité « Demandes_Coaching ») : demande d''un membre à un coach.';
comment on column public.coaching_requests.member_id is 'Membre qui demande la séance.';
comment on column public.coaching_requests.coach_id is 'Coach sollicité.';
comment on column public.coaching_requests.domain_id is 'Domaine d''expertise concerné (proposé par le coach).';
comment on column public.coaching_requests.desired_at is 'Date et heure souhaitées pour la séance.';
comment on column public.coaching_requests.duration_minutes is 'Durée souhaitée en minutes (15 à 480).';
comment on column public.coaching_requests.message is 'Message du membre au coach.';
comment on column public.coaching_requests.responded_at is 'Date de la réponse du coach.';
comment on column public.coaching_requests.coach_comment is 'Commentaire du coach avec sa réponse (motif d''un refus).';

-- ============================================================================================
-- Index
-- ============================================================================================
create index coaching_requests_member_id_created_at_idx on public.coaching_requests (member_id, created_at desc);
create index coaching_requests_coach_id_created_at_idx on public.coaching_requests (coach_id, created_at desc);
create index coaching_requests_domain_id_idx on public.coaching_requests (domain_id);

-- ============================================================================================
-- Déclencheurs
-- ============================================================================================
create trigger set_timestamps
  before insert or update on public.coaching_requests
  for each row execute function private.set_timestamps();

-- Le coach apprend qu'on le sollicite ; le membre apprend la réponse.
create or replace function private.notify_coaching_request()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  domain_name text;
  session_id uuid;
begin
  select d.name into domain_name from public.expertise_domains d where d.id = new.domain_id;
  if tg_op = 'INSERT' then
    perform private.notify(
      new.coach_id,
      'coaching_request_received',
      'Nouvelle demande de coaching',
      format('%s souhaite une séance « %s » le %s.',
             private.display_name(new.member_id), domain_name, private.format_datetime_fr(new.desired_at)),
      '/coaching-requests/' || new.id,
      new.created_at);
  elsif new.status is distinct from old.status and new.status = 'accepted' then
    select s.id into session_id from public.coaching_sessions s where s.request_id = new.id;
    perform private.notify(
      new.member_id,
      'coaching_request_accepted',
      'Demande de coaching acceptée',
      format('%s a accepté votre séance du %s.%s',
             private.display_name(new.coach_id), private.format_datetime_fr(new.desired_at),
             coalesce(' « ' || new.coach_comment || ' »', '')),
      coalesce('/coaching-sessions/' || session_id, '/coaching-requests/' || new.id),
      coalesce(new.responded_at, now()));
  elsif new.status is distinct from old.status and new.status = 'declined' then
    perform private.notify(
      new.member_id,
      'coaching_request_declined',
      'Demande de coaching refusée',
      format('%s ne peut pas assurer la séance du %s.%s',
             private.display_name(new.coach_id), private.format_datetime_fr(new.desired_at),
             coalesce(' « ' || new.coach_comment || ' »', '')),
      '/coaching-requests/' || new.id,
      coalesce(new.responded_at, now()));
  end if;
  return null;
end;
$$;
comment on function private.notify_coaching_request() is
  'Déclencheur after insert/update sur coaching_requests : notifie le coach (demande) ou le membre (réponse).';

create trigger notify_parties
  after insert or update of status on public.coaching_requests
  for each row execute function private.notify_coaching_request();

-- ============================================================================================
-- RLS et politiques
-- ============================================================================================
-- Aucune écriture directe : les demandes passent par send_coaching_request et
-- answer_coaching_request.
alter table public.coaching_requests enable row level security;

create policy "members and coaches read the requests between them"
  on public.coaching_requests for select to authenticated
  using ((select auth.uid()) in (member_id, coach_id));

-- ============================================================================================
-- RPC
-- ============================================================================================
create or replace function private.send_coaching_request(
  coach_id uuid,
  domain_id uuid,
  desired_at timestamptz,
  duration_minutes integer default 60,
  message text default null
)
returns public.coaching_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  created public.coaching_requests;
begin
  if caller is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  if send_coaching_request.coach_id = caller then
    raise exception 'Vous ne pouvez pas vous adresser une demande de coaching à vous-même.'
      using errcode = '22023';
  end if;
  if not exists (select 1 from public.coaches c where c.id = send_coaching_request.coach_id) then
    raise exception 'Ce coach est introuvable.' using errcode = '22023';
  end if;
  if not exists (
    select 1 from public.coach_domains cd
    where cd.coach_id = send_coaching_request.coach_id and cd.domain_id = send_coaching_request.domain_id
  ) then
    raise exception 'Ce coach ne propose pas ce domaine d''expertise.' using errcode = '22023';
  end if;
  if send_coaching_request.desired_at is null or send_coaching_request.desired_at <= now() then
    raise exception 'La date souhaitée doit être dans le futur.' using errcode = '22023';
  end if;
  if send_coaching_request.duration_minutes is null
    or send_coaching_request.duration_minutes not between 15 and 480 then
    raise exception 'La durée doit être comprise entre 15 et 480 minutes.' using errcode = '22023';
  end if;
  if char_length(send_coaching_request.message) > 2000 then
    raise exception 'Le message ne doit pas dépasser 2000 caractères.' using errcode = '22023';
  end if;

  insert into public.coaching_requests (member_id, coach_id, domain_id, desired_at, duration_minutes, message)
  values (caller, send_coaching_request.coach_id, send_coaching_request.domain_id,
          send_coaching_request.desired_at, send_coaching_request.duration_minutes,
          nullif(btrim(send_coaching_request.message), ''))
  returning * into created;
  return created;
end;
$$;
comment on function private.send_coaching_request(uuid, uuid, timestamptz, integer, text) is
  'Envoie une demande de coaching au nom de l''utilisateur connecté (voir public.send_coaching_request).';

create or replace function public.send_coaching_request(
  coach_id uuid,
  domain_id uuid,
  desired_at timestamptz,
  duration_minutes integer default 60,
  message text default null
)
returns public.coaching_requests
language sql
security invoker
set search_path = ''
as $$
  select * from private.send_coaching_request(
    send_coaching_request.coach_id, send_coaching_request.domain_id, send_coaching_request.desired_at,
    send_coaching_request.duration_minutes, send_coaching_request.message)
$$;
comment on function public.send_coaching_request(uuid, uuid, timestamptz, integer, text) is
  'Demande une séance à un coach dans un de ses domaines, à une date future. Erreurs : 42501 non '
  'connecté ; 22023 coach introuvable, domaine non proposé, date passée, durée hors 15–480 min.';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant select on public.coaching_requests to authenticated;
grant select, insert, update, delete on public.coaching_requests to service_role;
grant execute on function private.send_coaching_request(uuid, uuid, timestamptz, integer, text) to authenticated;
grant execute on function public.send_coaching_request(uuid, uuid, timestamptz, integer, text) to authenticated;
