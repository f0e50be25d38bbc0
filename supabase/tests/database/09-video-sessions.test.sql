-- Video sessions and participants: visible to the two parties only, written by the server
-- (service role) from LiveKit webhooks; only the parties can be participants.
begin;
select plan(10);

select tests.create_supabase_user('member', metadata => '{"first_name": "Camille"}');
select tests.create_supabase_user('coach', metadata => '{"first_name": "Sophie", "role": "coach"}');
select tests.create_supabase_user('outsider', metadata => '{"first_name": "Eve"}');

select tests.authenticate_as_service_role();
insert into public.expertise_domains (id, slug, name) values ('30000000-0000-4000-8000-00000000c901', 'test-video', 'Vidéo (test)');
insert into public.coaching_requests (id, member_id, coach_id, domain_id, desired_at, status, responded_at)
values ('40000000-0000-4000-8000-00000000c901', tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'),
        '30000000-0000-4000-8000-00000000c901', now() + interval '1 day', 'accepted', now());
insert into public.coaching_sessions (id, request_id, member_id, coach_id, starts_at, ends_at)
values ('60000000-0000-4000-8000-00000000c901', '40000000-0000-4000-8000-00000000c901',
        tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'), now() + interval '1 day', now() + interval '1 day 1 hour');

select lives_ok(
  $$ insert into public.video_participants (video_session_id, profile_id, status)
     select id, tests.get_supabase_uid('member'), 'connected' from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000c901' $$,
  'the server records a party joining the room');
select results_eq(
  $$ select p.joined_at is not null, v.status::text, v.started_at is not null
     from public.video_participants p join public.video_sessions v on v.id = p.video_session_id
     where v.coaching_session_id = '60000000-0000-4000-8000-00000000c901' $$,
  $$ values (true, 'live', true) $$,
  'joining stamps the participant and opens the video session');
select throws_ok(
  $$ insert into public.video_participants (video_session_id, profile_id)
     select id, tests.get_supabase_uid('outsider') from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000c901' $$,
  '42501', 'Seuls le coach et le membre de la séance peuvent participer à cette séance vidéo.',
  'only the coach and the member can be participants');
select throws_ok(
  $$ insert into public.video_participants (video_session_id, profile_id)
     select id, tests.get_supabase_uid('member') from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000c901' $$,
  '23505', null, 'a profile is a participant of a video session once');
update public.video_participants set status = 'disconnected'
where profile_id = tests.get_supabase_uid('member');
select ok((select left_at is not null from public.video_participants where profile_id = tests.get_supabase_uid('member')),
  'leaving stamps the departure');

select tests.authenticate_as('coach');
select is((select count(*)::integer from public.video_participants), 1, 'the coach sees the participants');
select throws_ok(
  $$ update public.video_sessions set status = 'ended' $$,
  '42501', 'permission denied for table video_sessions',
  'parties cannot change the video session themselves');
select throws_ok(
  $$ insert into public.video_participants (video_session_id, profile_id)
     select id, tests.get_supabase_uid('coach') from public.video_sessions $$,
  '42501', 'permission denied for table video_participants',
  'parties cannot write participants themselves');

select tests.authenticate_as('outsider');
select is((select count(*)::integer from public.video_sessions), 0, 'an outsider sees no video session');
select is((select count(*)::integer from public.video_participants), 0, 'nor any participant');

select * from finish();
rollback;
