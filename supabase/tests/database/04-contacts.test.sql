-- Contacts: a private address book, seen and written by its owner only.
begin;
select plan(8);

select tests.create_supabase_user('owner');
select tests.create_supabase_user('other');

select tests.authenticate_as('owner');
select lives_ok(
  $$ insert into public.contacts (id, owner_id, first_name, last_name, email, phone)
     values ('50000000-0000-4000-8000-00000000c001', tests.get_supabase_uid('owner'), 'Bernard', 'Lemaire',
             'b.lemaire@banque.example.fr', '04 72 00 11 22') $$,
  'users add contacts to their own address book');
select throws_ok(
  $$ insert into public.contacts (owner_id, last_name) values (tests.get_supabase_uid('other'), 'Glissé') $$,
  '42501', 'new row violates row-level security policy for table "contacts"',
  'users cannot add a contact to someone else''s address book');
select throws_ok(
  $$ insert into public.contacts (owner_id, last_name, email) values (tests.get_supabase_uid('owner'), 'Durand', 'durand@') $$,
  '23514', null, 'a contact e-mail must be an e-mail address');
select throws_ok(
  $$ update public.contacts set owner_id = tests.get_supabase_uid('other') where id = '50000000-0000-4000-8000-00000000c001' $$,
  '42501', 'Modification refusée : le champ « owner_id » ne peut pas être changé.',
  'users cannot give a contact away');

select tests.authenticate_as('other');
select is((select count(*)::integer from public.contacts), 0, 'another user sees none of them');
update public.contacts set notes = 'lu' where id = '50000000-0000-4000-8000-00000000c001';
delete from public.contacts where id = '50000000-0000-4000-8000-00000000c001';

select tests.authenticate_as('owner');
select results_eq(
  $$ select count(*)::integer, max(notes) from public.contacts $$,
  $$ values (1, null::text) $$,
  'another user can neither change nor delete them');
select lives_ok(
  $$ delete from public.contacts where id = '50000000-0000-4000-8000-00000000c001' $$,
  'users delete their own contacts');
select is((select count(*)::integer from public.contacts), 0, 'the contact is gone');

select * from finish();
rollback;
