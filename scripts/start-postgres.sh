#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL 15 on 127.0.0.1:5432 with a `logis` role and
# database, then prints the DATABASE_URL to use. Debian 12; run as root. Idempotent.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null 2>&1
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='logis'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE ROLE logis LOGIN PASSWORD 'logis'\"" >/dev/null
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='logis_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"CREATE DATABASE logis_test OWNER logis\"" >/dev/null
echo "postgres://logis:logis@127.0.0.1:5432/logis_test"
