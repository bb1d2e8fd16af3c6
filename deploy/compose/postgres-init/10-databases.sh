#!/usr/bin/env bash
# Runs once, on an empty data directory (the postgres image's /docker-entrypoint-initdb.d): one database and one
# login role per service, each owning only its own database. Passwords come from the environment
# (GUCUN_DB_PASSWORD_<SERVICE>), set in compose.yaml.
set -euo pipefail
for service in membership dues rights outreach; do
  var="GUCUN_DB_PASSWORD_${service^^}"
  password="${!var:?$var is not set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
