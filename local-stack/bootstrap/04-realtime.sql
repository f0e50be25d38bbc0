-- The `realtime` schema as Supabase Realtime's tenant migrations leave it (2026-08):
-- realtime.messages partitioned by day, realtime.topic(), realtime.send() and
-- realtime.broadcast_changes() for Broadcast from Database. `_realtime` holds the stack's own
-- bookkeeping, as the CLI keeps Realtime's internals in that schema.

create schema if not exists realtime authorization supabase_admin;
grant usage, create on schema realtime to supabase_realtime_admin;
grant usage on schema realtime to postgres, anon, authenticated, service_role, dashboard_user;

set role supabase_realtime_admin;

create type realtime.equality_op as enum ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in');
create type realtime.action as enum ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'ERROR');

create table realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  id uuid not null default gen_random_uuid(),
  binary_payload bytea,
  constraint messages_payload_exclusive check (payload is null or binary_payload is null),
  primary key (id, inserted_at)
) partition by range (inserted_at);
create index messages_inserted_at_topic_index on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;

create or replace function realtime.topic() returns text
language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;

-- Not security definer: a caller without insert rights sends nothing, and says so only in a
-- warning, exactly like Supabase. Call it from security definer triggers.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    final_payload := case
      when payload ? 'id' then payload
      else jsonb_set(coalesce(payload, '{}'::jsonb), '{id}', to_jsonb(generated_id)) end;
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object(
      'old_record', old, 'record', new, 'operation', operation,
      'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
end;
$$;

reset role;

grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;
grant execute on function realtime.topic() to public;
grant execute on function realtime.send(jsonb, text, text, boolean) to postgres, anon, authenticated, service_role;
grant execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to postgres, anon, authenticated, service_role;

-- Realtime streams realtime.messages through this publication (it creates it itself on Supabase).
create publication supabase_realtime_messages_publication for table realtime.messages
  with (publish_via_partition_root = true);

create schema if not exists _realtime authorization supabase_admin;
revoke all on schema _realtime from public;

-- Daily partitions from yesterday to today + 3, older ones dropped after 72 h, like Realtime's
-- janitor. Called on every start and periodically while the stack runs.
create or replace function _realtime.maintain_message_partitions() returns void
language plpgsql set search_path = '' as $$
declare
  day date;
  part record;
begin
  for day in select generate_series(current_date - 1, current_date + 3, interval '1 day')::date loop
    execute format(
      'create table if not exists realtime.%I partition of realtime.messages for values from (%L) to (%L)',
      'messages_' || to_char(day, 'YYYY_MM_DD'), day, day + 1);
    execute format('alter table realtime.%I owner to supabase_realtime_admin', 'messages_' || to_char(day, 'YYYY_MM_DD'));
  end loop;
  for part in
    select c.relname from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    join pg_namespace n on n.oid = p.relnamespace
    where n.nspname = 'realtime' and p.relname = 'messages'
      and c.relname ~ '^messages_\d{4}_\d{2}_\d{2}$'
      and to_date(substr(c.relname, 10), 'YYYY_MM_DD') < current_date - 3
  loop
    execute format('drop table realtime.%I', part.relname);
  end loop;
end;
$$;

-- The stack runs Postgres with synchronous_commit = off, so a commit's WAL can wait up to
-- wal_writer_delay (200 ms) before the walsender may stream it. A transaction that writes a
-- message commits synchronously instead (fsync is off: the flush is a write), so Broadcast from
-- Database reaches subscribers as soon as it commits. Local-stack only; not part of Supabase.
create or replace function _realtime.flush_messages_on_commit() returns trigger
language plpgsql set search_path = '' as $$
begin
  perform pg_catalog.set_config('synchronous_commit', 'on', true);
  return null;
end;
$$;
create trigger _realtime_flush_on_commit
  after insert on realtime.messages
  for each statement execute function _realtime.flush_messages_on_commit();
