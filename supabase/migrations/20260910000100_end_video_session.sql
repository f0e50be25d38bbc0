-- « Terminer pour tous » : le coach clôt la séance vidéo. La base décide qui en a le droit (le
-- coach de la séance, avec son propre jeton) ; le serveur supprime ensuite la salle LiveKit.
-- Rappeler la fonction sur une séance déjà terminée ne change rien : le serveur peut réessayer
-- la suppression de la salle si LiveKit n'a pas répondu.

-- ============================================================================================
-- RPC
-- ============================================================================================
create or replace function private.end_video_session(video_session_id uuid)
returns public.video_sessions
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  target public.video_sessions;
  coach uuid;
  member uuid;
begin
  if caller is null then
    raise exception 'Connexion requise.' using errcode = '42501';
  end if;
  select s.coach_id, s.member_id into coach, member
  from public.video_sessions v
  join public.coaching_sessions s on s.id = v.coaching_session_id
  where v.id = end_video_session.video_session_id
  for update of v;
  if not found or caller not in (coach, member) then
    raise exception 'Cette séance vidéo est introuvable ou ne vous concerne pas.' using errcode = '42501';
  end if;
  if caller <> coach then
    raise exception 'Seul le coach peut terminer la séance vidéo pour tous.' using errcode = '42501';
  end if;
  select * into target from public.video_sessions v where v.id = end_video_session.video_session_id;
  if target.status = 'ended' then
    return target;
  end if;

  update public.video_participants p
  set status = 'disconnected', left_at = greatest(now(), p.joined_at)
  where p.video_session_id = target.id and p.status <> 'disconnected';
  update public.video_sessions v
  set status = 'ended', ended_at = greatest(now(), v.started_at)
  where v.id = target.id
  returning * into target;
  return target;
end;
$$;
comment on function private.end_video_session(uuid) is
  'Le coach clôt la séance vidéo pour tous (voir public.end_video_session).';

create or replace function public.end_video_session(video_session_id uuid)
returns public.video_sessions
language sql
security invoker
set search_path = ''
as $$
  select * from private.end_video_session(end_video_session.video_session_id)
$$;
comment on function public.end_video_session(uuid) is
  'Le coach termine la séance vidéo pour tous : séance ended (fin réelle), participants '
  'disconnected ; sans effet si elle est déjà terminée. Erreurs : 42501 pas un participant, pas '
  'le coach.';

-- ============================================================================================
-- Droits
-- ============================================================================================
grant execute on function private.end_video_session(uuid) to authenticated;
grant execute on function public.end_video_session(uuid) to authenticated;
