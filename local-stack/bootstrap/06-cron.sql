-- Stand-in for pg_cron, which embedded Postgres cannot load: the same `cron` schema, tables and
-- functions as pg_cron 1.6 (cron.job, cron.job_run_details, cron.schedule, cron.unschedule,
-- cron.alter_job, cron.schedule_in_database), owned and granted as Supabase's after-create script
-- leaves them for `postgres`. local-stack/cron/scheduler.ts runs the jobs. Installed only when the
-- real extension is not available (see the last statement).

-- Internals the cron functions delegate to; not part of pg_cron's interface.
create schema _local_cron authorization supabase_admin;
revoke all on schema _local_cron from public;
grant usage on schema _local_cron to postgres;

-- Built under a staging name, renamed to `cron` at the end when pg_cron is not available.
create schema _local_cron_staging authorization supabase_admin;

create sequence _local_cron_staging.jobid_seq;
create sequence _local_cron_staging.runid_seq;

create table _local_cron_staging.job (
  jobid bigint primary key default nextval('_local_cron_staging.jobid_seq'),
  schedule text not null,
  command text not null,
  nodename text not null default 'localhost',
  nodeport integer not null default inet_server_port(),
  database text not null default current_database(),
  username text not null default current_user,
  active boolean not null default true,
  jobname text,
  constraint jobname_username_uniq unique (jobname, username)
);
alter table _local_cron_staging.job enable row level security;
create policy cron_job_policy on _local_cron_staging.job using (username = current_user);

create table _local_cron_staging.job_run_details (
  jobid bigint,
  runid bigint primary key default nextval('_local_cron_staging.runid_seq'),
  job_pid integer,
  database text,
  username text,
  command text,
  status text,
  return_message text,
  start_time timestamptz,
  end_time timestamptz
);
alter table _local_cron_staging.job_run_details enable row level security;
create policy cron_job_run_details_policy on _local_cron_staging.job_run_details
  using (username = current_user);

-- pg_cron's schedule grammar: five fields (minute hour day-of-month month day-of-week) with
-- lists, ranges, steps and month/day names, `$` for the last day of the month, the @ macros,
-- and '[1-59] seconds'. The scheduler parses the same grammar (local-stack/cron/schedule.ts).
create function _local_cron.is_valid_field(field text, low integer, high integer, names text[])
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  item text;
  parts text[];
  bounds text[];
  value_text text;
  value integer;
begin
  if field is null or field = '' then
    return false;
  end if;
  foreach item in array string_to_array(field, ',') loop
    parts := regexp_match(item, '^(\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:/([0-9]+))?$');
    if parts is null then
      return false;
    end if;
    if parts[2] is not null and (parts[2]::integer < 1 or parts[2]::integer > high - low + 1) then
      return false;
    end if;
    if parts[1] <> '*' then
      bounds := string_to_array(parts[1], '-');
      foreach value_text in array bounds loop
        if value_text ~ '^[0-9]+$' then
          value := value_text::integer;
        elsif names is not null and array_position(names, value_text) is not null then
          value := low + array_position(names, value_text) - 1;
        else
          return false;
        end if;
        if value < low or value > high then
          return false;
        end if;
      end loop;
    end if;
  end loop;
  return true;
end;
$$;

create function _local_cron.is_valid_schedule(schedule text)
returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  spec text := lower(btrim(schedule));
  fields text[];
