-- Messages: visible to sender and recipient only; only the recipient marks them read; the
-- recipient is notified; conversations summarise the last message and unread count.
begin;
select plan(14);

select tests.create_supabase_user('alice', metadata => '{"first_name": "Alice", "last_name": "Martin"}');
select tests.create_supabase_user('bob', metadata => '{"first_name": "Bob"}');
select tests.create_supabase_user('eve', metadata => '{"first_name": "Eve"}');

-- An earlier message, an hour ago.
select tests.authenticate_as_service_role();
insert into public.messages (id, sender_id, recipient_id, body, sent_at)
values ('70000000-0000-4000-8000-00000000d001', tests.get_supabase_uid('alice'), tests.get_supabase_uid('bob'),
        'Bonjour Bob', now() - interval '1 hour');

select tests.authenticate_as('alice');
select lives_ok(
  $$ insert into public.messages (id, sender_id, recipient_id, body, sent_at)
     values ('70000000-0000-4000-8000-00000000d002', tests.get_supabase_uid('alice'), tests.get_supabase_uid('bob'), 'Tu es là ?', '2020-01-01') $$,
  'users send messages in their own name');
select ok((select sent_at > now() - interval '1 minute' from public.messages where id = '70000000-0000-4000-8000-00000000d002'),
  'the sending date is set by the database');
select throws_ok(
  $$ insert into public.messages (sender_id, recipient_id, body) values (tests.get_supabase_uid('bob'), tests.get_supabase_uid('alice'), 'Faux') $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'users cannot send a message in someone else''s name');
select throws_ok(
  $$ insert into public.messages (sender_id, recipient_id, body) values (tests.get_supabase_uid('alice'), tests.get_supabase_uid('bob'), '   ') $$,
  '23514', null, 'an empty message is refused');
update public.messages set read_at = now() where id = '70000000-0000-4000-8000-00000000d001';
select is((select read_at from public.messages where id = '70000000-0000-4000-8000-00000000d001'), null,
  'the sender cannot mark their own message read');

select tests.authenticate_as('eve');
select is((select count(*)::integer from public.messages), 0, 'a third user sees none of the messages');

select tests.authenticate_as('bob');
select results_eq(
  $$ select counterpart_id, last_message_body, unread_count from public.conversations where profile_id = tests.get_supabase_uid('bob') $$,
  $$ values (tests.get_supabase_uid('alice'), 'Tu es là ?', 2) $$,
  'the conversation shows the last message and the unread count');
select throws_ok(
  $$ update public.messages set body = 'Réécrit' where id = '70000000-0000-4000-8000-00000000d001' $$,
  '42501', 'Modification refusée : le champ « body » ne peut pas être changé.',
  'the recipient cannot rewrite a message');
select is(public.mark_conversation_read(tests.get_supabase_uid('alice')), 2,
  'the recipient marks the conversation read');
select is((select unread_count from public.conversations where profile_id = tests.get_supabase_uid('bob')), 0,
  'nothing is left unread');
select throws_ok(
  $$ delete from public.messages where id = '70000000-0000-4000-8000-00000000d001' $$,
  '42501', 'permission denied for table messages',
  'messages are not deleted by users');

select tests.authenticate_as_service_role();
select results_eq(
  $$ select title, link from public.notifications where user_id = tests.get_supabase_uid('bob') order by created_at limit 1 $$,
  $$ values ('Nouveau message de Alice Martin', '/messages/' || tests.get_supabase_uid('alice')) $$,
  'the recipient is notified of each message');
select is(
  (select count(*)::integer from realtime.messages
   where topic = 'user:' || tests.get_supabase_uid('bob') and event = 'message_created'),
  2, 'each message is broadcast on the recipient''s inbox topic');
select is(
  (select count(*)::integer from realtime.messages
   where topic = 'user:' || tests.get_supabase_uid('alice') and event = 'message_read' and private),
  2, 'reading is broadcast privately on the sender''s inbox topic');

select * from finish();
rollback;
