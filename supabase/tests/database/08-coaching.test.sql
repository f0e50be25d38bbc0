-- Coaching workflow through its RPCs: request, answer (accept creates the session and its video
-- session; a taken slot is refused), cancel, complete, rate; refusals by exact message;
-- notifications created by the triggers.
begin;
select plan(39);

select tests.create_supabase_user('member', metadata => '{"first_name": "Camille", "last_name": "Martin"}');
select tests.create_supabase_user('other', metadata => '{"first_name": "Inès", "last_name": "Bernard"}');
select tests.create_supabase_user('coach', metadata => '{"first_name": "Sophie", "last_name": "Lefèvre", "role": "coach"}');
select tests.create_supabase_user('other-coach', metadata => '{"first_name": "Marc", "role": "coach"}');

select tests.authenticate_as_service_role();
insert into public.expertise_domains (id, slug, name) values
  ('30000000-0000-4000-8000-00000000a001', 'test-strategie', 'Stratégie (test)'),
  ('30000000-0000-4000-8000-00000000a002', 'test-juridique', 'Juridique (test)');
insert into public.coach_domains (coach_id, domain_id) values
  (tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001');

-- ============================================================================================
-- Sending a request (member)
-- ============================================================================================
select tests.clear_authentication();
select throws_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001', now() + interval '2 days') $$,
  '42501', 'permission denied for function send_coaching_request',
  'anonymous visitors cannot send coaching requests');

select tests.authenticate_as('member');
select throws_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a002', now() + interval '2 days') $$,
  '22023', 'Ce coach ne propose pas ce domaine d''expertise.',
  'a request must be in one of the coach''s domains');
select throws_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('member'), '30000000-0000-4000-8000-00000000a001', now() + interval '2 days') $$,
  '22023', 'Vous ne pouvez pas vous adresser une demande de coaching à vous-même.',
  'members cannot ask themselves');
select throws_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('other'), '30000000-0000-4000-8000-00000000a001', now() + interval '2 days') $$,
  '22023', 'Ce coach est introuvable.',
  'a request goes to a coach');
select throws_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001', now() - interval '1 hour') $$,
  '22023', 'La date souhaitée doit être dans le futur.',
  'a request is for a future date');
select throws_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001', now() + interval '2 days', 5) $$,
  '22023', 'La durée doit être comprise entre 15 et 480 minutes.',
  'a request lasts between 15 and 480 minutes');

select lives_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001',
       date_trunc('hour', now()) + interval '2 days 10 hours', 60, 'Relire mon business plan') $$,
  'members send a coaching request to a coach in one of their domains');
select lives_ok(
  $$ select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001',
       date_trunc('hour', now()) + interval '3 days 10 hours', 60, 'À refuser') $$,
  'members may send several requests');
