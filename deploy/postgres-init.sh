#!/usr/bin/env bash
# Two roles for Rolegate's database, created once when the PostgreSQL container initializes an empty
# data directory (docker-compose.production.yml mounts this file into /docker-entrypoint-initdb.d/):
#
#   rolegate      owns the database and the schema: migrations (DDL) run as it, over
#                 DATABASE_MIGRATION_URL_FILE. Not a superuser.
#   rolegate_app  what the server runs as (DATABASE_URL_FILE): select, insert, update and delete on
#                 the tables, usage on the sequences, nothing else. It cannot create, alter, drop or
#                 truncate a table, nor drop the audit log's append-only trigger (only its owner can).
#
# The tables do not exist yet: migrations create them later, as rolegate, and the default privileges
# below give rolegate_app its rights on each. The grants on existing tables make the script also
# right for a database that already has them (docs/deployment.md, "Upgrading a deployment made
# before these files"); it may be run again: roles that exist get their password from the files.
#
# Reads the passwords from secret files (never from the environment or a command line):
#   $ROLEGATE_SECRETS_DIR/postgres_owner_password and postgres_app_password (default /run/secrets).
# Runs as the container's superuser ($POSTGRES_USER) on $POSTGRES_DB, over the local socket.
#
# The image's entrypoint runs this file when it is executable and sources it otherwise: the body is
# a subshell, so its shell options never leak into the entrypoint.
main() (
  set -Eeuo pipefail
  local secrets="${ROLEGATE_SECRETS_DIR:-/run/secrets}"
  local owner_file="$secrets/postgres_owner_password" app_file="$secrets/postgres_app_password"
  for file in "$owner_file" "$app_file"; do
    if [[ ! -s "$file" ]]; then
      echo "postgres-init: $file is missing or empty: run deploy/create-secrets.sh on the host." >&2
      exit 1
    fi
  done

  # psql reads each password itself (\set with a backquoted cat of a file named in the environment):
  # no password in any process's arguments. :'name' quotes a value as an SQL literal, :"name" as an
  # identifier.
  export ROLEGATE_OWNER_FILE="$owner_file" ROLEGATE_APP_FILE="$app_file"
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-rolegate}" \
    --set db="${POSTGRES_DB:-rolegate}" <<'SQL'
\set owner_password `cat "$ROLEGATE_OWNER_FILE"`
\set app_password `cat "$ROLEGATE_APP_FILE"`

-- The roles: created when missing, their passwords set from the secret files either way.
select 'create role rolegate login' where not exists (select from pg_roles where rolname = 'rolegate') \gexec
select 'create role rolegate_app login' where not exists (select from pg_roles where rolname = 'rolegate_app') \gexec
alter role rolegate with login password :'owner_password';
alter role rolegate_app with login nosuperuser nocreatedb nocreaterole noreplication password :'app_password';

-- The owner owns the database, hence the public schema (owned by pg_database_owner since PostgreSQL 15).
alter database :"db" owner to rolegate;

-- Only the owner, the superuser and the runtime role connect; nobody else creates anything in public.
revoke all on database :"db" from public;
grant connect on database :"db" to rolegate_app;
revoke create on schema public from public;
grant usage on schema public to rolegate_app;

-- Every table and sequence rolegate creates from now on (the migrations).
alter default privileges for role rolegate in schema public grant select, insert, update, delete on tables to rolegate_app;
alter default privileges for role rolegate in schema public grant usage, select on sequences to rolegate_app;

-- Those that exist already (a database migrated before this script ran).
grant select, insert, update, delete on all tables in schema public to rolegate_app;
grant usage, select on all sequences in schema public to rolegate_app;
SQL
)

main "$@"
