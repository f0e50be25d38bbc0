-- Test helpers with the names of basejump's supabase-test-helpers, written for this project and
-- installed the "manual" way its README describes: this file runs first (alphabetical order)
-- and creates them outside any transaction, so every later file can use them.
--   tests.create_supabase_user(identifier, email, phone, metadata)  a user in auth.users
--   tests.get_supabase_uid(identifier), tests.get_supabase_user(identifier)
--   tests.authenticate_as(identifier)  role authenticated + JWT claims of that user
--   tests.authenticate_as_service_role(), tests.clear_authentication()
--   tests.rls_enabled(schema[, table])  pgTAP assertion

create extension if not exists pgtap with schema extensions;

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

-- Users are found again by the identifier kept in their metadata.
create or replace function tests.create_supabase_user(
  identifier text, email text default null, phone text default null, metadata jsonb default null
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  user_id uuid := gen_random_uuid();
begin
  insert into auth.users (
    instance_id, id, aud, role, email, phone, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change
  ) values (
    '00000000-0000-0000-0000-000000000000', user_id, 'authenticated', 'authenticated',
    coalesce(email, concat(user_id, '@test.example')), phone, '', now(),
    '{"provider": "email", "providers": ["email"]}'::jsonb,
    jsonb_build_object('test_identifier', identifier) || coalesce(metadata, '{}'::jsonb),
    now(), now(), '', '', '', ''
  );
  return user_id;
end;
$$;

create or replace function tests.get_supabase_uid(identifier text)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  user_id uuid;
begin
  select u.id into user_id from auth.users u
  where u.raw_user_meta_data ->> 'test_identifier' = identifier
  limit 1;
  if user_id is null then
    raise exception 'User with identifier % not found', identifier;
  end if;
  return user_id;
end;
$$;

create or replace function tests.get_supabase_user(identifier text)
returns json
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  found json;
begin
  select json_build_object(
    'id', u.id, 'email', u.email, 'phone', u.phone,
    'raw_user_meta_data', u.raw_user_meta_data, 'raw_app_meta_data', u.raw_app_meta_data)
  into found
  from auth.users u
  where u.raw_user_meta_data ->> 'test_identifier' = identifier
  limit 1;
  if found is null then
    raise exception 'User with identifier % not found', identifier;
  end if;
  return found;
end;
$$;

-- Not security definer: a definer function may not change the role.
create or replace function tests.authenticate_as(identifier text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  found json := tests.get_supabase_user(identifier);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object(
    'sub', found ->> 'id',
    'email', found ->> 'email',
    'phone', found ->> 'phone',
    'role', 'authenticated',
    'aud', 'authenticated',
    'user_metadata', found -> 'raw_user_meta_data',
    'app_metadata', found -> 'raw_app_meta_data')::text, true);
end;
$$;

create or replace function tests.authenticate_as_service_role()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
end;
$$;

create or replace function tests.clear_authentication()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role": "anon"}', true);
end;
$$;

-- pgTAP's own functions call each other unqualified: they must be on the search_path.
create or replace function tests.rls_enabled(testing_schema text)
returns text
language sql
set search_path = extensions, pg_catalog
as $$
  select extensions.is(
    (select count(*)::integer from pg_catalog.pg_class c
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = testing_schema and c.relkind in ('r', 'p') and not c.relrowsecurity),
    0,
    format('every table of schema %s has row level security enabled', testing_schema))
$$;

create or replace function tests.rls_enabled(testing_schema text, testing_table text)
returns text
language sql
set search_path = extensions, pg_catalog
as $$
  select extensions.ok(
    coalesce((select c.relrowsecurity from pg_catalog.pg_class c
              join pg_catalog.pg_namespace n on n.oid = c.relnamespace
              where n.nspname = testing_schema and c.relname = testing_table), false),
    format('table %s.%s has row level security enabled', testing_schema, testing_table))
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

begin;
select plan(8);

select function_returns('tests', 'create_supabase_user', array['text', 'text', 'text', 'jsonb'], 'uuid',
  'tests.create_supabase_user(identifier, email, phone, metadata) returns the new user id');
select function_returns('tests', 'get_supabase_uid', array['text'], 'uuid',
  'tests.get_supabase_uid(identifier) returns a user id');
select function_returns('tests', 'get_supabase_user', array['text'], 'json',
  'tests.get_supabase_user(identifier) returns the user as json');
select function_returns('tests', 'authenticate_as', array['text'], 'void',
  'tests.authenticate_as(identifier) switches to that user');
select function_returns('tests', 'authenticate_as_service_role', array[]::text[], 'void',
  'tests.authenticate_as_service_role() switches to the service role');
select function_returns('tests', 'clear_authentication', array[]::text[], 'void',
  'tests.clear_authentication() switches back to anon');
select function_returns('tests', 'rls_enabled', array['text'], 'text',
  'tests.rls_enabled(schema) is a pgTAP assertion');

select tests.create_supabase_user('helper-check');
select is(tests.get_supabase_uid('helper-check'),
  (select id from auth.users where raw_user_meta_data ->> 'test_identifier' = 'helper-check'),
  'a created user is found again by its identifier');

select * from finish();
rollback;
