#!/bin/sh
# Run once by the postgres image when its volume is new: the app's own role, which owns nothing. The tables belong
# to POSTGRES_USER, which runs the migrations; the app connects as eventengine_app.
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" <<SQL
CREATE ROLE eventengine_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$APP_DB_PASSWORD';
SQL
