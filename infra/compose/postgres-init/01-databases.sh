#!/bin/bash
# First start of the compose PostgreSQL: a database and an owner role for the catalogue and for each hub. A hub's
# role owns only its own database. In this demonstration all roles share one password (FEDERATION_DB_PASSWORD);
# a deployment gives every database its own (CloudNativePG does, see docs/deploy.md).
set -euo pipefail
for name in catalogue hub_zuid_holland hub_noord_nederland hub_oost_nederland hub_brainport hub_midden_nederland hub_amsterdam hub_brightlands; do
  psql -v ON_ERROR_STOP=1 --username postgres --set=name="$name" --set=password="$FEDERATION_DB_PASSWORD" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
