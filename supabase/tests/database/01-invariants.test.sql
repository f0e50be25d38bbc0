-- Invariants of the whole schema: what every table, key and function must have.
begin;
select plan(13);

-- ============================================================================================
-- Tables
-- ============================================================================================
select tests.rls_enabled('public');

select is(
  array(
    select format('%s.%s', c.conrelid::regclass, c.conname)
    from pg_catalog.pg_constraint c
    join pg_catalog.pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'
      and not exists (
        select 1 from pg_catalog.pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::smallint[])[0:cardinality(c.conkey) - 1] @> c.conkey
          and (i.indkey::smallint[])[0:cardinality(c.conkey) - 1] <@ c.conkey
      )
    order by 1),
  array[]::text[],
  'every foreign key of public is the leading part of an index');

select is(
  array(
    select c.relname::text from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'v')
      and coalesce(obj_description(c.oid, 'pg_class'), '') = ''
    order by 1),
  array[]::text[],
  'every table and view of public has a comment');

select is(
  array(
    select c.relname::text from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and not exists (
        select 1 from pg_catalog.pg_attribute a
        where a.attrelid = c.oid and a.attname = 'updated_at' and not a.attisdropped)
    order by 1),
  array[]::text[],
  'every table of public has an updated_at column');

select is(
  array(
    select c.relname::text from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and not exists (
        select 1 from pg_catalog.pg_trigger t
        where t.tgrelid = c.oid and t.tgname = 'set_timestamps' and not t.tgisinternal)
    order by 1),
  array[]::text[],
  'every table of public keeps its timestamps with the set_timestamps trigger');

select is(
  array(
    select format('%s.%s', c.relname, a.attname) from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and a.atttypid = 'timestamp'::regtype
    order by 1),
  array[]::text[],
  'time points are timestamptz, never timestamp without time zone');

select is(
  array(
    select format('%s.%s', c.relname, a.attname) from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      and (a.attname like '%status' or a.attname in ('role', 'kind'))
      and not exists (select 1 from pg_catalog.pg_type t where t.oid = a.atttypid and t.typtype = 'e')
    order by 1),
  array[]::text[],
  'every status, role and kind column is an enum');

-- ============================================================================================
-- Views
-- ============================================================================================
select is(
  array(
    select c.relname::text from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'v'
      and not coalesce('security_invoker=true' = any (c.reloptions), false)
    order by 1),
  array[]::text[],
  'every view of public is security_invoker');

-- ============================================================================================
-- Functions
-- ============================================================================================
select is(
  array(
    select p.oid::regprocedure::text from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private') and p.prosecdef
      and not exists (select 1 from unnest(p.proconfig) setting where setting like 'search_path=%')
    order by 1),
  array[]::text[],
  'no security definer function runs without a fixed search_path');

select is(
  array(
    select p.oid::regprocedure::text from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prosecdef
    order by 1),
  array[]::text[],
  'public functions (the API) are security invoker; privileged work lives in private');

select is(
  array(
    select p.oid::regprocedure::text from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private')
      and has_function_privilege('anon', p.oid, 'execute')
    order by 1),
  array[]::text[],
  'anon may execute no function of public or private');

select bag_eq(
  $$
    select p.proname::text from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and has_function_privilege('authenticated', p.oid, 'execute')
  $$,
  array['send_coaching_request', 'answer_coaching_request', 'cancel_coaching_session',
        'complete_coaching_session', 'rate_coaching_session', 'mark_conversation_read',
        'mark_notifications_seen', 'end_video_session'],
  'authenticated may execute exactly the eight RPCs of public');

select schema_privs_are('private', 'anon', array[]::text[],
  'the private schema is out of reach of anon');

select * from finish();
rollback;
