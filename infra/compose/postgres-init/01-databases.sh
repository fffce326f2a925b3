#!/bin/bash
# First start of the compose PostgreSQL: a database and an owner role for the catalogue, the authority and each hub. A hub's
# role owns only its own database; each hub also gets an application role (<name>_app) that owns nothing, which the
# hub works as, so that it can read and add to its audit log but never change it (the owner only migrates). In this demonstration all roles share one password (FEDERATION_DB_PASSWORD);
# a deployment gives every database its own (CloudNativePG does, see docs/deploy.md).
set -euo pipefail
for name in catalogue authority hub_zuid_holland hub_noord_nederland hub_oost_nederland hub_brainport hub_midden_nederland hub_amsterdam hub_brightlands hub_ai_factory_groningen; do
  psql -v ON_ERROR_STOP=1 --username postgres --set=name="$name" --set=password="$FEDERATION_DB_PASSWORD" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  if [ "$name" != catalogue ] && [ "$name" != authority ]; then
    psql -v ON_ERROR_STOP=1 --username postgres --set=name="$name" --set=app="${name}_app" --set=password="$FEDERATION_DB_PASSWORD" <<'SQL'
CREATE ROLE :"app" LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE :"name" TO :"app";
SQL
  fi
done
