#!/usr/bin/env bash
# Start a local PostgreSQL for the store tests and export ACTORGRAPH_TEST_PG.
# Source it (`. .ci/postgres.sh`) as root: CI does, and so can a developer on a Debian machine.
# It installs Debian's postgresql if absent, starts (or creates) a cluster on loopback and
# creates the role and database `actorgraph_test`. Idempotent: running it twice is harmless.
set -euo pipefail

PG_ROLE=actorgraph_test
PG_PASSWORD=actorgraph_test
PG_DB=actorgraph_test

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    echo "postgres: installing Debian's postgresql" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION main"; then
    pg_createcluster "$PG_VERSION" main >/dev/null
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')"
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    pg_ctlcluster "$PG_VERSION" main start
fi
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 1
done

as_postgres() { (cd / && su postgres -c "$1"); }
as_postgres "psql -p $PG_PORT -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'\"" | grep -q 1 ||
    as_postgres "psql -p $PG_PORT -qc \"CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD'\""
as_postgres "psql -p $PG_PORT -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"" | grep -q 1 ||
    as_postgres "createdb -p $PG_PORT -O $PG_ROLE $PG_DB"

export ACTORGRAPH_TEST_PG="postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
echo "postgres: $PG_VERSION on 127.0.0.1:$PG_PORT, ACTORGRAPH_TEST_PG=$ACTORGRAPH_TEST_PG" >&2
