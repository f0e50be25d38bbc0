-- Roles of a Supabase database (supabase/postgres init scripts and migrations, after
-- 10000000000000_demote-postgres and 20230529180330_alter_api_roles_for_inherit).
-- Runs once, as the bootstrap superuser supabase_admin, on a new cluster.

alter role supabase_admin with superuser createdb createrole replication bypassrls;
alter role supabase_admin set search_path = "$user", public, auth, extensions;

-- postgres: the role of migrations, seeds and the dashboard; not a superuser on Supabase.
create role postgres with login createdb createrole replication bypassrls password 'postgres';
alter role postgres set search_path = "$user", public, extensions;

-- The API roles PostgREST, Storage and Realtime switch to.
create role anon nologin inherit;
create role authenticated nologin inherit;
create role service_role nologin inherit bypassrls;
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

create role authenticator with login noinherit password 'postgres';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres with admin option;

-- Service owners.
create role supabase_auth_admin with login noinherit createrole password 'postgres';
alter role supabase_auth_admin set search_path = auth;
alter role supabase_auth_admin set idle_in_transaction_session_timeout = 60000;

create role supabase_storage_admin with login noinherit createrole password 'postgres';
alter role supabase_storage_admin set search_path = storage;
grant authenticator to supabase_storage_admin;

create role supabase_realtime_admin with login noinherit replication password 'postgres';
grant anon, authenticated, service_role to supabase_realtime_admin;

create role supabase_replication_admin with login replication password 'postgres';
create role supabase_read_only_user with login bypassrls password 'postgres';
grant pg_read_all_data to supabase_read_only_user;
create role supabase_functions_admin with login noinherit createrole password 'postgres';
create role supabase_etl_admin with login replication password 'postgres';
create role dashboard_user with nologin createdb createrole replication;
create role pgbouncer with login password 'postgres';

-- The database belongs to postgres, as on a Supabase project.
alter database postgres owner to postgres;
alter database postgres set "app.settings.jwt_exp" = '3600';

-- public: usable by every API role; what they may do with each table is granted per table.
grant usage on schema public to postgres, anon, authenticated, service_role;
grant all on schema public to postgres;