select throws_ok(
  $$ insert into public.coaching_requests (member_id, coach_id, domain_id, desired_at)
     values (tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001', now() + interval '1 day') $$,
  '42501', 'permission denied for table coaching_requests',
  'requests cannot be written directly, only through the RPC');

select tests.authenticate_as_service_role();
select is(
  (select count(*)::integer from public.notifications
   where user_id = tests.get_supabase_uid('coach') and kind = 'coaching_request_received'),
  2, 'the coach is notified of each new request');
select ok(
  (select body like 'Camille Martin souhaite une séance « Stratégie (test) » le %' from public.notifications
   where user_id = tests.get_supabase_uid('coach') and kind = 'coaching_request_received' limit 1),
  'the notification names the member and the domain');

-- ============================================================================================
-- Answering (coach)
-- ============================================================================================
select tests.authenticate_as('other-coach');
select throws_ok(
  $$ select public.answer_coaching_request((select id from public.coaching_requests limit 1), true) $$,
  '42501', 'Cette demande de coaching est introuvable ou ne vous est pas adressée.',
  'another coach cannot see the request (so cannot answer it)');

select tests.authenticate_as('member');
select throws_ok(
  format($$ select public.answer_coaching_request(%L, true) $$,
    (select id from public.coaching_requests where message = 'Relire mon business plan')),
  '42501', 'Cette demande de coaching est introuvable ou ne vous est pas adressée.',
  'the member cannot answer their own request');

select tests.authenticate_as('coach');
select throws_ok(
  format($$ select public.answer_coaching_request(%L, null) $$,
    (select id from public.coaching_requests where message = 'Relire mon business plan')),
  '22023', 'Indiquez si vous acceptez ou refusez la demande.',
  'an answer is accept or decline');
select lives_ok(
  format($$ select public.answer_coaching_request(%L, true, 'Avec plaisir') $$,
    (select id from public.coaching_requests where message = 'Relire mon business plan')),
  'coaches accept requests addressed to them');
select results_eq(
  $$ select r.status::text, s.status::text, v.status::text, v.room_name = 'coaching-' || s.id,
            s.ends_at - s.starts_at
     from public.coaching_requests r
     join public.coaching_sessions s on s.request_id = r.id
     join public.video_sessions v on v.coaching_session_id = s.id
     where r.message = 'Relire mon business plan' $$,
  $$ values ('accepted', 'planned', 'scheduled', true, interval '1 hour') $$,
  'accepting creates the planned session and its scheduled video session');
select throws_ok(
  format($$ select public.answer_coaching_request(%L, false) $$,
    (select id from public.coaching_requests where message = 'Relire mon business plan')),
  'PT409', 'Cette demande a déjà reçu une réponse.',
  'a request is answered once');
select lives_ok(
  format($$ select public.answer_coaching_request(%L, false, 'Je suis en congés') $$,
    (select id from public.coaching_requests where message = 'À refuser')),
  'coaches decline requests with a comment');
select results_eq(
  $$ select status::text, coach_comment, responded_at is not null from public.coaching_requests where message = 'À refuser' $$,
  $$ values ('declined', 'Je suis en congés', true) $$,
  'declining records the comment and the answer date');

select tests.authenticate_as_service_role();
select results_eq(
  $$ select kind::text, link like '/coaching-sessions/%' from public.notifications
     where user_id = tests.get_supabase_uid('member') order by kind $$,
  $$ values ('coaching_request_accepted', true), ('coaching_request_declined', false) $$,
  'the member is notified of both answers, the acceptance linking to the session');

-- A slot already taken is refused: another member asks for an overlapping time.
select tests.authenticate_as('other');
select public.send_coaching_request(tests.get_supabase_uid('coach'), '30000000-0000-4000-8000-00000000a001',
  date_trunc('hour', now()) + interval '2 days 10 hours 30 minutes', 60, 'Chevauchement');
select tests.authenticate_as('coach');
select throws_ok(
  format($$ select public.answer_coaching_request(%L, true) $$,
    (select id from public.coaching_requests where message = 'Chevauchement')),
  '23P01', 'Ce créneau n''est pas disponible : vous avez déjà une séance à ce moment-là.',
  'a coach cannot be double-booked');
select is((select status::text from public.coaching_requests where message = 'Chevauchement'), 'pending',
  'the refused acceptance leaves the request pending and nothing half-written');

-- ============================================================================================
-- Reading
-- ============================================================================================
select tests.authenticate_as('other-coach');
select is((select count(*)::integer from public.coaching_sessions), 0, 'other coaches see no session of others');
select is((select count(*)::integer from public.video_sessions), 0, 'nor their video sessions');
select tests.authenticate_as('other');
select is((select count(*)::integer from public.coaching_requests), 1, 'a member sees only their own requests');

-- ============================================================================================
-- Cancel, complete, rate
-- ============================================================================================
select tests.authenticate_as('member');
select throws_ok(
  $$ select public.rate_coaching_session((select id from public.coaching_sessions limit 1), 5) $$,
  'PT409', 'La séance doit être terminée pour être notée.',
  'a planned session cannot be rated');
select throws_ok(
  $$ select public.complete_coaching_session((select id from public.coaching_sessions limit 1)) $$,
  '42501', 'Seul le coach peut indiquer que la séance a eu lieu.',
  'only the coach completes a session');

select tests.authenticate_as('coach');
select throws_ok(
  $$ select public.complete_coaching_session((select id from public.coaching_sessions limit 1)) $$,
  'PT409', 'La séance n''a pas encore commencé.',
  'a session is completed once it has started');

select tests.authenticate_as('other-coach');
select throws_ok(
  $$ select public.cancel_coaching_session((select id from public.coaching_sessions where coach_id = tests.get_supabase_uid('coach') limit 1)) $$,
  '42501', 'Cette séance est introuvable ou ne vous concerne pas.',
  'only the two parties cancel a session');

select tests.authenticate_as('member');
select lives_ok(
  $$ select public.cancel_coaching_session((select id from public.coaching_sessions limit 1), 'Empêchement') $$,
  'a party cancels a planned session');
select results_eq(
  $$ select s.status::text, s.cancelled_by = tests.get_supabase_uid('member'), s.cancellation_reason, v.status::text
     from public.coaching_sessions s join public.video_sessions v on v.coaching_session_id = s.id $$,
  $$ values ('cancelled', true, 'Empêchement', 'ended') $$,
  'cancelling records who and why, and closes the video session');
select throws_ok(
  $$ select public.cancel_coaching_session((select id from public.coaching_sessions limit 1)) $$,
  'PT409', 'Seule une séance planifiée peut être annulée.',
  'a session is cancelled once');

select tests.authenticate_as_service_role();
select is(
  (select count(*)::integer from public.notifications
   where user_id = tests.get_supabase_uid('coach') and kind = 'coaching_session_cancelled'),
  1, 'the other party is notified of the cancellation');

-- A past session (written by the platform) goes through complete and rate.
insert into public.coaching_requests (id, member_id, coach_id, domain_id, desired_at, status, responded_at)
values ('40000000-0000-4000-8000-00000000b001', tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'),
        '30000000-0000-4000-8000-00000000a001', now() - interval '2 hours', 'accepted', now() - interval '1 day');
insert into public.coaching_sessions (id, request_id, member_id, coach_id, starts_at, ends_at)
values ('60000000-0000-4000-8000-00000000b001', '40000000-0000-4000-8000-00000000b001',
        tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'), now() - interval '2 hours', now() - interval '1 hour');

select tests.authenticate_as('coach');
select lives_ok(
  $$ select public.complete_coaching_session('60000000-0000-4000-8000-00000000b001') $$,
  'the coach completes a session that has started');
select throws_ok(
  $$ select public.rate_coaching_session('60000000-0000-4000-8000-00000000b001', 5) $$,
  '42501', 'Seul le membre qui a suivi la séance peut la noter.',
  'the coach cannot rate their own session');

select tests.authenticate_as('member');
select throws_ok(
  $$ select public.rate_coaching_session('60000000-0000-4000-8000-00000000b001', 6) $$,
  '22023', 'La note doit être un nombre entier entre 1 et 5.',
  'a rating is between 1 and 5');
select lives_ok(
  $$ select public.rate_coaching_session('60000000-0000-4000-8000-00000000b001', 4, 'Très utile') $$,
  'the member rates a completed session');
select throws_ok(
  $$ select public.rate_coaching_session('60000000-0000-4000-8000-00000000b001', 5) $$,
  'PT409', 'Vous avez déjà noté cette séance.',
  'a session is rated once');
select results_eq(
  $$ select rating_average, rating_count from public.coach_directory where id = tests.get_supabase_uid('coach') $$,
  $$ values (4.00::numeric(3, 2), 1) $$,
  'the coach''s average rating follows the ratings');

select * from finish();
rollback;
