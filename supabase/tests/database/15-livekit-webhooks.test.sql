-- LiveKit webhooks and "end for everyone": each event applies once (a replay changes nothing,
-- an event older than the recorded state is ignored), only the service role applies events,
-- only the session's coach ends the video session for everyone.
begin;
select plan(30);

select tests.create_supabase_user('member', metadata => '{"first_name": "Camille", "last_name": "Martin"}');
select tests.create_supabase_user('coach', metadata => '{"first_name": "Sophie", "last_name": "Lefèvre", "role": "coach"}');
select tests.create_supabase_user('outsider', metadata => '{"first_name": "Eve"}');

select tests.authenticate_as_service_role();
insert into public.expertise_domains (id, slug, name) values ('30000000-0000-4000-8000-00000000d501', 'test-livekit', 'LiveKit (test)');
insert into public.coaching_requests (id, member_id, coach_id, domain_id, desired_at, status, responded_at)
values ('40000000-0000-4000-8000-00000000d501', tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'),
        '30000000-0000-4000-8000-00000000d501', now() + interval '1 day', 'accepted', now());
insert into public.coaching_sessions (id, request_id, member_id, coach_id, starts_at, ends_at)
values ('60000000-0000-4000-8000-00000000d501', '40000000-0000-4000-8000-00000000d501',
        tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'), now() + interval '1 day', now() + interval '1 day 1 hour');

-- ============================================================================================
-- Who may apply events
-- ============================================================================================
select tests.rls_enabled('private', 'livekit_webhook_events');

select tests.authenticate_as('member');
select throws_ok(
  $$ select * from public.apply_livekit_event('EV_forged', 'room_finished', 'coaching-60000000-0000-4000-8000-00000000d501') $$,
  '42501', 'permission denied for function apply_livekit_event',
  'signed-in users cannot apply LiveKit events themselves');
select tests.clear_authentication();
select throws_ok(
  $$ select * from public.apply_livekit_event('EV_forged', 'room_finished', 'coaching-60000000-0000-4000-8000-00000000d501') $$,
  '42501', 'permission denied for function apply_livekit_event',
  'anonymous visitors cannot apply LiveKit events');

-- ============================================================================================
-- The service role applies verified events
-- ============================================================================================
select tests.authenticate_as_service_role();
select throws_ok(
  $$ select * from public.apply_livekit_event('', 'room_started', 'coaching-60000000-0000-4000-8000-00000000d501') $$,
  '22023', 'L''identifiant de l''événement LiveKit est obligatoire.',
  'an event needs its LiveKit id');

select results_eq(
  $$ select outcome, video_session_status::text from public.apply_livekit_event(
       'EV_room_started_1', 'room_started', 'coaching-60000000-0000-4000-8000-00000000d501', null,
       now() - interval '30 minutes') $$,
  $$ values ('applied', 'live') $$,
  'room_started makes the video session live');
select is(
  (select started_at from public.video_sessions where coaching_session_id = '60000000-0000-4000-8000-00000000d501'),
  now() - interval '30 minutes',
  'the real start is the time LiveKit gives the event');

select results_eq(
  format($$ select outcome from public.apply_livekit_event(
       'EV_joined_1', 'participant_joined', 'coaching-60000000-0000-4000-8000-00000000d501', %L,
       now() - interval '29 minutes') $$, tests.get_supabase_uid('member')),
  $$ values ('applied') $$,
  'participant_joined is applied');
select results_eq(
  $$ select status::text, joined_at, left_at from public.video_participants
     where profile_id = tests.get_supabase_uid('member') $$,
  $$ values ('connected', now() - interval '29 minutes', null::timestamptz) $$,
  'the member is connected since the event''s time');

select results_eq(
  format($$ select outcome from public.apply_livekit_event(
       'EV_joined_1', 'participant_joined', 'coaching-60000000-0000-4000-8000-00000000d501', %L,
       now() - interval '1 minute') $$, tests.get_supabase_uid('member')),
  $$ values ('duplicate') $$,
  'a replayed event is recognised by its id');
select is(
  (select joined_at from public.video_participants where profile_id = tests.get_supabase_uid('member')),
  now() - interval '29 minutes',
  'a replayed event changes nothing');
-- The journal is read back as the migration owner: no API role may read it.
reset role;
select is(
  (select count(*)::integer from private.livekit_webhook_events where id = 'EV_joined_1'),
  1,
  'an event is recorded once');
select tests.authenticate_as_service_role();

select results_eq(
  format($$ select outcome from public.apply_livekit_event(
       'EV_left_1', 'participant_left', 'coaching-60000000-0000-4000-8000-00000000d501', %L,
       now() - interval '20 minutes') $$, tests.get_supabase_uid('member')),
  $$ values ('applied') $$,
  'participant_left is applied');
select results_eq(
  $$ select status::text, left_at from public.video_participants
     where profile_id = tests.get_supabase_uid('member') $$,
  $$ values ('disconnected', now() - interval '20 minutes') $$,
  'the member is disconnected since the event''s time');

select results_eq(
  format($$ select outcome from public.apply_livekit_event(
       'EV_joined_late', 'participant_joined', 'coaching-60000000-0000-4000-8000-00000000d501', %L,
       now() - interval '25 minutes') $$, tests.get_supabase_uid('member')),
  $$ values ('ignored') $$,
  'a join older than the recorded departure (out of order) is ignored');
select is(
  (select status::text from public.video_participants where profile_id = tests.get_supabase_uid('member')),
  'disconnected',
  'an out-of-order join does not bring the member back');

select results_eq(
  format($$ select outcome from public.apply_livekit_event(
       'EV_joined_2', 'participant_joined', 'coaching-60000000-0000-4000-8000-00000000d501', %L,
       now() - interval '15 minutes') $$, tests.get_supabase_uid('member')),
  $$ values ('applied') $$,
  'a later join reconnects the member');

select results_eq(
  format($$ select outcome from public.apply_livekit_event(
       'EV_outsider', 'participant_joined', 'coaching-60000000-0000-4000-8000-00000000d501', %L,
       now() - interval '14 minutes') $$, tests.get_supabase_uid('outsider')),
  $$ values ('ignored') $$,
  'someone who is not a party of the session is not recorded');
select is(
  (select count(*)::integer from public.video_participants where profile_id = tests.get_supabase_uid('outsider')),
  0,
  'no participant row exists for a non-party');

select results_eq(
  $$ select outcome, video_session_id from public.apply_livekit_event(
       'EV_elsewhere', 'room_started', 'another-application-room', null, now()) $$,
  $$ values ('ignored', null::uuid) $$,
  'an event of a room the platform does not know is ignored');
select results_eq(
  $$ select outcome from public.apply_livekit_event(
       'EV_track', 'track_published', 'coaching-60000000-0000-4000-8000-00000000d501', null, now()) $$,
  $$ values ('ignored') $$,
  'events the platform does not follow are acknowledged and ignored');

select results_eq(
  $$ select outcome, video_session_status::text from public.apply_livekit_event(
       'EV_finished', 'room_finished', 'coaching-60000000-0000-4000-8000-00000000d501', null,
       now() - interval '5 minutes') $$,
  $$ values ('applied', 'ended') $$,
  'room_finished ends the video session');
select results_eq(
  $$ select v.ended_at, p.status::text, p.left_at
     from public.video_sessions v join public.video_participants p on p.video_session_id = v.id
     where v.coaching_session_id = '60000000-0000-4000-8000-00000000d501' $$,
  $$ values (now() - interval '5 minutes', 'disconnected', now() - interval '5 minutes') $$,
  'the real end is the event''s time and everyone still in the room is disconnected');
select results_eq(
  $$ select outcome, video_session_status::text from public.apply_livekit_event(
       'EV_room_started_2', 'room_started', 'coaching-60000000-0000-4000-8000-00000000d501', null, now()) $$,
  $$ values ('ignored', 'ended') $$,
  'a room started again after the end does not reopen the video session');

-- ============================================================================================
-- End for everyone
-- ============================================================================================
update public.video_sessions set status = 'live', ended_at = null
where coaching_session_id = '60000000-0000-4000-8000-00000000d501';
update public.video_participants set status = 'connected'
where profile_id = tests.get_supabase_uid('member');

select tests.authenticate_as('member');
select throws_ok(
  $$ select public.end_video_session(id) from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000d501' $$,
  '42501', 'Seul le coach peut terminer la séance vidéo pour tous.',
  'the member cannot end the video session for everyone');

select tests.authenticate_as('outsider');
select throws_ok(
  $$ select public.end_video_session('70000000-0000-4000-8000-00000000d501') $$,
  '42501', 'Cette séance vidéo est introuvable ou ne vous concerne pas.',
  'an unknown video session cannot be ended');

select tests.authenticate_as_service_role();
select throws_ok(
  $$ select public.end_video_session(id) from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000d501' $$,
  '42501', 'permission denied for function end_video_session',
  'ending is the coach''s decision, not the service role''s');

select tests.authenticate_as('coach');
select results_eq(
  $$ select (public.end_video_session(id)).status::text from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000d501' $$,
  $$ values ('ended') $$,
  'the coach ends the video session for everyone');
select results_eq(
  $$ select v.ended_at, p.status::text, p.left_at
     from public.video_sessions v join public.video_participants p on p.video_session_id = v.id
     where v.coaching_session_id = '60000000-0000-4000-8000-00000000d501' $$,
  $$ values (now(), 'disconnected', now()) $$,
  'ending stamps the real end and disconnects the participants');
select lives_ok(
  $$ select public.end_video_session(id) from public.video_sessions
     where coaching_session_id = '60000000-0000-4000-8000-00000000d501' $$,
  'ending an ended video session again is allowed, so the room deletion can be retried');
select is(
  (select status::text from public.video_sessions where coaching_session_id = '60000000-0000-4000-8000-00000000d501'),
  'ended',
  'ending again leaves the video session ended');

select * from finish();
rollback;
