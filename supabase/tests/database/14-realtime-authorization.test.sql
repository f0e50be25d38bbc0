-- Realtime authorization: RLS on realtime.messages decides who joins which private topic,
-- checked the way Realtime does (realtime.topic set, role and claims of the subscriber).
begin;
select plan(13);

select tests.create_supabase_user('member', metadata => '{"first_name": "Camille"}');
select tests.create_supabase_user('coach', metadata => '{"first_name": "Sophie", "role": "coach"}');
select tests.create_supabase_user('outsider', metadata => '{"first_name": "Eve"}');

select tests.authenticate_as_service_role();
insert into public.expertise_domains (id, slug, name) values ('30000000-0000-4000-8000-00000000e401', 'test-rt', 'Temps réel (test)');
insert into public.coaching_requests (id, member_id, coach_id, domain_id, desired_at, status, responded_at)
values ('40000000-0000-4000-8000-00000000e401', tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'),
        '30000000-0000-4000-8000-00000000e401', now() + interval '1 day', 'accepted', now());
insert into public.coaching_sessions (id, request_id, member_id, coach_id, starts_at, ends_at)
values ('60000000-0000-4000-8000-00000000e401', '40000000-0000-4000-8000-00000000e401',
        tests.get_supabase_uid('member'), tests.get_supabase_uid('coach'), now() + interval '1 day', now() + interval '1 day 1 hour');
select set_config('test.video_topic', 'video:' || id, true) from public.video_sessions
where coaching_session_id = '60000000-0000-4000-8000-00000000e401';
reset role;

-- can_read(topic, extension): what Realtime's read check answers for the current user.
create function pg_temp.can_read(topic text, extension text) returns boolean
language plpgsql as $$
declare
  probe uuid := gen_random_uuid();
  claims text := current_setting('request.jwt.claims', true);
  seen boolean;
begin
  reset role;
  insert into realtime.messages (id, topic, extension, private) values (probe, topic, extension, true);
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', claims, true);
  perform set_config('realtime.topic', topic, true);
  select exists (select 1 from realtime.messages m where m.id = probe) into seen;
  return seen;
end;
$$;

-- can_write(topic, extension): what Realtime's write check answers (insert under RLS).
create function pg_temp.can_write(topic text, extension text) returns boolean
language plpgsql as $$
begin
  perform set_config('realtime.topic', topic, true);
  insert into realtime.messages (topic, extension, private) values (topic, extension, true);
  return true;
exception when insufficient_privilege then
  return false;
end;
$$;

-- The migrations revoke PUBLIC's default execute right, temporary functions included.
grant execute on function pg_temp.can_read(text, text), pg_temp.can_write(text, text) to authenticated;

select tests.authenticate_as('member');
select ok(pg_temp.can_read('user:' || tests.get_supabase_uid('member'), 'broadcast'),
  'users receive the broadcasts of their own inbox');
select ok(not pg_temp.can_write('user:' || tests.get_supabase_uid('member'), 'broadcast'),
  'users cannot broadcast into an inbox (only the database does)');
select ok(pg_temp.can_read(current_setting('test.video_topic'), 'broadcast'),
  'the member joins the channel of their video session');
select ok(pg_temp.can_write(current_setting('test.video_topic'), 'presence'),
  'the member shares presence in their video session');
select ok(pg_temp.can_write('online', 'presence'), 'signed-in users share their online presence');
select ok(pg_temp.can_read('online', 'presence'), 'signed-in users see who is online');
select ok(
  pg_temp.can_write(
    'conversation:' || least(tests.get_supabase_uid('member')::text, tests.get_supabase_uid('coach')::text)
    || ':' || greatest(tests.get_supabase_uid('member')::text, tests.get_supabase_uid('coach')::text), 'broadcast'),
  'the two users of a conversation send typing signals on its sorted-pair topic');

select tests.authenticate_as('outsider');
select ok(not pg_temp.can_read('user:' || tests.get_supabase_uid('member'), 'broadcast'),
  'nobody else receives someone''s inbox');
select ok(not pg_temp.can_read(current_setting('test.video_topic'), 'broadcast'),
  'an outsider cannot join a video session channel');
select ok(not pg_temp.can_read('video:pas-un-uuid', 'broadcast'), 'a malformed video topic is refused');
select ok(
  not pg_temp.can_read(
    'conversation:' || least(tests.get_supabase_uid('member')::text, tests.get_supabase_uid('coach')::text)
    || ':' || greatest(tests.get_supabase_uid('member')::text, tests.get_supabase_uid('coach')::text), 'broadcast'),
  'a third user cannot listen to a conversation''s typing signals');
select ok(
  not pg_temp.can_read('conversation:' || greatest(tests.get_supabase_uid('outsider')::text, tests.get_supabase_uid('coach')::text)
    || ':' || least(tests.get_supabase_uid('outsider')::text, tests.get_supabase_uid('coach')::text), 'broadcast'),
  'a conversation topic must list the pair in sorted order');

select tests.clear_authentication();
select throws_ok(
  $$ insert into realtime.messages (topic, extension) values ('online', 'presence') $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'anonymous visitors cannot join the online presence');

select * from finish();
rollback;
