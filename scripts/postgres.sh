# Sourced by scripts/run and scripts/test. When ConnectionStrings__Default is not set, starts (creating it the
# first time) a private PostgreSQL cluster for this checkout on 127.0.0.1 and exports connection strings for it:
# ConnectionStrings__Migrations (the owning role) and ConnectionStrings__Default (the app's restricted role).
# The cluster trusts local connections only, so no password is needed or stored.

EE_PG_DATA="${EE_PG_DATA:-$EE_ROOT/.pgdata}"

ee_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' system user.
ee_as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ee_install_postgres() {
  echo "PostgreSQL is not installed; installing it with apt-get..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

ee_ensure_postgres() {
  if [ -n "${ConnectionStrings__Default:-}" ]; then
    echo "Using the database from ConnectionStrings__Default."
    return 0
  fi
  local bin
  bin="$(ee_pg_bin)" || { ee_install_postgres; bin="$(ee_pg_bin)"; } || { echo "PostgreSQL could not be installed." >&2; return 1; }

  # As root the cluster runs as 'postgres', which must be able to reach the data folder.
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$EE_PG_DATA")" 2>/dev/null; then
    EE_PG_DATA="/var/tmp/eventengine-pg-$(printf '%s' "$EE_ROOT" | md5sum | cut -c1-8)"
  fi

  if [ ! -s "$EE_PG_DATA/PG_VERSION" ]; then
    echo "Creating a PostgreSQL cluster in $EE_PG_DATA ..."
    mkdir -p "$EE_PG_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$EE_PG_DATA"
    chmod 700 "$EE_PG_DATA"
    ee_as_pg_owner "$bin/initdb" -D "$EE_PG_DATA" -U eventengine --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # The port is chosen once per cluster (54329, or the next free one) and remembered beside its data.
  if ! ee_as_pg_owner "$bin/pg_ctl" -D "$EE_PG_DATA" status >/dev/null 2>&1; then
    EE_PG_PORT="${EE_PG_PORT:-$(cat "$EE_PG_DATA/eventengine.port" 2>/dev/null || true)}"
    if [ -z "$EE_PG_PORT" ]; then
      EE_PG_PORT=54329
      while "$bin/pg_isready" -q -h 127.0.0.1 -p "$EE_PG_PORT" >/dev/null 2>&1 || (exec 3<>"/dev/tcp/127.0.0.1/$EE_PG_PORT") 2>/dev/null; do
        EE_PG_PORT=$((EE_PG_PORT + 1))
      done
      echo "$EE_PG_PORT" | ee_as_pg_owner tee "$EE_PG_DATA/eventengine.port" >/dev/null
    fi
    ee_as_pg_owner "$bin/pg_ctl" -D "$EE_PG_DATA" -l "$EE_PG_DATA/server.log" -w -t 60 start \
      -o "-p $EE_PG_PORT -k $EE_PG_DATA -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${EE_PG_FSYNC:-on}" >/dev/null \
      || { echo "PostgreSQL did not start; see $EE_PG_DATA/server.log" >&2; tail -20 "$EE_PG_DATA/server.log" >&2; return 1; }
  fi
  EE_PG_PORT="$(ee_as_pg_owner sed -n 4p "$EE_PG_DATA/postmaster.pid")" # the running server's own word
  local database="${EE_PG_DATABASE:-eventengine}"
  if ! "$bin/psql" -h 127.0.0.1 -p "$EE_PG_PORT" -U eventengine -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$EE_PG_PORT" -U eventengine "$database"
  fi
  # Two roles: eventengine owns the tables and runs the migrations; the app connects as eventengine_app, which owns
  # nothing and is no superuser, so the database's own rules (grants, and row-level security) hold for it.
  "$bin/psql" -h 127.0.0.1 -p "$EE_PG_PORT" -U eventengine -d postgres -qtAc \
    "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eventengine_app') THEN CREATE ROLE eventengine_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END \$\$" >/dev/null
  export ConnectionStrings__Migrations="Host=127.0.0.1;Port=$EE_PG_PORT;Username=eventengine;Database=$database"
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$EE_PG_PORT;Username=eventengine_app;Database=$database"
  echo "PostgreSQL is running on 127.0.0.1:$EE_PG_PORT (data in $EE_PG_DATA)."
}
