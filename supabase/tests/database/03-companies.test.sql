-- Companies and what hangs off them (founders, innovations, events): readable by signed-in
-- users, written by the company's owner only.
begin;
select plan(18);

select tests.create_supabase_user('owner', metadata => '{"first_name": "Julien", "role": "company"}');
select tests.create_supabase_user('rival', metadata => '{"first_name": "Nadia", "role": "company"}');
select tests.create_supabase_user('member', metadata => '{"first_name": "Camille"}');

-- ============================================================================================
-- Company owner
-- ============================================================================================
select tests.authenticate_as('owner');

select lives_ok(
  $$ insert into public.companies (id, owner_id, name, website, email)
     values ('20000000-0000-4000-8000-00000000aa01', tests.get_supabase_uid('owner'), 'Atelier Test',
             'https://atelier.example.fr', 'contact@atelier.example.fr') $$,
  'company accounts create companies they own');

select throws_ok(
  $$ insert into public.companies (owner_id, name) values (tests.get_supabase_uid('rival'), 'Usurpée') $$,
  '42501', 'new row violates row-level security policy for table "companies"',
  'company accounts cannot create a company for someone else');

select throws_ok(
  $$ insert into public.companies (owner_id, name, website) values (tests.get_supabase_uid('owner'), 'Mauvais site', 'ftp://x') $$,
  '23514', null, 'a company website must be an http(s) URL');

select throws_ok(
  $$ insert into public.companies (owner_id, name, email) values (tests.get_supabase_uid('owner'), 'Mauvais mail', 'pas-un-email') $$,
  '23514', null, 'a company e-mail must be an e-mail address');

select lives_ok(
  $$ insert into public.founders (company_id, first_name, last_name, linkedin_url)
     values ('20000000-0000-4000-8000-00000000aa01', 'Julien', 'Moreau', 'https://www.linkedin.com/in/julien') $$,
  'company owners add founders to their companies');

select throws_ok(
  $$ insert into public.founders (company_id, first_name, last_name, linkedin_url)
     values ('20000000-0000-4000-8000-00000000aa01', 'Aïcha', 'Traoré', 'https://example.com/aicha') $$,
  '23514', null, 'a founder''s LinkedIn link must point to linkedin.com');

select lives_ok(
  $$ insert into public.innovations (company_id, title, kind)
     values ('20000000-0000-4000-8000-00000000aa01', 'Kit LED', 'product') $$,
  'company owners publish innovations of their companies');

select throws_ok(
  $$ insert into public.innovations (company_id, title, kind)
     values ('20000000-0000-4000-8000-00000000aa01', 'Kit LED', 'gadget') $$,
  '22P02', null, 'an innovation kind is product, service or process');

select lives_ok(
  $$ insert into public.events (company_id, title, starts_at, ends_at, location, image_path)
     values ('20000000-0000-4000-8000-00000000aa01', 'Portes ouvertes', now() + interval '1 day',
             now() + interval '1 day 3 hours', 'Lyon', '20000000-0000-4000-8000-00000000aa01/affiche.png') $$,
  'company owners create events of their companies, with an image in the company folder');

select throws_ok(
  $$ insert into public.events (company_id, title, starts_at, ends_at, location)
     values ('20000000-0000-4000-8000-00000000aa01', 'À l''envers', now() + interval '2 days', now() + interval '1 day', 'Lyon') $$,
  '23514', null, 'an event ends after it starts');

select throws_ok(
  $$ update public.companies set owner_id = tests.get_supabase_uid('rival') where id = '20000000-0000-4000-8000-00000000aa01' $$,
  '42501', 'Modification refusée : le champ « owner_id » ne peut pas être changé.',
  'owners cannot hand their company to someone else');

-- ============================================================================================
-- Another company owner
-- ============================================================================================
select tests.authenticate_as('rival');

select is((select count(*)::integer from public.companies where id = '20000000-0000-4000-8000-00000000aa01'), 1,
  'signed-in users read every company');

update public.companies set name = 'Piratée' where id = '20000000-0000-4000-8000-00000000aa01';
delete from public.events where company_id = '20000000-0000-4000-8000-00000000aa01';
select results_eq(
  $$ select (select name from public.companies where id = '20000000-0000-4000-8000-00000000aa01'),
            (select count(*)::integer from public.events where company_id = '20000000-0000-4000-8000-00000000aa01') $$,
  $$ values ('Atelier Test', 1) $$,
  'another owner can neither rename the company nor delete its events');

select throws_ok(
  $$ insert into public.founders (company_id, first_name, last_name)
     values ('20000000-0000-4000-8000-00000000aa01', 'Intrus', 'Intrus') $$,
  '42501', 'new row violates row-level security policy for table "founders"',
  'another owner cannot add founders to the company');

-- ============================================================================================
-- A member
-- ============================================================================================
select tests.authenticate_as('member');

select throws_ok(
  $$ insert into public.companies (owner_id, name) values (tests.get_supabase_uid('member'), 'Mon entreprise') $$,
  '42501', 'new row violates row-level security policy for table "companies"',
  'members (without the company role) cannot create companies');

select is((select count(*)::integer from public.innovations where company_id = '20000000-0000-4000-8000-00000000aa01'), 1,
  'members read innovations');

-- ============================================================================================
-- Anonymous
-- ============================================================================================
select tests.clear_authentication();
select throws_ok($$ select * from public.events $$, '42501', 'permission denied for table events',
  'anonymous visitors cannot read events');

-- ============================================================================================
-- Owner again: deleting the company removes what hangs off it
-- ============================================================================================
select tests.authenticate_as('owner');
delete from public.companies where id = '20000000-0000-4000-8000-00000000aa01';
select tests.authenticate_as_service_role();
select is(
  (select count(*)::integer from public.founders where company_id = '20000000-0000-4000-8000-00000000aa01')
  + (select count(*)::integer from public.events where company_id = '20000000-0000-4000-8000-00000000aa01'),
  0, 'owners delete their companies, with founders, innovations and events');

select * from finish();
rollback;
