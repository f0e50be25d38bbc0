-- Stand-in for supautils, which embedded Postgres cannot load. On Supabase, `postgres` may write
-- policies on auth, storage and realtime tables without owning them (supautils.policy_grants)
-- but may not create, alter or drop anything else there. Here `postgres` inherits the owners'
-- rights, and an event trigger refuses, with the error hosted Supabase gives, every other DDL
-- it runs in those schemas, so a migration that passes locally also passes on Supabase.

grant supabase_auth_admin to postgres with inherit true, set false;
grant supabase_storage_admin to postgres with inherit true, set false;
grant supabase_realtime_admin to postgres with inherit true, set false;

create schema if not exists supautils authorization supabase_admin;
-- Event trigger functions run as whoever runs the DDL, so everyone must reach them.
grant usage on schema supautils to public;

create or replace function supautils.is_privileged_role() returns boolean
language sql stable set search_path = '' as $$
  select current_user in ('supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin')
    or coalesce((select rolsuper from pg_catalog.pg_roles where rolname = current_user), false)
$$;

create or replace function supautils.guard_service_schemas() returns event_trigger
language plpgsql set search_path = '' as $$
declare
  cmd record;
begin
  if supautils.is_privileged_role() then
    return;
  end if;
  for cmd in select * from pg_event_trigger_ddl_commands() loop
    if cmd.schema_name in ('auth', 'storage', 'realtime')
      and cmd.command_tag not in ('CREATE POLICY', 'ALTER POLICY', 'CREATE TRIGGER', 'ALTER TRIGGER', 'GRANT', 'REVOKE')
    then
      if cmd.command_tag like 'CREATE %' then
        raise exception 'permission denied for schema %', cmd.schema_name using errcode = '42501';
      end if;
      raise exception 'must be owner of % %', cmd.object_type, cmd.object_identity using errcode = '42501';
    end if;
  end loop;
end;
$$;

create or replace function supautils.guard_service_schema_drops() returns event_trigger
language plpgsql set search_path = '' as $$
declare
  obj record;
begin
  if supautils.is_privileged_role() then
    return;
  end if;
  for obj in select * from pg_event_trigger_dropped_objects() loop
    if obj.schema_name in ('auth', 'storage', 'realtime')
      and obj.object_type not in ('policy', 'trigger')
      and obj.original
    then
      raise exception 'must be owner of % %', obj.object_type, obj.object_identity using errcode = '42501';
    end if;
  end loop;
end;
$$;

create event trigger supautils_guard_ddl on ddl_command_end execute procedure supautils.guard_service_schemas();
create event trigger supautils_guard_drop on sql_drop execute procedure supautils.guard_service_schema_drops();