begin
  if spec is null then
    return false;
  end if;
  if spec ~ '^([1-9]|[1-5][0-9]) seconds?$' then
    return true;
  end if;
  if spec in ('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@reboot') then
    return true;
  end if;
  fields := regexp_split_to_array(spec, '\s+');
  if array_length(fields, 1) <> 5 then
    return false;
  end if;
  return _local_cron.is_valid_field(fields[1], 0, 59, null)
    and _local_cron.is_valid_field(fields[2], 0, 23, null)
    and (fields[3] = '$' or _local_cron.is_valid_field(fields[3], 1, 31, null))
    and _local_cron.is_valid_field(fields[4], 1, 12,
      array['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'])
    and _local_cron.is_valid_field(fields[5], 0, 7, array['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
end;
$$;

-- pg_cron switches to the extension owner to write cron.job: these run as supabase_admin. The
-- caller's role is passed in by the cron.* wrappers (a definer function cannot see it), and it
-- must be a role the session may become, so nobody schedules work for a role they cannot use.
create function _local_cron.save_job(
  job_name text, schedule text, command text, database text, username text, active boolean
)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  saved bigint;
begin
  if not _local_cron.is_valid_schedule(schedule) then
    raise exception 'invalid schedule: %', schedule
      using errcode = '22023',
            hint = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''';
  end if;
  if not pg_catalog.pg_has_role(session_user, username, 'MEMBER') then
    raise exception 'must be superuser to create a job for another role';
  end if;
  if not exists (select 1 from pg_catalog.pg_roles r where r.rolname = username) then
    raise exception 'role "%" does not exist', username;
  end if;
  if job_name is null then
    insert into cron.job (schedule, command, database, username, active)
    values (save_job.schedule, save_job.command, coalesce(save_job.database, current_database()),
            save_job.username, save_job.active)
    returning jobid into saved;
  else
    insert into cron.job (schedule, command, database, username, active, jobname)
    values (save_job.schedule, save_job.command, coalesce(save_job.database, current_database()),
            save_job.username, save_job.active, save_job.job_name)
    on conflict on constraint jobname_username_uniq do update
    set schedule = excluded.schedule, command = excluded.command, database = excluded.database
    returning jobid into saved;
  end if;
  return saved;
end;
$$;

create function _local_cron.delete_job(job_id bigint, job_name text, username text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_job record;
begin
  if not pg_catalog.pg_has_role(session_user, username, 'MEMBER') then
    raise exception 'permission denied for table job' using errcode = '42501';
  end if;
  if job_name is null then
    select * into found_job from cron.job j where j.jobid = job_id;
    if not found then
      raise exception 'could not find valid entry for job %', job_id;
    end if;
  else
    select * into found_job from cron.job j where j.jobname = job_name and j.username = delete_job.username;
    if not found then
      raise exception 'could not find valid entry for job ''%''', job_name;
    end if;
  end if;
  if found_job.username <> delete_job.username
    and not pg_catalog.pg_has_role(delete_job.username, 'supabase_admin', 'MEMBER') then
    raise exception 'permission denied for table job' using errcode = '42501';
  end if;
  delete from cron.job j where j.jobid = found_job.jobid;
  return true;
end;
$$;

create function _local_cron.update_job(
  job_id bigint, schedule text, command text, database text, username text, active boolean, caller text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_job record;
begin
  if not pg_catalog.pg_has_role(session_user, caller, 'MEMBER') then
    raise exception 'permission denied for table job' using errcode = '42501';
  end if;
  select * into found_job from cron.job j where j.jobid = job_id;
  if not found or (found_job.username <> caller and not pg_catalog.pg_has_role(caller, 'supabase_admin', 'MEMBER')) then
    raise exception 'Job % does not exist or you don''t own it', job_id;
  end if;
  if schedule is not null and not _local_cron.is_valid_schedule(schedule) then
    raise exception 'invalid schedule: %', schedule
      using errcode = '22023',
            hint = 'Use cron format (e.g. 5 4 * * *), or interval format ''[1-59] seconds''';
  end if;
  if username is not null and username <> caller and not pg_catalog.pg_has_role(caller, 'supabase_admin', 'MEMBER') then
    raise exception 'must be superuser to alter username';
  end if;
  update cron.job j
  set schedule = coalesce(update_job.schedule, j.schedule),
      command = coalesce(update_job.command, j.command),
      database = coalesce(update_job.database, j.database),
      username = coalesce(update_job.username, j.username),
      active = coalesce(update_job.active, j.active)
  where j.jobid = found_job.jobid;
end;
$$;

revoke all on all functions in schema _local_cron from public;
grant execute on function _local_cron.save_job(text, text, text, text, text, boolean) to postgres;
grant execute on function _local_cron.delete_job(bigint, text, text) to postgres;
grant execute on function _local_cron.update_job(bigint, text, text, text, text, boolean, text) to postgres;

-- pg_cron's interface. Security invoker, so current_user is the caller, as pg_cron records it.
create function _local_cron_staging.schedule(schedule text, command text)
returns bigint
language plpgsql
set search_path = ''
as $$
begin
  if schedule is null then raise exception 'schedule can not be NULL'; end if;
  if command is null then raise exception 'command can not be NULL'; end if;
  return _local_cron.save_job(null, schedule, command, null, current_user::text, true);
end;
$$;
comment on function _local_cron_staging.schedule(text, text) is 'schedule a pg_cron job';

create function _local_cron_staging.schedule(job_name text, schedule text, command text)
returns bigint
language plpgsql
set search_path = ''
as $$
begin
  if job_name is null then raise exception 'job_name can not be NULL'; end if;
  if schedule is null then raise exception 'schedule can not be NULL'; end if;
  if command is null then raise exception 'command can not be NULL'; end if;
  return _local_cron.save_job(job_name, schedule, command, null, current_user::text, true);
end;
$$;
comment on function _local_cron_staging.schedule(text, text, text) is 'schedule a pg_cron job';

create function _local_cron_staging.schedule_in_database(
  job_name text, schedule text, command text, database text,
  username text default null, active boolean default true
)
returns bigint
language plpgsql
set search_path = ''
as $$
begin
  if job_name is null then raise exception 'job_name can not be NULL'; end if;
  if schedule is null then raise exception 'schedule can not be NULL'; end if;
  if command is null then raise exception 'command can not be NULL'; end if;
  if database is null then raise exception 'database can not be NULL'; end if;
  return _local_cron.save_job(job_name, schedule, command, database,
                              coalesce(username, current_user::text), coalesce(active, true));
end;
$$;
comment on function _local_cron_staging.schedule_in_database(text, text, text, text, text, boolean) is
  'schedule a pg_cron job';

create function _local_cron_staging.unschedule(job_id bigint)
returns boolean
language plpgsql
set search_path = ''
as $$
begin
  return _local_cron.delete_job(job_id, null, current_user::text);
end;
$$;
comment on function _local_cron_staging.unschedule(bigint) is 'unschedule a pg_cron job';

create function _local_cron_staging.unschedule(job_name text)
returns boolean
language plpgsql
set search_path = ''
as $$
begin
  if job_name is null then raise exception 'job_name can not be NULL'; end if;
  return _local_cron.delete_job(null, job_name, current_user::text);
end;
$$;
comment on function _local_cron_staging.unschedule(text) is 'unschedule a pg_cron job';

create function _local_cron_staging.alter_job(
  job_id bigint, schedule text default null, command text default null,
  database text default null, username text default null, active boolean default null
)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if job_id is null then raise exception 'job_id can not be NULL'; end if;
  perform _local_cron.update_job(job_id, schedule, command, database, username, active, current_user::text);
end;
$$;
comment on function _local_cron_staging.alter_job(bigint, text, text, text, text, boolean) is
  'Alter the job identified by job_id. Any option left as NULL will not be modified.';

-- Supabase's pg_cron after-create script: postgres uses the schema and its functions, reads
-- cron.job (writes go through the functions) and has all rights on cron.job_run_details.
grant select on _local_cron_staging.job, _local_cron_staging.job_run_details to public;
grant usage on schema _local_cron_staging to postgres with grant option;
grant all on all functions in schema _local_cron_staging to postgres with grant option;
grant all privileges on all tables in schema _local_cron_staging to postgres with grant option;
revoke all on table _local_cron_staging.job from postgres;
grant select on table _local_cron_staging.job to postgres with grant option;

do $$
begin
  if exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    drop schema _local_cron_staging cascade;
    drop schema _local_cron cascade;
  else
    alter schema _local_cron_staging rename to cron;
  end if;
end;
$$;
